export { ExpiryChip } from './ExpiryChip';
export { expiryColor, expirySeverity } from './expiryColors';
export type { ExpirySeverity } from './expiryColors';

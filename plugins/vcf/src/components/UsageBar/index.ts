export { UsageBar, usageLevel } from './UsageBar';
export type { UsageLevel } from './UsageBar';

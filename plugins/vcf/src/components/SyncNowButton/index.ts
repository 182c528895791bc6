export { SyncNowButton } from './SyncNowButton';
export type { SyncNowButtonProps } from './SyncNowButton';

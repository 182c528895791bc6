export {
  SyncErrorAlert,
  SyncStatusIndicator,
  SyncTargetSummary,
} from './SyncStatus';
export { describeSyncProgress, describeSyncResult } from './syncProgressText';

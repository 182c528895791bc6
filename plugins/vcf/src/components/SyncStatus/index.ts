export {
  SyncErrorAlert,
  SyncStatusIndicator,
  SyncTargetSummary,
} from './SyncStatus';

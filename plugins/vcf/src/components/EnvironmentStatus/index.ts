export {
  CredentialCounts,
  EnvironmentSyncButton,
  EnvironmentSyncStatus,
  environmentSources,
} from './EnvironmentStatus';

export {
  CredentialTasksPanel,
  type CredentialTasksPanelProps,
} from './CredentialTasksPanel';

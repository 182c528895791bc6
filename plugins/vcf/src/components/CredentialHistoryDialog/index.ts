export { CredentialHistoryButton } from './CredentialHistoryDialog';

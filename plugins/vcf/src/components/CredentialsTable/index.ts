export { CredentialsTable, CREDENTIAL_EXPORT_HINT } from './CredentialsTable';
export type { CredentialsTableProps } from './CredentialsTable';
export { credentialColumns } from './columns';

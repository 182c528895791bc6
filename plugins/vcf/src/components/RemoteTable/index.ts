export { RemoteTable } from './RemoteTable';
export type { RemoteTableFilter, RemoteTableProps } from './RemoteTable';

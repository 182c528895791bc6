export { RemoteTable } from './RemoteTable';
export type {
  RemoteTableColumn,
  RemoteTableFilter,
  RemoteTableProps,
} from './RemoteTable';

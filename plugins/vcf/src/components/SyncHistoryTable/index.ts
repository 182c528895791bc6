export { SyncHistoryTable } from './SyncHistoryTable';

export { StorageView } from './StorageView';
export { HostAccessMatrix, buildHostAccess } from './HostAccessMatrix';
export { DatastoreClusterMembers } from './DatastoreClusterMembers';

import type {
  CredentialFacets,
  AlarmRow,
  ClusterRow,
  DatastoreClusterRow,
  DatastoreRow,
  EventRow,
  HostNicRow,
  HostRow,
  HostVmkernelAdapterRow,
  InventoryKind,
  ListQuery,
  NetworkRow,
  SnapshotRow,
  TaskRow,
  VmDiskRow,
  VmNicRow,
  VmRow,
} from '@vcf-backstage/plugin-vcf-common';

export type {
  CredentialFacets,
  SyncTriggerResponse,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * File formats the export endpoints produce: `csv` prefixes values that start with `=`, `+`, `-` or `@` with
 * `'` so spreadsheet programs cannot run them as formulas; `csv-raw` keeps every value exactly (for scripts);
 * `xlsx` keeps every value exactly in text cells.
 * @public
 */
export type VcfExportFormat = 'csv' | 'csv-raw' | 'xlsx';

/**
 * A file the backend sent as an attachment, ready to be saved by the browser.
 * @public
 */
export interface VcfDownload {
  blob: Blob;
  /** From `Content-Disposition`, or a sensible default. */
  filename: string;
}

/**
 * The credential filters that {@link CredentialFacets} describes, by name.
 * @public
 */
export type CredentialFilterName = keyof CredentialFacets;

/**
 * Filters of `GET /inventory/:kind`, on top of paging, sorting and search.
 * @public
 */
export interface InventoryListQuery extends ListQuery {
  vcenterId?: string;
  environmentId?: string;
  /** Alarms only: `red`, `yellow`, … */
  severity?: string;
  /** VMs only: `poweredOn`, `poweredOff`, `suspended`. */
  powerState?: string;
}

/**
 * The row type of each inventory kind.
 * @public
 */
export interface InventoryRowsByKind {
  vms: VmRow;
  hosts: HostRow;
  clusters: ClusterRow;
  datastores: DatastoreRow;
  'datastore-clusters': DatastoreClusterRow;
  networks: NetworkRow;
  snapshots: SnapshotRow;
  alarms: AlarmRow;
  tasks: TaskRow;
  events: EventRow;
  'vm-disks': VmDiskRow;
  'vm-nics': VmNicRow;
  'host-nics': HostNicRow;
  'host-vmkernel-adapters': HostVmkernelAdapterRow;
}

/**
 * The row type of one inventory kind.
 * @public
 */
export type InventoryRow<K extends InventoryKind = InventoryKind> =
  InventoryRowsByKind[K];

/**
 * Parameters of `GET /inventory/top`.
 * @public
 */
export interface TopItemsQuery {
  type: 'vm' | 'host';
  metric: 'cpu' | 'memory';
  /** Default 10. */
  limit?: number;
  environmentId?: string;
  vcenterId?: string;
}

/**
 * Parameters of `GET /audit`.
 * @public
 */
export interface AuditListQuery {
  offset?: number;
  limit?: number;
  action?: string;
  environmentId?: string;
  /** Actor entity ref, e.g. `user:default/alice`. */
  actor?: string;
  result?: 'succeeded' | 'failed' | 'denied';
  /** ISO date-times: entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

/**
 * Parameters of `GET /inventory/summary`.
 * @public
 */
export interface InventoryScope {
  environmentId?: string;
  vcenterId?: string;
}

/**
 * Paging of `GET /environments/:id/sync-runs`.
 * @public
 */
export interface SyncRunListQuery {
  offset?: number;
  limit?: number;
}

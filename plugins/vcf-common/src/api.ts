/**
 * Types of the `/api/vcf` HTTP API, shared by the backend (which serves them) and the frontend (which reads them).
 * No type here carries a password except {@link RevealedPassword}.
 */

/**
 * One page of a list: the rows of the page and how many rows match in all.
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
}

/**
 * Paging, sorting and search parameters every list endpoint accepts.
 * @public
 */
export interface ListQuery {
  /** Zero-based row offset. */
  offset?: number;
  /** Rows per page (1–500, default 25). */
  limit?: number;
  /** Column to sort by (each list documents its sortable columns). */
  orderBy?: string;
  /** Sort direction. */
  order?: 'asc' | 'desc';
  /** Free-text search. */
  q?: string;
}

/**
 * Where an environment's definition comes from: `app-config.yaml` (read-only) or the API.
 * @public
 */
export type ManagedBy = 'config' | 'api';

/**
 * The upstream system a credential was read from.
 * @public
 */
export type CredentialSource = 'sddc-manager' | 'installer';

/**
 * Outcome of the last sync of a target.
 * @public
 */
export type SyncStatus = 'never' | 'running' | 'succeeded' | 'failed' | 'disabled';

/**
 * TLS settings of one upstream endpoint.
 * @public
 */
export interface TlsSettings {
  /** Verify the server certificate (default true). */
  verify?: boolean;
  /** PEM CA bundle to trust in addition to the system ones. */
  ca?: string;
}

/**
 * An upstream endpoint of an environment, as the API shows it (never with its password).
 * @public
 */
export interface EndpointSummary {
  baseUrl: string;
  username: string;
  tls: TlsSettings;
  /** Human-readable schedule, e.g. "every 30 minutes". */
  schedule: string;
  /** Minutes between syncs. */
  intervalMinutes: number;
}

/**
 * State of one sync target (an environment source or a vCenter).
 * @public
 */
export interface SyncTargetStatus {
  targetId: string;
  status: SyncStatus;
  lastStartedAt?: string;
  lastFinishedAt?: string;
  lastSucceededAt?: string;
  lastDurationMs?: number;
  lastError?: string;
  lastCount?: number;
  /** Counts of the last finished run, e.g. `{ total: 258, passwordsChanged: 2, removed: 1 }`. */
  lastCounts?: Record<string, number>;
  nextRunAt?: string;
  /** What a queued or running sync is doing now; absent when idle. */
  progress?: SyncProgress;
}

/**
 * Where a sync run is: waiting for a backend instance, logging in, fetching (page by page) or writing.
 * @public
 */
export type SyncPhase =
  | 'queued'
  | 'starting'
  | 'logging-in'
  | 'fetching'
  | 'writing';

/**
 * Live progress of a sync run, persisted so that any backend replica can report it.
 * @public
 */
export interface SyncProgress {
  phase: SyncPhase;
  /** Pages (or round trips) fetched so far, from 1. */
  page?: number;
  /** Pages in all, when the upstream says so (SDDC Manager does; a vCenter does not). */
  pageCount?: number;
  /** Items fetched so far. */
  items?: number;
  /** What is being read, e.g. `hosts`. */
  step?: string;
  updatedAt: string;
}

/**
 * A VCF environment as the API lists it.
 * @public
 */
export interface VcfEnvironment {
  id: string;
  title: string;
  description?: string;
  /** Entity ref of the owner group, e.g. `group:default/vcf-admins`. */
  owner?: string;
  managedBy: ManagedBy;
  sddcManager?: EndpointSummary;
  installer?: EndpointSummary;
  /** Discover the environment's vCenters from SDDC Manager for the inventory. */
  discoverVcenters: boolean;
  sync: Partial<Record<CredentialSource, SyncTargetStatus>>;
  credentialCounts: {
    total: number;
    removed: number;
    expiringSoon: number;
    expired: number;
  };
}

/**
 * Body of `POST /environments` and `PUT /environments/:id`.
 * @public
 */
export interface VcfEnvironmentInput {
  id: string;
  title: string;
  description?: string;
  owner?: string;
  discoverVcenters?: boolean;
  sddcManager?: EndpointInput;
  installer?: EndpointInput;
}

/**
 * An upstream endpoint as it is written. `password` may be left out on update to keep the stored one.
 * @public
 */
export interface EndpointInput {
  baseUrl: string;
  username: string;
  password?: string;
  tls?: TlsSettings;
  /** Minutes between syncs (default 30). */
  intervalMinutes?: number;
}

/**
 * Result of `POST /environments/:id/test-connection` (and `/vcenters/:id/test-connection`).
 * @public
 */
export interface ConnectionTestResult {
  ok: boolean;
  results: Array<{
    source: CredentialSource | 'vcenter';
    ok: boolean;
    message: string;
    durationMs: number;
  }>;
}

/**
 * One recorded sync run.
 * @public
 */
export interface SyncRun {
  id: number;
  targetId: string;
  trigger: 'schedule' | 'manual' | 'startup';
  triggeredBy?: string;
  startedAt: string;
  finishedAt?: string;
  status: 'running' | 'succeeded' | 'failed';
  durationMs?: number;
  counts?: Record<string, number>;
  error?: string;
}

/**
 * Expiry state of a credential as SDDC Manager reports it.
 * @public
 */
export type ExpiryStatus = 'ACTIVE' | 'EXPIRING' | 'EXPIRED' | 'UNKNOWN';

/**
 * One credential as lists show it: everything but the password.
 * @public
 */
export interface CredentialSummary {
  id: string;
  environmentId: string;
  source: CredentialSource;
  resourceName: string;
  resourceIp?: string;
  resourceType: string;
  domainName?: string;
  username: string;
  credentialType: string;
  accountType?: string;
  expiryStatus?: ExpiryStatus;
  expiryDate?: string;
  upstreamModifiedAt?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Set when the credential was no longer reported upstream. */
  removedAt?: string;
  passwordChangedAt?: string;
}

/**
 * Filters of the credential list, on top of {@link ListQuery}.
 * Sortable columns: resourceName, resourceType, username, credentialType, accountType, domainName, source,
 * expiryStatus, expiryDate, lastSeenAt.
 * @public
 */
export interface CredentialListQuery extends ListQuery {
  resourceType?: string;
  credentialType?: string;
  accountType?: string;
  domain?: string;
  source?: CredentialSource;
  expiryStatus?: ExpiryStatus;
  includeRemoved?: boolean;
}

/**
 * The distinct values of the credential list's filter columns (`GET /environments/:id/credentials/facets`).
 * @public
 */
export interface CredentialFacets {
  resourceType: string[];
  credentialType: string[];
  accountType: string[];
  domain: string[];
  source: string[];
  expiryStatus: string[];
}

/**
 * The answer of `POST /environments/:id/sync`: the environment's sync targets, now due.
 * @public
 */
export interface SyncTriggerResponse {
  targets: SyncTargetStatus[];
}

/**
 * The answer of `POST /credentials/:id/reveal`.
 * @public
 */
export interface RevealedPassword {
  password: string;
}

/**
 * One past password of a credential. The old password itself is revealed on request only.
 * @public
 */
export interface CredentialHistoryEntry {
  id: number;
  credentialId: string;
  changedAt: string;
  /** Present only when the history was requested with `reveal=true` by a user allowed to reveal. */
  password?: string;
}

/**
 * The actions the backend writes to the audit trail (the audit page filters by them).
 * @public
 */
export const VCF_AUDIT_ACTIONS = [
  'credential.reveal',
  'credential.history',
  'credential.export',
  'credentials.export',
  'environment.create',
  'environment.update',
  'environment.delete',
  'sync.trigger',
  'vcenter.create',
  'vcenter.update',
  'vcenter.delete',
  'vcenter.purge',
  'inventory.export',
] as const;

/**
 * One audit row.
 * @public
 */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  result: 'succeeded' | 'failed' | 'denied';
  environmentId?: string;
  credentialId?: string;
  vcenterId?: string;
  details?: Record<string, unknown>;
}

/**
 * A vCenter as the API lists it (never with its password).
 * @public
 */
export interface VcenterSummary {
  id: string;
  title: string;
  baseUrl: string;
  username: string;
  environmentId?: string;
  owner?: string;
  enabled: boolean;
  managedBy: ManagedBy | 'discovered';
  tls: TlsSettings;
  intervalMinutes: number;
  sync: SyncTargetStatus;
  counts: Partial<Record<InventoryKind, number>>;
  apiVersion?: string;
}

/**
 * Body of `POST /vcenters` and `PUT /vcenters/:id`.
 * @public
 */
export interface VcenterInput {
  id: string;
  title: string;
  baseUrl: string;
  username: string;
  password?: string;
  environmentId?: string;
  owner?: string;
  enabled?: boolean;
  tls?: TlsSettings;
  intervalMinutes?: number;
}

/**
 * The inventory lists the API serves under `/inventory/:kind`.
 * @public
 */
export type InventoryKind =
  | 'vms'
  | 'hosts'
  | 'clusters'
  | 'datastores'
  | 'datastore-clusters'
  | 'networks'
  | 'snapshots'
  | 'alarms'
  | 'tasks'
  | 'events';

/**
 * Every inventory kind, in display order.
 * @public
 */
export const INVENTORY_KINDS: InventoryKind[] = [
  'vms',
  'hosts',
  'clusters',
  'datastores',
  'datastore-clusters',
  'networks',
  'snapshots',
  'alarms',
  'tasks',
  'events',
];

/** Fields every inventory row has. @public */
export interface InventoryRowBase {
  /** `${vcenterId}:${moref}` */
  id: string;
  vcenterId: string;
  moref: string;
  name: string;
}

/** @public */
export interface VmRow extends InventoryRowBase {
  powerState: string;
  numCpu?: number;
  memoryMb?: number;
  guestOs?: string;
  ipAddresses: string[];
  host?: string;
  cluster?: string;
  datastores: string[];
  networks: string[];
  committedBytes?: number;
  uncommittedBytes?: number;
  cpuUsageMhz?: number;
  memoryUsageMb?: number;
  snapshotCount: number;
  oldestSnapshotAt?: string;
  uuid?: string;
  template: boolean;
}

/** @public */
export interface HostRow extends InventoryRowBase {
  version?: string;
  build?: string;
  connectionState?: string;
  inMaintenanceMode: boolean;
  bootTime?: string;
  vendor?: string;
  model?: string;
  cpuCores?: number;
  cpuMhz?: number;
  memoryBytes?: number;
  cpuUsagePercent?: number;
  memoryUsagePercent?: number;
  cluster?: string;
  nicCount?: number;
  hbaCount?: number;
}

/** @public */
export interface ClusterRow extends InventoryRowBase {
  hostCount: number;
  cpuTotalMhz?: number;
  cpuUsagePercent?: number;
  memoryTotalBytes?: number;
  memoryUsagePercent?: number;
  storageCapacityBytes?: number;
  storageFreeBytes?: number;
  haEnabled?: boolean;
  drsEnabled?: boolean;
}

/** @public */
export interface DatastoreRow extends InventoryRowBase {
  type?: string;
  capacityBytes?: number;
  freeBytes?: number;
  usedPercent?: number;
  shared: boolean;
  accessible: boolean;
  hosts: string[];
  datastoreCluster?: string;
}

/** @public */
export interface DatastoreClusterRow extends InventoryRowBase {
  capacityBytes?: number;
  freeBytes?: number;
  usedPercent?: number;
  datastores: string[];
}

/** @public */
export interface NetworkRow extends InventoryRowBase {
  /** `standard` portgroup, `distributed-portgroup` or `distributed-switch`. */
  type: 'standard' | 'distributed-portgroup' | 'distributed-switch';
  vlan?: string;
  switchName?: string;
  hosts: string[];
  vms: string[];
}

/** @public */
export interface SnapshotRow extends InventoryRowBase {
  vm: string;
  createdAt?: string;
  description?: string;
  ageDays?: number;
}

/** @public */
export interface AlarmRow extends InventoryRowBase {
  entityName?: string;
  entityType?: string;
  severity: 'red' | 'yellow' | 'green' | 'gray';
  triggeredAt?: string;
  acknowledged: boolean;
}

/** @public */
export interface TaskRow extends InventoryRowBase {
  entityName?: string;
  state?: string;
  user?: string;
  queuedAt?: string;
  startedAt?: string;
  completedAt?: string;
  error?: string;
}

/** @public */
export interface EventRow extends InventoryRowBase {
  eventType?: string;
  message?: string;
  user?: string;
  createdAt?: string;
  entityName?: string;
}

/**
 * `GET /inventory/summary`.
 * @public
 */
export interface InventorySummary {
  counts: Record<InventoryKind, number>;
  alarmsBySeverity: Record<'red' | 'yellow', number>;
  vcenters: Array<Pick<VcenterSummary, 'id' | 'title' | 'enabled' | 'sync'>>;
}

/**
 * `GET /inventory/top?type=vm|host&metric=cpu|memory&limit=10`.
 * @public
 */
export interface TopItem {
  id: string;
  vcenterId: string;
  name: string;
  value: number;
  unit: 'MHz' | 'MB' | '%';
  /**
   * What `value` is measured against, in the same unit, when it is not a percentage: a VM's
   * configured memory, or its vCPUs times its host's core speed. Absent when unknown.
   */
  capacity?: number;
}

/**
 * One vSphere object of the catalog snapshot: where it sits and who owns it (its vCenter's owner, else its
 * environment's).
 * @public
 */
export interface VcfCatalogInventoryItem {
  /** `${vcenterId}:${moref}` */
  id: string;
  vcenterId: string;
  moref: string;
  name: string;
  environmentId?: string;
  owner?: string;
}

/**
 * `GET /catalog-snapshot` (backend services only): what the catalog module turns into entities. Names,
 * placements and owners; never a username, password or endpoint credential.
 * @public
 */
export interface VcfCatalogSnapshot {
  environments: Array<{ id: string; title: string; description?: string; owner?: string }>;
  vcenters: Array<{ id: string; title: string; baseUrl: string; environmentId?: string; owner?: string }>;
  clusters: VcfCatalogInventoryItem[];
  /** `cluster` is the name of the host's cluster in the same vCenter. */
  hosts: Array<VcfCatalogInventoryItem & { cluster?: string }>;
  /** `hosts` are the names of the hosts that mount the datastore, in the same vCenter. */
  datastores: Array<VcfCatalogInventoryItem & { hosts: string[] }>;
  /** Only VMs matching the `vmNamePattern` the caller asked for (none by default); `host` is the host's name. */
  vms?: Array<VcfCatalogInventoryItem & { host?: string }>;
}

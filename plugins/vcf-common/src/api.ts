/**
 * Types of the `/api/vcf` HTTP API, shared by the backend (which serves them) and the frontend (which reads them).
 * No type here carries a password except {@link RevealedPassword}.
 */

import type { RotateAfterRevealSettings } from './credentialLifecycle';

/**
 * One page of a list: the rows of the page and how many rows match in all. A list with cursor paging
 * ({@link CursorPaging}) also gives the cursors of the pages next to this one, when there are such pages.
 * @public
 */
export interface Page<T> {
  items: T[];
  totalCount: number;
  /** Send as `cursor` (with the same filters, search and sort) for the page after this one. */
  nextCursor?: string;
  /** Send as `cursor` (with the same filters, search and sort) for the page before this one. */
  prevCursor?: string;
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
 * The cursor of a list that also pages by cursor (credentials, inventory, the change feed, the audit trail).
 * @public
 */
export interface CursorPaging {
  /**
   * A page's `nextCursor` or `prevCursor`: reads the page next to it (instead of `offset`), as fast deep in the
   * list as at its start. Send the same filters, search and sort as for the page it came from.
   */
  cursor?: string;
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
export type SyncStatus =
  | 'never'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'disabled';

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
  /** Rotate-after-reveal, when the environment opted in. */
  rotateAfterReveal?: RotateAfterRevealSettings;
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
  /** Rotate-after-reveal; leave out to turn it off. */
  rotateAfterReveal?: RotateAfterRevealSettings;
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
  /** SDDC Manager's auto-rotate policy, when one is set. */
  autoRotate?: { frequencyInDays: number; nextRotationAt?: string };
}

/**
 * Filters of the credential list, on top of {@link ListQuery} and {@link CursorPaging}.
 * Sortable columns: resourceName, resourceType, username, credentialType, accountType, domainName, source,
 * expiryStatus, expiryDate, lastSeenAt.
 * @public
 */
export interface CredentialListQuery extends ListQuery, CursorPaging {
  /** Exact resource name, e.g. an ESXi host's FQDN (the credentials of one resource). */
  resourceName?: string;
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
  /** When rotate-after-reveal will rotate this password (this reveal scheduled or pushed it back). */
  rotatesAt?: string;
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
  'audit.export',
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
  /** The vCenter's `about.instanceUuid`, as its last inventory sync read it. */
  instanceUuid?: string;
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
  | 'events'
  | 'vm-disks'
  | 'vm-nics'
  | 'host-nics'
  | 'host-vmkernel-adapters';

/**
 * The inventory kinds that are parts of another object (a VM's disks and NICs, a host's physical NICs and VMkernel
 * adapters): listed like the others, and shown with their parent on its detail page.
 * @public
 */
export type InventoryChildKind =
  | 'vm-disks'
  | 'vm-nics'
  | 'host-nics'
  | 'host-vmkernel-adapters';

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
  'vm-disks',
  'vm-nics',
  'host-nics',
  'host-vmkernel-adapters',
];

/**
 * The kinds that have a detail page (`GET /inventory/:kind/:id`).
 * @public
 */
export type InventoryDetailKind = 'vms' | 'hosts';

/**
 * The kinds whose changes between syncs the change feed records.
 * @public
 */
export type InventoryChangeKind =
  | 'vms'
  | 'hosts'
  | 'clusters'
  | 'datastores'
  | 'datastore-clusters'
  | 'networks'
  | 'snapshots'
  | 'vm-disks';

/**
 * Every kind the change feed records, for filters.
 * @public
 */
export const INVENTORY_CHANGE_KINDS: InventoryChangeKind[] = [
  'vms',
  'hosts',
  'clusters',
  'datastores',
  'datastore-clusters',
  'networks',
  'snapshots',
  'vm-disks',
];

/**
 * An inventory row id, `${vcenterId}:${moref}`: the vCenter id (letters, digits, `.`, `_`, `-`) and a moref
 * (anything, since simulators and vCenters differ in moref format). Front and back end validate ids with it.
 * @public
 */
export const INVENTORY_ROW_ID_PATTERN =
  /^([A-Za-z0-9][A-Za-z0-9._-]{0,99}):(.{1,255})$/s;

/**
 * The id of an inventory row: its vCenter's id and its moref, as {@link INVENTORY_ROW_ID_PATTERN} reads them.
 * @public
 */
export function inventoryRowId(vcenterId: string, moref: string): string {
  return `${vcenterId}:${moref}`;
}

/**
 * The vCenter id and moref of an inventory row id ({@link inventoryRowId}'s inverse), or undefined for a text
 * that {@link INVENTORY_ROW_ID_PATTERN} does not accept.
 * @public
 */
export function splitInventoryRowId(
  id: string,
): { vcenterId: string; moref: string } | undefined {
  const match = INVENTORY_ROW_ID_PATTERN.exec(id);
  return match ? { vcenterId: match[1], moref: match[2] } : undefined;
}

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
  /** Folder path inside the datacenter, e.g. `vm/Production/Web`. */
  folder?: string;
  resourcePool?: string;
  datacenter?: string;
  /** e.g. `vmx-19`. */
  hardwareVersion?: string;
  /** VMware Tools version status (`guestToolsCurrent`, `guestToolsNeedUpgrade`, `guestToolsNotInstalled`, …). */
  toolsStatus?: string;
  /** VMware Tools version number as the guest reports it, e.g. `12352`. */
  toolsVersion?: string;
  /** `guestToolsRunning`, `guestToolsNotRunning`, `guestToolsExecutingScripts`. */
  toolsRunningStatus?: string;
  /** The guest OS as VMware Tools reports it (`guestOs` is the configured one). */
  guestOsReported?: string;
  /** The guest's host name as VMware Tools reports it. */
  dnsName?: string;
  annotation?: string;
  /** Changed Block Tracking. */
  cbtEnabled?: boolean;
  instanceUuid?: string;
  /** Storage the VM may use (committed + uncommitted). */
  provisionedBytes?: number;
  /** Storage the VM uses (committed). */
  usedBytes?: number;
  /** Storage only this VM uses. */
  unsharedBytes?: number;
  uptimeSeconds?: number;
  diskCount?: number;
  nicCount?: number;
  /** Sum of the disks' capacities. */
  diskCapacityBytes?: number;
}

/**
 * A virtual disk of a VM (`vm-disks`); `moref` is `${vmMoref}/disk-${deviceKey}`.
 * @public
 */
export interface VmDiskRow extends InventoryRowBase {
  /** The VM's moref. */
  vmMoref: string;
  /** The VM's name. */
  vm: string;
  /** Device label, e.g. `Hard disk 1`; also the row's `name`. */
  label: string;
  capacityBytes?: number;
  datastore?: string;
  /** `thin`, `thick` (lazy zeroed), `eager-zeroed` or `rdm`; unknown for other backings. */
  provisioning?: 'thin' | 'thick' | 'eager-zeroed' | 'rdm';
  /** The disk's file, e.g. `[ds1] web-01/web-01.vmdk`. */
  file?: string;
  diskMode?: string;
}

/**
 * A virtual NIC of a VM (`vm-nics`); `moref` is `${vmMoref}/nic-${deviceKey}`.
 * @public
 */
export interface VmNicRow extends InventoryRowBase {
  vmMoref: string;
  vm: string;
  /** Device label, e.g. `Network adapter 1`. */
  label: string;
  /** e.g. `vmxnet3`, `e1000e`. */
  adapterType?: string;
  /** The network or portgroup's name. */
  network?: string;
  /** The network's moref, to follow the portgroup → switch → uplink path. */
  networkMoref?: string;
  /** The distributed switch, or the standard vSwitch of the portgroup on the VM's host. */
  switchName?: string;
  /** The host's physical NICs that carry the switch (uplinks). */
  uplinks: string[];
  macAddress?: string;
  connected?: boolean;
  startConnected?: boolean;
  /** Addresses the guest reports on this NIC. */
  ipAddresses: string[];
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
  serialNumber?: string;
  /** The vendor's service tag / asset identification, when the host reports one. */
  serviceTag?: string;
  biosVersion?: string;
  biosReleaseDate?: string;
  cpuModel?: string;
  cpuSockets?: number;
  cpuThreads?: number;
  /** vCPUs of the host's VMs per physical core. */
  vcpuPerCore?: number;
  vmCount?: number;
  ntpServers: string[];
}

/**
 * A physical NIC of a host (`host-nics`); `moref` is `${hostMoref}/${device}`.
 * @public
 */
export interface HostNicRow extends InventoryRowBase {
  hostMoref: string;
  host: string;
  /** e.g. `vmnic0`; also the row's `name`. */
  device: string;
  /** Link speed in Mb/s; absent when the link is down. */
  speedMb?: number;
  driver?: string;
  macAddress?: string;
  /** The standard or distributed switch this NIC is an uplink of. */
  switchName?: string;
}

/**
 * A VMkernel adapter of a host (`host-vmkernel-adapters`); `moref` is `${hostMoref}/${device}`.
 * @public
 */
export interface HostVmkernelAdapterRow extends InventoryRowBase {
  hostMoref: string;
  host: string;
  /** e.g. `vmk0`; also the row's `name`. */
  device: string;
  ipAddress?: string;
  subnetMask?: string;
  macAddress?: string;
  mtu?: number;
  /** The standard portgroup, or the distributed portgroup's name. */
  portgroup?: string;
  switchName?: string;
  /** Enabled services: `management`, `vmotion`, `vsan`, `faultToleranceLogging`, … */
  services: string[];
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
 * Which vCenters an inventory query covers: one vCenter, the vCenters of one environment, or all.
 * @public
 */
export interface InventoryScope {
  vcenterId?: string;
  environmentId?: string;
}

/**
 * `GET /inventory/:kind`: paging (by offset or cursor), sorting, search and filters. `orderBy` is a row field name (`name`, `numCpu`,
 * `usedPercent`, `vcenterId`, …).
 * @public
 */
export interface InventoryListQuery
  extends ListQuery,
    CursorPaging,
    InventoryScope {
  /** Alarms only: `red`, `yellow`, … */
  severity?: string;
  /** VMs only: `poweredOn`, `poweredOff`, `suspended`. */
  powerState?: string;
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
  haAdmissionControlEnabled?: boolean;
  /** The admission control policy, e.g. `ClusterFailoverResourcesAdmissionControlPolicy`. */
  haAdmissionControlPolicy?: string;
  /** `manual`, `partiallyAutomated` or `fullyAutomated`. */
  drsAutomationLevel?: string;
  /** e.g. `intel-broadwell`; absent when EVC is off. */
  evcMode?: string;
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
  url?: string;
  vmCount?: number;
  hostCount?: number;
  /** Used + uncommitted: what the VMs on it may grow to. */
  provisionedBytes?: number;
  freePercent?: number;
  /** `normal`, `enteringMaintenance` or `inMaintenance`. */
  maintenanceMode?: string;
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
  /** The VM's moref. */
  vmMoref?: string;
  createdAt?: string;
  description?: string;
  ageDays?: number;
  /** Bytes of the snapshot's own files (memory, state and the delta disks written since it), from `layoutEx`. */
  sizeBytes?: number;
  quiesced?: boolean;
  /** The VM's power state when the snapshot was taken. */
  state?: string;
}

/** @public */
export interface AlarmRow extends InventoryRowBase {
  entityName?: string;
  entityType?: string;
  /** The alarmed object's moref. */
  entityMoref?: string;
  severity: 'red' | 'yellow' | 'green' | 'gray';
  triggeredAt?: string;
  acknowledged: boolean;
}

/** @public */
export interface TaskRow extends InventoryRowBase {
  entityName?: string;
  /** The moref of the object the task is on. */
  entityMoref?: string;
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
  /** The moref of the object the event is about (its VM, else host, datastore, …). */
  entityMoref?: string;
}

/**
 * One change between two syncs (`GET /inventory/changes`). `field` is `object` when the object was added or
 * removed; otherwise the row field that changed, with its values before and after as text.
 * @public
 */
export interface InventoryChange {
  id: number;
  vcenterId: string;
  kind: InventoryChangeKind;
  /** The changed object's row id, `${vcenterId}:${moref}`. */
  objectId: string;
  objectName: string;
  change: 'added' | 'removed' | 'changed';
  field: string;
  before?: string;
  after?: string;
  /** When the sync that saw the change stored it. */
  at: string;
}

/**
 * Filters and paging of the change feed (sorted by time, newest first): by `offset`, or by a page's cursor.
 * @public
 */
export interface InventoryChangeQuery extends CursorPaging {
  vcenterId?: string;
  kind?: InventoryChangeKind;
  /** One object's changes, by row id. */
  objectId?: string;
  /** ISO time: changes at or after it. */
  since?: string;
  /** ISO time: changes before it. */
  until?: string;
  offset?: number;
  limit?: number;
}

/**
 * The vCenter of a detail page: its title for names, its address for "Open in vSphere Client".
 * @public
 */
export interface InventoryDetailVcenter {
  id: string;
  title: string;
  baseUrl: string;
  /**
   * The vCenter's `about.instanceUuid`, when known: the vSphere Client names objects by moref and this UUID, so
   * only with it can a link open the object itself (without it, the link searches the object by name).
   */
  instanceUuid?: string;
}

/**
 * `GET /inventory/:kind/:id` for a VM: the row, its disks and NICs, and what concerns it.
 * @public
 */
export interface VmDetail {
  kind: 'vms';
  row: VmRow;
  disks: VmDiskRow[];
  nics: VmNicRow[];
  snapshots: SnapshotRow[];
  alarms: AlarmRow[];
  tasks: TaskRow[];
  events: EventRow[];
  changes: InventoryChange[];
  vcenter: InventoryDetailVcenter;
}

/**
 * `GET /inventory/:kind/:id` for a host: the row, its physical NICs and VMkernel adapters, and what concerns it.
 * @public
 */
export interface HostDetail {
  kind: 'hosts';
  row: HostRow;
  nics: HostNicRow[];
  vmkernelAdapters: HostVmkernelAdapterRow[];
  alarms: AlarmRow[];
  tasks: TaskRow[];
  events: EventRow[];
  changes: InventoryChange[];
  vcenter: InventoryDetailVcenter;
}

/**
 * The answer of `GET /inventory/:kind/:id`.
 * @public
 */
export type InventoryDetail = VmDetail | HostDetail;

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
  environments: Array<{
    id: string;
    title: string;
    description?: string;
    owner?: string;
  }>;
  vcenters: Array<{
    id: string;
    title: string;
    baseUrl: string;
    environmentId?: string;
    owner?: string;
  }>;
  clusters: VcfCatalogInventoryItem[];
  /** `cluster` is the name of the host's cluster in the same vCenter. */
  hosts: Array<VcfCatalogInventoryItem & { cluster?: string }>;
  /** `hosts` are the names of the hosts that mount the datastore, in the same vCenter. */
  datastores: Array<VcfCatalogInventoryItem & { hosts: string[] }>;
  /** Only VMs matching the `vmNamePattern` the caller asked for (none by default); `host` is the host's name. */
  vms?: Array<VcfCatalogInventoryItem & { host?: string }>;
}

import type {
  InventoryListQuery,
  InventoryScope,
  InventoryChange,
  InventoryChangeQuery,
  InventoryKind,
  InventoryRowsByKind,
  Page,
  TopItem,
} from '@vcf-backstage/plugin-vcf-common';
import type {
  VsphereInventoryRows,
  VsphereInventorySink,
} from '../clients/vsphere';

export type {
  InventoryListQuery,
  InventoryScope,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * Rows per kind, as a sync stored them or a count reports them.
 * @internal
 */
export type InventoryCounts = Record<InventoryKind, number>;

/**
 * What the catalog reads of a vCenter's inventory: names, morefs and placement, never anything else.
 * @internal
 */
export interface InventoryCatalogRows {
  clusters: Array<{ vcenterId: string; moref: string; name: string }>;
  /** Only VMs whose name matches the requested pattern (none without one). */
  vms: Array<{ vcenterId: string; moref: string; name: string; host?: string }>;
  hosts: Array<{
    vcenterId: string;
    moref: string;
    name: string;
    cluster?: string;
  }>;
  datastores: Array<{
    vcenterId: string;
    moref: string;
    name: string;
    hosts: string[];
  }>;
}

/**
 * A new inventory of one vCenter being written as it is read (see {@link InventoryStore.stageVcenterInventory}):
 * readers keep seeing the previous inventory until {@link StagedInventory.commit}.
 * @internal
 */
export interface StagedInventory extends VsphereInventorySink {
  /**
   * Replaces the vCenter's inventory with what was written, in one short transaction, and records in it what
   * changed since the previous sync (nothing on the first one). Fails without changing anything when the vCenter
   * no longer exists. Returns the rows stored per kind.
   */
  commit(): Promise<InventoryCounts>;
  /** Discards what was written; the stored inventory stays as it was. */
  abort(): Promise<void>;
}

/**
 * The synced inventory of every vCenter, one typed table per kind. Lists page, sort and filter in SQL.
 * @internal
 */
export interface InventoryStore {
  /**
   * Replaces every row of one vCenter, of every kind, at once (only after a complete fetch): the rows of
   * {@link InventoryStore.stageVcenterInventory} given in one call. Returns the rows stored per kind.
   */
  replaceVcenterInventory(
    vcenterId: string,
    rows: VsphereInventoryRows,
  ): Promise<InventoryCounts>;
  /**
   * Starts a new inventory of one vCenter that a sync writes as it reads it, in bounded batches (memory and
   * locks stay small whatever the vCenter's size); nothing is visible before `commit`, and a failed sync calls
   * `abort`, so the last good inventory stays whole.
   */
  stageVcenterInventory(vcenterId: string): Promise<StagedInventory>;
  /**
   * The change feed: what syncs found changed, newest first, paged and filtered in SQL.
   */
  listChanges(
    query: InventoryChangeQuery & InventoryScope,
  ): Promise<Page<InventoryChange>>;
  /**
   * The rows of one kind in one vCenter whose field equals a value (`moref`, `vmMoref`, `entityMoref`…), by
   * name, at most `limit` (default 1000): one object and what belongs to it, for detail pages.
   */
  findRows<K extends InventoryKind>(
    kind: K,
    vcenterId: string,
    where: { field: string; value: string },
    limit?: number,
  ): Promise<Array<InventoryRowsByKind[K]>>;
  /** Deletes every inventory row (and change) of one vCenter. */
  purge(vcenterId: string): Promise<void>;
  list<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery,
  ): Promise<Page<InventoryRowsByKind[K]>>;
  /**
   * The rows of a list in its order, batch by batch (constant memory), for exports. Throws at once (not at the
   * first row) when the sort or a filter is invalid.
   */
  iterate<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery,
  ): AsyncIterable<InventoryRowsByKind[K]>;
  counts(scope: InventoryScope): Promise<InventoryCounts>;
  countsByVcenter(
    vcenterIds: string[],
  ): Promise<Map<string, Partial<InventoryCounts>>>;
  alarmsBySeverity(
    scope: InventoryScope,
  ): Promise<Record<'red' | 'yellow', number>>;
  /** The busiest VMs (MHz, MB) or hosts (%) by CPU or memory. */
  top(options: {
    type: 'vm' | 'host';
    metric: 'cpu' | 'memory';
    limit: number;
    scope: InventoryScope;
  }): Promise<TopItem[]>;
  /**
   * Names and placements for the catalog. VMs are included only when `vmNamePattern` is given (a glob with `*` and
   * `?`, case-insensitive), and at most `vmLimit` of them, so a large estate cannot flood the catalog.
   */
  catalogRows(options?: {
    vmNamePattern?: string;
    vmLimit?: number;
  }): Promise<InventoryCatalogRows>;
}

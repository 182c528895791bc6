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
import type { VsphereInventoryRows } from '../clients/vsphere';

export type {
  InventoryListQuery,
  InventoryScope,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * Rows per kind, as a sync stored them or a count reports them.
 * @public
 */
export type InventoryCounts = Record<InventoryKind, number>;

/**
 * What the catalog reads of a vCenter's inventory: names, morefs and placement, never anything else.
 * @public
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
 * The synced inventory of every vCenter, one typed table per kind. Lists page, sort and filter in SQL.
 * @public
 */
export interface InventoryStore {
  /**
   * Replaces every row of one vCenter, of every kind, in one transaction (only after a complete fetch), and
   * records in the same transaction what changed since the previous sync (nothing on the first one). Fails
   * without writing when the vCenter no longer exists. Returns the rows stored per kind.
   */
  replaceVcenterInventory(
    vcenterId: string,
    rows: VsphereInventoryRows,
  ): Promise<InventoryCounts>;
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

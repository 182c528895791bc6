import type { Knex } from 'knex';
import { InputError } from '@backstage/errors';
import {
  INVENTORY_KINDS,
  inventoryRowId,
  splitInventoryRowId,
  type InventoryChange,
  type InventoryChangeKind,
  type InventoryChangeQuery,
  type InventoryKind,
  type InventoryRowsByKind,
  type Page,
  type TopItem,
} from '@vcf-backstage/plugin-vcf-common';
import type { VsphereInventoryRows } from '../clients/vsphere';
import { isoOrUndefined, nowIso, parseJsonColumn } from '../database/rowValues';
import { INVENTORY_TABLES, sortColumnsOf } from './inventoryTables';
import { INVENTORY_CHANGES_TABLE } from './inventoryChanges';
import { fromDbRow, rowColumns } from './inventoryRowCodec';
import { StagedVcenterInventory } from './StagedVcenterInventory';
import { sortColumnOf } from '../database/sortColumn';
import {
  cursorsOf,
  newestFirst,
  readListInBatches,
  readListPage,
  type KeysetList,
} from '../database/keysetPaging';
import type {
  InventoryCatalogRows,
  InventoryCounts,
  InventoryListQuery,
  InventoryScope,
  InventoryStore,
  StagedInventory,
} from './InventoryStore';
import { isSqlite } from '../database/databaseKind';

const EXPORT_BATCH_SIZE = 1000;

/**
 * Options of a {@link DatabaseInventoryStore}.
 * @internal
 */
export interface DatabaseInventoryStoreOptions {
  /** Days the change feed keeps changes (default 90). */
  changeRetentionDays?: number;
  /** Clock of change times; defaults to the system clock. */
  now?: () => Date;
}

const TOP_METRICS = {
  vm: {
    cpu: { kind: 'vms', column: 'cpu_usage_mhz', unit: 'MHz' },
    memory: { kind: 'vms', column: 'memory_usage_mb', unit: 'MB' },
  },
  host: {
    cpu: { kind: 'hosts', column: 'cpu_usage_percent', unit: '%' },
    memory: { kind: 'hosts', column: 'memory_usage_percent', unit: '%' },
  },
} as const;

function emptyCounts(): InventoryCounts {
  return Object.fromEntries(
    INVENTORY_KINDS.map(kind => [kind, 0]),
  ) as InventoryCounts;
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, m => `\\${m}`)}%`;
}

/**
 * {@link InventoryStore} on the plugin's database (SQLite or PostgreSQL).
 * @internal
 */
export class DatabaseInventoryStore implements InventoryStore {
  /** A store on the plugin's database, migrated by `openVcfDatabase`. */
  static create(
    options: { db: Knex } & DatabaseInventoryStoreOptions,
  ): DatabaseInventoryStore {
    const { db, ...storeOptions } = options;
    return new DatabaseInventoryStore(db, storeOptions);
  }

  private readonly isSqlite: boolean;

  private constructor(
    private readonly db: Knex,
    private readonly options: DatabaseInventoryStoreOptions = {},
  ) {
    this.isSqlite = isSqlite(db);
  }

  async stageVcenterInventory(vcenterId: string): Promise<StagedInventory> {
    return StagedVcenterInventory.begin(this.db, vcenterId, this.options);
  }

  async replaceVcenterInventory(
    vcenterId: string,
    rows: VsphereInventoryRows,
  ): Promise<InventoryCounts> {
    const staged = await this.stageVcenterInventory(vcenterId);
    try {
      for (const kind of INVENTORY_KINDS) {
        await staged.write(kind, rows[kind] ?? []);
      }
    } catch (error) {
      await staged.abort();
      throw error;
    }
    return staged.commit();
  }

  async listChanges(
    query: InventoryChangeQuery & InventoryScope,
  ): Promise<Page<InventoryChange>> {
    const q = this.db(`${INVENTORY_CHANGES_TABLE} as c`);
    if (query.vcenterId) q.where('c.vcenter_id', query.vcenterId);
    if (query.environmentId) {
      q.whereIn(
        'c.vcenter_id',
        this.db('vcenters')
          .select('id')
          .where('environment_id', query.environmentId),
      );
    }
    if (query.kind) q.where('c.kind', query.kind);
    if (query.objectId) {
      const object = splitInventoryRowId(query.objectId);
      if (!object)
        throw new InputError(
          `objectId "${query.objectId}" is not an inventory row id (vcenterId:moref)`,
        );
      q.where('c.vcenter_id', object.vcenterId).where('c.moref', object.moref);
    }
    if (query.since) q.where('c.at', '>=', nowIso(new Date(query.since)));
    if (query.until) q.where('c.at', '<', nowIso(new Date(query.until)));
    const [{ count }] = await q.clone().count({ count: '*' });
    const page = await readListPage<Record<string, any>>({
      rows: () => q.clone().select('c.*'),
      // Newest first: by time, then by id (the order the syncs wrote them in).
      ...newestFirst(this.db, { time: 'c.at', id: 'c.id' }),
      limit: query.limit ?? 25,
      ...(query.cursor !== undefined
        ? { cursor: query.cursor }
        : { offset: query.offset ?? 0 }),
    });
    return {
      ...cursorsOf(page),
      items: page.rows.map(r => ({
        id: Number(r.id),
        vcenterId: r.vcenter_id,
        kind: r.kind as InventoryChangeKind,
        objectId: inventoryRowId(r.vcenter_id, r.moref),
        objectName: r.object_name,
        change: r.change,
        field: r.field,
        ...(r.before !== null ? { before: r.before } : {}),
        ...(r.after !== null ? { after: r.after } : {}),
        at: isoOrUndefined(r.at)!,
      })),
      totalCount: Number(count),
    };
  }

  async findRows<K extends InventoryKind>(
    kind: K,
    vcenterId: string,
    where: { field: string; value: string },
    limit = 1000,
  ): Promise<Array<InventoryRowsByKind[K]>> {
    const column =
      where.field === 'moref'
        ? 'moref'
        : INVENTORY_TABLES[kind].columns.find(c => c.field === where.field)
            ?.column;
    if (!column) {
      throw new Error(`No ${kind} field "${where.field}" to look rows up by`);
    }
    const rows: Record<string, unknown>[] = await this.db(
      `${INVENTORY_TABLES[kind].table} as t`,
    )
      .where('t.vcenter_id', vcenterId)
      .where(`t.${column}`, where.value)
      .select(rowColumns(kind))
      .orderBy('t.name')
      .limit(limit);
    return rows.map(r => fromDbRow(kind, r));
  }

  async purge(vcenterId: string): Promise<void> {
    await this.db.transaction(async tx => {
      for (const kind of INVENTORY_KINDS) {
        await tx(INVENTORY_TABLES[kind].table)
          .where({ vcenter_id: vcenterId })
          .delete();
      }
      await tx(INVENTORY_CHANGES_TABLE)
        .where({ vcenter_id: vcenterId })
        .delete();
    });
    // What a sync of this vCenter may be staging right now fails to commit, and deletes its staging rows.
    const staged = await this.stageVcenterInventory(vcenterId);
    await staged.abort();
  }

  /** The rows of a kind in scope, with the list's filters; `t` is the inventory table. */
  private filtered(
    kind: InventoryKind,
    query: InventoryListQuery,
  ): Knex.QueryBuilder {
    // On SQLite a search scans the kind's rows once and sorts the matches, instead of walking the sort column's
    // index and reading each row's search text until a page of matches is found: that walk reads every row when
    // the matches sort last (all names starting "web-" when asked for "web"). PostgreSQL's planner weighs both.
    const q = this.scoped(kind, query, !!query.q && this.isSqlite);
    if (query.severity !== undefined) {
      if (kind !== 'alarms') {
        throw new InputError('The severity filter applies to alarms only');
      }
      q.where('t.severity', query.severity);
    }
    if (query.powerState !== undefined) {
      if (kind !== 'vms') {
        throw new InputError('The powerState filter applies to VMs only');
      }
      q.where('t.power_state', query.powerState);
    }
    if (query.q) {
      q.whereRaw("t.search like ? escape '\\'", [likePattern(query.q)]);
    }
    return q;
  }

  private scoped(
    kind: InventoryKind,
    scope: InventoryScope,
    notIndexed = false,
  ): Knex.QueryBuilder {
    const table = INVENTORY_TABLES[kind].table;
    const q: Knex.QueryBuilder = notIndexed
      ? this.db.from(this.db.raw('?? as t not indexed', [table]))
      : this.db(`${table} as t`);
    if (scope.vcenterId) q.where('t.vcenter_id', scope.vcenterId);
    if (scope.environmentId) {
      q.whereIn(
        't.vcenter_id',
        this.db('vcenters')
          .select('id')
          .where('environment_id', scope.environmentId),
      );
    }
    return q;
  }

  /**
   * The list's sort (a row field, `name` by default), unique columns and NULL placement: empty values last in
   * both directions, on both databases.
   */
  private listShape(
    kind: InventoryKind,
    query: InventoryListQuery,
  ): Omit<KeysetList, 'rows'> {
    const orderBy = query.orderBy ?? 'name';
    return {
      sort: {
        orderBy,
        column: `t.${sortColumnOf(sortColumnsOf(kind), orderBy, kind)}`,
        order: query.order === 'desc' ? 'desc' : 'asc',
      },
      idColumns: ['t.vcenter_id', 't.moref'],
      nulls: 'last',
    };
  }

  /**
   * A page of a kind's rows and the total count of its filters: at `offset`, or next to the row a `cursor` names
   * (an index range where the sort column has an index, and never a sort of the rows before the page).
   */
  async list<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery,
  ): Promise<Page<InventoryRowsByKind[K]>> {
    const shape = this.listShape(kind, query);
    const base = this.filtered(kind, query);
    const [{ count }] = await base.clone().count({ count: '*' });
    const page = await readListPage<Record<string, unknown>>({
      rows: () => base.clone().select(rowColumns(kind)),
      ...shape,
      limit: query.limit ?? 25,
      ...(query.cursor !== undefined
        ? { cursor: query.cursor }
        : { offset: query.offset ?? 0 }),
    });
    return {
      items: page.rows.map(r => fromDbRow(kind, r)),
      totalCount: Number(count),
      ...cursorsOf(page),
    };
  }

  iterate<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery,
  ): AsyncIterable<InventoryRowsByKind[K]> {
    // Sort and filters are checked now, not at the first row, so a bad query fails before a response starts.
    const shape = this.listShape(kind, query);
    const filtered = this.filtered(kind, query);
    return this.rowsOf(
      kind,
      readListInBatches<Record<string, unknown>>({
        rows: () => filtered.clone().select(rowColumns(kind)),
        ...shape,
        batchSize: EXPORT_BATCH_SIZE,
      }),
    );
  }

  private async *rowsOf<K extends InventoryKind>(
    kind: K,
    batches: AsyncIterable<Record<string, unknown>[]>,
  ): AsyncIterable<InventoryRowsByKind[K]> {
    for await (const batch of batches) {
      for (const row of batch) yield fromDbRow(kind, row);
    }
  }

  async counts(scope: InventoryScope): Promise<InventoryCounts> {
    const counts = emptyCounts();
    for (const kind of INVENTORY_KINDS) {
      const [{ count }] = await this.scoped(kind, scope).count({ count: '*' });
      counts[kind] = Number(count);
    }
    return counts;
  }

  async countsByVcenter(
    vcenterIds: string[],
  ): Promise<Map<string, Partial<InventoryCounts>>> {
    const result = new Map<string, Partial<InventoryCounts>>(
      vcenterIds.map(id => [id, {}]),
    );
    if (!vcenterIds.length) return result;
    for (const kind of INVENTORY_KINDS) {
      const rows: Array<{ vcenter_id: string; count: number | string }> =
        await this.db(INVENTORY_TABLES[kind].table)
          .whereIn('vcenter_id', vcenterIds)
          .groupBy('vcenter_id')
          .select('vcenter_id')
          .count({ count: '*' });
      for (const row of rows) {
        result.get(String(row.vcenter_id))![kind] = Number(row.count);
      }
    }
    return result;
  }

  async alarmsBySeverity(
    scope: InventoryScope,
  ): Promise<Record<'red' | 'yellow', number>> {
    const rows = await this.scoped('alarms', scope)
      .whereIn('t.severity', ['red', 'yellow'])
      .groupBy('t.severity')
      .select('t.severity')
      .count({ count: '*' });
    const result = { red: 0, yellow: 0 };
    for (const row of rows)
      result[row.severity as 'red' | 'yellow'] = Number(row.count);
    return result;
  }

  async top(options: {
    type: 'vm' | 'host';
    metric: 'cpu' | 'memory';
    limit: number;
    scope: InventoryScope;
  }): Promise<TopItem[]> {
    const { kind, column, unit } = TOP_METRICS[options.type][options.metric];
    const rows: Array<Record<string, any>> = await this.scoped(
      kind,
      options.scope,
    )
      .whereNotNull(`t.${column}`)
      .select('t.vcenter_id', 't.moref', 't.name', { value: `t.${column}` })
      .modify(q => {
        if (options.type !== 'vm') return;
        if (options.metric === 'memory') {
          q.select({ capacity: 't.memory_mb' });
        } else {
          // A VM's CPU capacity: its vCPUs at its host's core speed (the row names its host).
          q.select({
            capacity: this.db.raw(
              't.num_cpu * (select max(h.cpu_mhz) from inventory_hosts h where h.vcenter_id = t.vcenter_id and h.name = t.host)',
            ),
          });
        }
      })
      .orderBy([
        { column: `t.${column}`, order: 'desc' },
        { column: 't.vcenter_id', order: 'asc' },
        { column: 't.moref', order: 'asc' },
      ])
      .limit(options.limit);
    return rows.map(row => ({
      id: inventoryRowId(row.vcenter_id, row.moref),
      vcenterId: row.vcenter_id,
      name: row.name,
      value: Number(row.value),
      unit,
      ...(Number(row.capacity) > 0 ? { capacity: Number(row.capacity) } : {}),
    }));
  }

  async catalogRows(
    options: { vmNamePattern?: string; vmLimit?: number } = {},
  ): Promise<InventoryCatalogRows> {
    const vmQuery = options.vmNamePattern
      ? this.db(INVENTORY_TABLES.vms.table)
          .select('vcenter_id', 'moref', 'name', 'host')
          .whereRaw("lower(name) like ? escape '\\'", [
            globToLike(options.vmNamePattern),
          ])
          .orderBy(['vcenter_id', 'moref'])
          .limit(options.vmLimit ?? 1000)
      : Promise.resolve([]);
    const [clusters, hosts, datastores, vms] = await Promise.all([
      this.db(INVENTORY_TABLES.clusters.table)
        .select('vcenter_id', 'moref', 'name')
        .orderBy(['vcenter_id', 'moref']),
      this.db(INVENTORY_TABLES.hosts.table)
        .select('vcenter_id', 'moref', 'name', 'cluster')
        .orderBy(['vcenter_id', 'moref']),
      this.db(INVENTORY_TABLES.datastores.table)
        .select('vcenter_id', 'moref', 'name', 'hosts')
        .orderBy(['vcenter_id', 'moref']),
      vmQuery,
    ]);
    return {
      vms: (vms as Array<Record<string, any>>).map(r => ({
        vcenterId: r.vcenter_id,
        moref: r.moref,
        name: r.name,
        ...(r.host ? { host: r.host } : {}),
      })),
      clusters: clusters.map(r => ({
        vcenterId: r.vcenter_id,
        moref: r.moref,
        name: r.name,
      })),
      hosts: hosts.map(r => ({
        vcenterId: r.vcenter_id,
        moref: r.moref,
        name: r.name,
        ...(r.cluster ? { cluster: r.cluster } : {}),
      })),
      datastores: datastores.map(r => ({
        vcenterId: r.vcenter_id,
        moref: r.moref,
        name: r.name,
        hosts: parseJsonColumn<string[]>(r.hosts) ?? [],
      })),
    };
  }
}

/** `web-*` → `web-%`, with LIKE's own wildcards and the escape character taken literally; lower-cased. */
function globToLike(glob: string): string {
  return glob
    .toLowerCase()
    .replace(/[\\%_]/g, m => `\\${m}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}

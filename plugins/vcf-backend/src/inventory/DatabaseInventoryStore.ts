import type { Knex } from 'knex';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  INVENTORY_KINDS,
  type InventoryChange,
  type InventoryChangeKind,
  type InventoryChangeQuery,
  type InventoryKind,
  type InventoryRowsByKind,
  type Page,
  type TopItem,
} from '@vcf-backstage/plugin-vcf-common';
import type { VsphereInventoryRows } from '../clients/vsphere';
import {
  chunk,
  isoOrUndefined,
  nowIso,
  parseJsonColumn,
  toBoolean,
} from '../database/rowValues';
import {
  INVENTORY_TABLES,
  sortColumnsOf,
  type InventoryColumn,
} from './inventoryTables';
import {
  detectChanges,
  isChangeKind,
  removedChange,
  type DetectedChange,
} from './inventoryChanges';
import { sortColumnOf } from '../database/sortColumn';
import type {
  InventoryCatalogRows,
  InventoryCounts,
  InventoryListQuery,
  InventoryScope,
  InventoryStore,
} from './InventoryStore';

/** Bound parameters per INSERT stay well under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS_PER_INSERT = 10_000;
/** knex inserts many rows on SQLite as a compound SELECT, which SQLite limits to 500 terms. */
const MAX_ROWS_PER_INSERT = 500;
const EXPORT_BATCH_SIZE = 1000;
const CHANGES_TABLE = 'inventory_changes';
/** Kinds whose stored rows tell that a vCenter was synced before (the first sync records no changes). */
const BASELINE_KINDS: InventoryKind[] = ['vms', 'hosts', 'datastores'];
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Options of a {@link DatabaseInventoryStore}.
 * @public
 */
export interface DatabaseInventoryStoreOptions {
  /** Days the change feed keeps changes (default 90). */
  changeRetentionDays?: number;
  /** Clock of change times; defaults to the system clock. */
  now?: () => Date;
}
const SEARCH_SEPARATOR = '\n';

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

function toColumnValue(column: InventoryColumn, value: unknown): unknown {
  if (value === undefined || value === null) {
    return column.type === 'json' ? '[]' : null;
  }
  switch (column.type) {
    case 'json':
      return JSON.stringify(value);
    case 'bool':
      return Boolean(value);
    case 'time':
      return isoOrUndefined(value) ?? null;
    default:
      return value;
  }
}

function fromColumnValue(column: InventoryColumn, value: unknown): unknown {
  if (column.type === 'json') return parseJsonColumn<string[]>(value) ?? [];
  if (value === null || value === undefined) return undefined;
  switch (column.type) {
    case 'bool':
      return toBoolean(value);
    case 'time':
      return isoOrUndefined(value);
    case 'int':
    case 'bigint':
    case 'float':
      return Number(value);
    default:
      return value;
  }
}

function searchTextOf(parts: Array<string | undefined>): string {
  return parts
    .filter((p): p is string => !!p)
    .join(SEARCH_SEPARATOR)
    .toLowerCase();
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, m => `\\${m}`)}%`;
}

/**
 * {@link InventoryStore} on the plugin's database (SQLite or PostgreSQL).
 * @public
 */
export class DatabaseInventoryStore implements InventoryStore {
  constructor(
    private readonly db: Knex,
    private readonly options: DatabaseInventoryStoreOptions = {},
  ) {}

  async replaceVcenterInventory(
    vcenterId: string,
    rows: VsphereInventoryRows,
  ): Promise<InventoryCounts> {
    const counts = emptyCounts();
    const prepared = INVENTORY_KINDS.map(kind => {
      const dbRows = this.toDbRows(kind, vcenterId, rows[kind] ?? []);
      counts[kind] = dbRows.length;
      return { kind, dbRows };
    });
    await this.db.transaction(async tx => {
      // A vCenter deleted during the fetch gets no rows back (on PostgreSQL the foreign key also refuses them).
      const vcenter = await tx('vcenters').where({ id: vcenterId }).first('id');
      if (!vcenter) {
        throw new NotFoundError(
          `vCenter "${vcenterId}" was removed during the sync; its inventory was not stored`,
        );
      }
      const at = nowIso(this.options.now?.());
      const recordChanges = await this.hasStoredInventory(tx, vcenterId);
      for (const { kind, dbRows } of prepared) {
        const { columns } = INVENTORY_TABLES[kind];
        const batchSize = Math.max(
          1,
          Math.min(
            MAX_ROWS_PER_INSERT,
            Math.floor(MAX_PARAMETERS_PER_INSERT / (columns.length + 4)),
          ),
        );
        await this.replaceKind(tx, kind, vcenterId, chunk(dbRows, batchSize), {
          at,
          recordChanges: recordChanges && isChangeKind(kind),
        });
      }
      await this.pruneChanges(tx, at);
    });
    return counts;
  }

  private async hasStoredInventory(
    tx: Knex.Transaction,
    vcenterId: string,
  ): Promise<boolean> {
    for (const kind of BASELINE_KINDS) {
      const row = await tx(INVENTORY_TABLES[kind].table)
        .where({ vcenter_id: vcenterId })
        .first('moref');
      if (row) return true;
    }
    return false;
  }

  /**
   * Replaces one kind's rows of a vCenter page by page: each page is compared with the stored rows of the same
   * morefs (so no more than a page is held for the comparison), then replaces them; the stored rows that no page
   * mentioned are removed objects. A streaming sync can call this with pages as they arrive.
   */
  private async replaceKind(
    tx: Knex.Transaction,
    kind: InventoryKind,
    vcenterId: string,
    pages: Iterable<Record<string, unknown>[]>,
    options: { at: string; recordChanges: boolean },
  ): Promise<void> {
    const { table } = INVENTORY_TABLES[kind];
    const seen = new Set<string>();
    for (const page of pages) {
      const morefs = page.map(r => String(r.moref));
      if (options.recordChanges && isChangeKind(kind)) {
        const stored: Record<string, unknown>[] = await tx(`${table} as t`)
          .where('t.vcenter_id', vcenterId)
          .whereIn('t.moref', morefs)
          .select(this.selectColumns(kind));
        const storedByMoref = new Map(
          stored.map(r => [String(r.moref), this.toRow(kind, r) as any]),
        );
        await this.insertChanges(
          tx,
          vcenterId,
          options.at,
          detectChanges(
            kind,
            page.map(r => this.toRow(kind, r) as any),
            storedByMoref,
          ),
        );
      }
      for (const moref of morefs) seen.add(moref);
      await tx(table)
        .where({ vcenter_id: vcenterId })
        .whereIn('moref', morefs)
        .delete();
      await tx(table).insert(page);
    }
    // What is left unseen is gone upstream: recorded as removed, then deleted, keyset page by keyset page.
    let after = '';
    for (;;) {
      const stored: Array<{ moref: string; name: string }> = await tx(table)
        .where({ vcenter_id: vcenterId })
        .where('moref', '>', after)
        .orderBy('moref')
        .limit(EXPORT_BATCH_SIZE)
        .select('moref', 'name');
      if (!stored.length) return;
      after = stored[stored.length - 1].moref;
      const removed = stored.filter(r => !seen.has(r.moref));
      if (!removed.length) continue;
      if (options.recordChanges && isChangeKind(kind)) {
        await this.insertChanges(
          tx,
          vcenterId,
          options.at,
          removed.map(r => removedChange(kind, r)),
        );
      }
      await tx(table)
        .where({ vcenter_id: vcenterId })
        .whereIn(
          'moref',
          removed.map(r => r.moref),
        )
        .delete();
    }
  }

  private async insertChanges(
    tx: Knex.Transaction,
    vcenterId: string,
    at: string,
    changes: DetectedChange[],
  ): Promise<void> {
    const rows = changes.map(c => ({
      vcenter_id: vcenterId,
      kind: c.kind,
      moref: c.moref,
      object_name: c.objectName,
      change: c.change,
      field: c.field,
      before: c.before ?? null,
      after: c.after ?? null,
      at,
    }));
    for (const batch of chunk(rows, MAX_ROWS_PER_INSERT)) {
      await tx(CHANGES_TABLE).insert(batch);
    }
  }

  private async pruneChanges(tx: Knex.Transaction, at: string): Promise<void> {
    const days = this.options.changeRetentionDays ?? 90;
    const cutoff = new Date(Date.parse(at) - days * DAY_MS).toISOString();
    await tx(CHANGES_TABLE).where('at', '<', cutoff).delete();
  }

  async listChanges(
    query: InventoryChangeQuery & InventoryScope,
  ): Promise<Page<InventoryChange>> {
    const q = this.db(`${CHANGES_TABLE} as c`);
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
      const separator = query.objectId.indexOf(':');
      q.where('c.vcenter_id', query.objectId.slice(0, separator)).where(
        'c.moref',
        query.objectId.slice(separator + 1),
      );
    }
    if (query.since) q.where('c.at', '>=', nowIso(new Date(query.since)));
    if (query.until) q.where('c.at', '<', nowIso(new Date(query.until)));
    const [{ count }] = await q.clone().count({ count: '*' });
    const rows: Array<Record<string, any>> = await q
      .select('c.*')
      .orderBy([
        { column: 'c.at', order: 'desc' },
        { column: 'c.id', order: 'desc' },
      ])
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 25);
    return {
      items: rows.map(r => ({
        id: Number(r.id),
        vcenterId: r.vcenter_id,
        kind: r.kind as InventoryChangeKind,
        objectId: `${r.vcenter_id}:${r.moref}`,
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
      .select(this.selectColumns(kind))
      .orderBy('t.name')
      .limit(limit);
    return rows.map(r => this.toRow(kind, r));
  }

  private toDbRows<K extends InventoryKind>(
    kind: K,
    vcenterId: string,
    rows: Array<InventoryRowsByKind[K]>,
  ): Record<string, unknown>[] {
    const spec = INVENTORY_TABLES[kind];
    const seen = new Set<string>();
    const result: Record<string, unknown>[] = [];
    for (const row of rows) {
      // A moref listed twice (an event or task that moved between reads) is kept once.
      if (seen.has(row.moref)) continue;
      seen.add(row.moref);
      const dbRow: Record<string, unknown> = {
        vcenter_id: vcenterId,
        moref: row.moref,
        name: row.name,
        search: searchTextOf(spec.searchText(row)),
      };
      for (const column of spec.columns) {
        dbRow[column.column] = toColumnValue(
          column,
          (row as unknown as Record<string, unknown>)[column.field],
        );
      }
      result.push(dbRow);
    }
    return result;
  }

  async purge(vcenterId: string): Promise<void> {
    await this.db.transaction(async tx => {
      for (const kind of INVENTORY_KINDS) {
        await tx(INVENTORY_TABLES[kind].table)
          .where({ vcenter_id: vcenterId })
          .delete();
      }
      await tx(CHANGES_TABLE).where({ vcenter_id: vcenterId }).delete();
    });
  }

  /** The rows of a kind in scope, with the list's filters; `t` is the inventory table. */
  private filtered(
    kind: InventoryKind,
    query: InventoryListQuery,
  ): Knex.QueryBuilder {
    const q = this.scoped(kind, query);
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
  ): Knex.QueryBuilder {
    const q = this.db(`${INVENTORY_TABLES[kind].table} as t`);
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

  /** Sort column, direction and tie-breakers; empty values last in both directions, on both databases. */
  private ordered(
    kind: InventoryKind,
    query: InventoryListQuery,
    q: Knex.QueryBuilder,
  ): Knex.QueryBuilder {
    const columns = sortColumnsOf(kind);
    const orderBy = query.orderBy ?? 'name';
    const column = sortColumnOf(columns, orderBy, kind);
    const direction = query.order === 'desc' ? 'desc' : 'asc';
    return q.orderByRaw('(?? is null) asc', [`t.${column}`]).orderBy([
      { column: `t.${column}`, order: direction },
      { column: 't.vcenter_id', order: direction },
      { column: 't.moref', order: direction },
    ]);
  }

  private toRow<K extends InventoryKind>(
    kind: K,
    dbRow: Record<string, unknown>,
  ): InventoryRowsByKind[K] {
    const row: Record<string, unknown> = {
      id: `${dbRow.vcenter_id}:${dbRow.moref}`,
      vcenterId: dbRow.vcenter_id,
      moref: dbRow.moref,
      name: dbRow.name,
    };
    for (const column of INVENTORY_TABLES[kind].columns) {
      const value = fromColumnValue(column, dbRow[column.column]);
      if (value !== undefined) row[column.field] = value;
    }
    return row as unknown as InventoryRowsByKind[K];
  }

  private selectColumns(kind: InventoryKind): string[] {
    return [
      't.vcenter_id',
      't.moref',
      't.name',
      ...INVENTORY_TABLES[kind].columns.map(c => `t.${c.column}`),
    ];
  }

  async list<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery,
  ): Promise<Page<InventoryRowsByKind[K]>> {
    const base = this.filtered(kind, query);
    const ordered = this.ordered(
      kind,
      query,
      base.clone().select(this.selectColumns(kind)),
    );
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows: Record<string, unknown>[] = await ordered
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 25);
    return {
      items: rows.map(r => this.toRow(kind, r)),
      totalCount: Number(count),
    };
  }

  iterate<K extends InventoryKind>(
    kind: K,
    query: InventoryListQuery,
  ): AsyncIterable<InventoryRowsByKind[K]> {
    // Sort and filters are checked now, not at the first row, so a bad query fails before a response starts.
    const ordered = this.ordered(
      kind,
      query,
      this.filtered(kind, query).select(this.selectColumns(kind)),
    );
    return this.batches(kind, ordered);
  }

  private async *batches<K extends InventoryKind>(
    kind: K,
    ordered: Knex.QueryBuilder,
  ): AsyncIterable<InventoryRowsByKind[K]> {
    for (let offset = 0; ; offset += EXPORT_BATCH_SIZE) {
      const rows = await ordered
        .clone()
        .offset(offset)
        .limit(EXPORT_BATCH_SIZE);
      for (const row of rows) yield this.toRow(kind, row);
      if (rows.length < EXPORT_BATCH_SIZE) return;
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
      id: `${row.vcenter_id}:${row.moref}`,
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

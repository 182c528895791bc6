import type { Knex } from 'knex';
import { NotFoundError } from '@backstage/errors';
import {
  INVENTORY_KINDS,
  type InventoryKind,
} from '@vcf-backstage/plugin-vcf-common';
import type { InventoryRowsByKind } from '@vcf-backstage/plugin-vcf-common';
import { insertRowsSkippingTakenKeys } from '../database/insertRows';
import { chunk, nowIso } from '../database/rowValues';
import { INVENTORY_TABLES } from './inventoryTables';
import {
  detectChanges,
  INVENTORY_CHANGES_TABLE,
  isChangeKind,
  removedChange,
  watchedColumnsOf,
  type ComparedRow,
  type DetectedChange,
} from './inventoryChanges';
import { fromDbColumns, rowColumns, toDbRow } from './inventoryRowCodec';
import type { InventoryCounts, StagedInventory } from './InventoryStore';
import { isPostgres } from '../database/databaseKind';

/** Bound parameters per INSERT stay well under SQLite's limit (32,766) and PostgreSQL's (65,535). */
const MAX_PARAMETERS_PER_INSERT = 10_000;
/** knex inserts many rows on SQLite as a compound SELECT, which SQLite limits to 500 terms. */
const MAX_ROWS_PER_INSERT = 500;
/** Rows compared per step of the change feed. */
const COMPARE_BATCH_SIZE = 500;
const STAGING_CHANGES_TABLE = 'inventory_staging_changes';
/** Kinds whose stored rows tell that a vCenter was synced before (the first sync records no changes). */
const BASELINE_KINDS: InventoryKind[] = ['vms', 'hosts', 'datastores'];
const DAY_MS = 24 * 60 * 60 * 1000;
const CHANGE_COLUMNS = [
  'vcenter_id',
  'kind',
  'moref',
  'object_name',
  'change',
  'field',
  'before',
  'after',
];

/**
 * The staging table of a kind: the live table's columns and primary key, see migration
 * `20261202_07_inventory_staging.js`.
 * @internal
 */
export function stagingTableOf(kind: InventoryKind): string {
  return `${INVENTORY_TABLES[kind].table}_staging`;
}

/** Every column a kind's table stores, in one order for INSERT … SELECT. */
function storedColumns(kind: InventoryKind): string[] {
  return [
    'vcenter_id',
    'moref',
    'name',
    'search',
    ...INVENTORY_TABLES[kind].columns.map(c => c.column),
  ];
}

/**
 * Rows per INSERT of a kind: within both databases' limits on bound parameters and compound SELECT terms.
 * @internal
 */
export function insertBatchSize(kind: InventoryKind): number {
  return Math.max(
    1,
    Math.min(
      MAX_ROWS_PER_INSERT,
      Math.floor(
        MAX_PARAMETERS_PER_INSERT / (INVENTORY_TABLES[kind].columns.length + 4),
      ),
    ),
  );
}

/**
 * A new inventory of one vCenter on its way in: rows go to the staging tables as the fetch hands them over (each
 * INSERT its own short statement, so SQLite holds no write lock while vCenter is read), and
 * {@link StagedVcenterInventory.commit} swaps them into the live tables in one short transaction, after the change
 * feed was computed against the live rows a batch at a time. Until then readers see the previous inventory; a
 * failure at any point deletes the staging rows and leaves the live inventory as it was. Memory holds what the
 * fetch handed over, never the vCenter.
 * @internal
 */
export class StagedVcenterInventory implements StagedInventory {
  private finished = false;

  /** Starts staging the inventory of a vCenter, dropping what an interrupted sync may have left. */
  static async begin(
    db: Knex,
    vcenterId: string,
    options: { now?: () => Date; changeRetentionDays?: number } = {},
  ): Promise<StagedVcenterInventory> {
    const staged = new StagedVcenterInventory(db, vcenterId, options);
    await staged.clear();
    return staged;
  }

  private constructor(
    private readonly db: Knex,
    private readonly vcenterId: string,
    private readonly options: {
      now?: () => Date;
      changeRetentionDays?: number;
    },
  ) {}

  /**
   * Stages rows: they go to the staging table of their kind before this returns, a statement per batch. They do
   * not wait for more rows of their kind: a row's strings are cut from the fetched page's text, so a row kept
   * while the fetch reads on keeps that text alive through the young generation's collections, and V8 moves it
   * to the old generation, whose garbage then raises the backend's memory with the size of the inventory
   * (measured in `bench/inventory/README.md`, sitting 7).
   */
  async write<K extends InventoryKind>(
    kind: K,
    rows: Array<InventoryRowsByKind[K]>,
  ): Promise<void> {
    this.assertOpen();
    await this.insertStaged(
      kind,
      rows.map(row => toDbRow(kind, this.vcenterId, row)),
    );
  }

  async restart(kinds: readonly InventoryKind[]): Promise<void> {
    this.assertOpen();
    for (const kind of kinds) {
      await this.db(stagingTableOf(kind))
        .where({ vcenter_id: this.vcenterId })
        .delete();
    }
  }

  /**
   * Inserts rows into the staging table of their kind, a statement per batch. A moref listed twice (an event or
   * task that moved between reads) is kept once: the first one.
   */
  private async insertStaged(
    kind: InventoryKind,
    dbRows: Record<string, unknown>[],
  ): Promise<void> {
    const columns = storedColumns(kind);
    for (const batch of chunk(dbRows, insertBatchSize(kind))) {
      await insertRowsSkippingTakenKeys(
        this.db,
        stagingTableOf(kind),
        columns,
        ['vcenter_id', 'moref'],
        batch,
      );
    }
  }

  async commit(): Promise<InventoryCounts> {
    this.assertOpen();
    try {
      const at = nowIso(this.options.now?.());
      if (await this.hasLiveInventory()) {
        for (const kind of INVENTORY_KINDS) {
          if (isChangeKind(kind)) await this.stageChanges(kind);
        }
      }
      const counts = await this.stagedCounts();
      await this.db.transaction(async tx => {
        // A vCenter deleted during the fetch gets no rows back.
        const vcenter = await tx('vcenters')
          .where({ id: this.vcenterId })
          .first('id');
        if (!vcenter) {
          throw new NotFoundError(
            `vCenter "${this.vcenterId}" was removed during the sync; its inventory was not stored`,
          );
        }
        for (const kind of INVENTORY_KINDS) await this.swapKind(tx, kind);
        await this.publishChanges(tx, at);
        await this.clear(tx);
      });
      this.finished = true;
      return counts;
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  async abort(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    await this.clear();
  }

  private assertOpen() {
    if (this.finished) {
      throw new Error(
        `The staged inventory of vCenter "${this.vcenterId}" was committed or aborted already`,
      );
    }
  }

  private async clear(db: Knex = this.db): Promise<void> {
    for (const kind of INVENTORY_KINDS) {
      await db(stagingTableOf(kind))
        .where({ vcenter_id: this.vcenterId })
        .delete();
    }
    await db(STAGING_CHANGES_TABLE)
      .where({ vcenter_id: this.vcenterId })
      .delete();
  }

  private async hasLiveInventory(): Promise<boolean> {
    for (const kind of BASELINE_KINDS) {
      const row = await this.db(INVENTORY_TABLES[kind].table)
        .where({ vcenter_id: this.vcenterId })
        .first('moref');
      if (row) return true;
    }
    return false;
  }

  private async stagedCounts(): Promise<InventoryCounts> {
    const counts = {} as InventoryCounts;
    for (const kind of INVENTORY_KINDS) {
      const [{ count }] = await this.db(stagingTableOf(kind))
        .where({ vcenter_id: this.vcenterId })
        .count({ count: '*' });
      counts[kind] = Number(count);
    }
    return counts;
  }

  /**
   * The change feed of one kind, into the staging changes: the staged rows are compared with the live rows of
   * the same morefs a batch at a time (added and changed objects), then the live rows no staged row matches are
   * the removed objects.
   */
  private async stageChanges(kind: InventoryKind): Promise<void> {
    if (!isChangeKind(kind)) return;
    const live = INVENTORY_TABLES[kind].table;
    const staging = stagingTableOf(kind);
    // Only the watched columns are read and decoded: a VM row has some sixty columns, the rules watch eight.
    const watched = watchedColumnsOf(kind);
    const columns = rowColumns(kind, 't', watched);
    const decode = (r: Record<string, unknown>) =>
      fromDbColumns(watched, r) as ComparedRow;
    for (let after = ''; ; ) {
      const page: Record<string, unknown>[] = await this.db(`${staging} as t`)
        .where('t.vcenter_id', this.vcenterId)
        .where('t.moref', '>', after)
        .orderBy('t.moref')
        .limit(COMPARE_BATCH_SIZE)
        .select(columns);
      if (!page.length) break;
      after = String(page[page.length - 1].moref);
      const stored: Record<string, unknown>[] = await this.db(`${live} as t`)
        .where('t.vcenter_id', this.vcenterId)
        .whereIn(
          't.moref',
          page.map(r => String(r.moref)),
        )
        .select(columns);
      await this.insertStagedChanges(
        detectChanges(
          kind,
          page.map(decode),
          new Map(stored.map(r => [String(r.moref), decode(r)])),
        ),
      );
    }
    for (let after = ''; ; ) {
      const gone: Array<{ moref: string; name: string }> = await this.db(
        `${live} as t`,
      )
        .where('t.vcenter_id', this.vcenterId)
        .where('t.moref', '>', after)
        .whereNotExists(
          this.db(`${staging} as s`)
            .select(this.db.raw('1'))
            .whereRaw('s.vcenter_id = t.vcenter_id')
            .whereRaw('s.moref = t.moref'),
        )
        .orderBy('t.moref')
        .limit(COMPARE_BATCH_SIZE)
        .select('t.moref', 't.name');
      if (!gone.length) return;
      after = gone[gone.length - 1].moref;
      await this.insertStagedChanges(gone.map(r => removedChange(kind, r)));
    }
  }

  private async insertStagedChanges(changes: DetectedChange[]): Promise<void> {
    const rows = changes.map(c => ({
      vcenter_id: this.vcenterId,
      kind: c.kind,
      moref: c.moref,
      object_name: c.objectName,
      change: c.change,
      field: c.field,
      before: c.before ?? null,
      after: c.after ?? null,
    }));
    for (const batch of chunk(rows, MAX_ROWS_PER_INSERT)) {
      await this.db(STAGING_CHANGES_TABLE).insert(batch);
    }
  }

  /** Replaces the vCenter's live rows of a kind with its staged rows, in SQL. */
  private async swapKind(tx: Knex.Transaction, kind: InventoryKind) {
    const live = INVENTORY_TABLES[kind].table;
    await tx(live).where({ vcenter_id: this.vcenterId }).delete();
    const columns = storedColumns(kind);
    const list = columns.map(() => '??').join(', ');
    await tx.raw(
      `insert into ?? (${list}) select ${list} from ?? where vcenter_id = ?`,
      [live, ...columns, ...columns, stagingTableOf(kind), this.vcenterId],
    );
  }

  /** Copies the staged changes into the change feed (in the order found) and prunes what is past retention. */
  private async publishChanges(tx: Knex.Transaction, at: string) {
    const list = CHANGE_COLUMNS.map(() => '??').join(', ');
    await tx.raw(
      `insert into ?? (${list}, ??) select ${list}, ${
        isPostgres(this.db) ? 'cast(? as timestamptz)' : '?'
      } from ?? where vcenter_id = ? order by id`,
      [
        INVENTORY_CHANGES_TABLE,
        ...CHANGE_COLUMNS,
        'at',
        ...CHANGE_COLUMNS,
        at,
        STAGING_CHANGES_TABLE,
        this.vcenterId,
      ],
    );
    const days = this.options.changeRetentionDays ?? 90;
    const cutoff = new Date(Date.parse(at) - days * DAY_MS).toISOString();
    await tx(INVENTORY_CHANGES_TABLE).where('at', '<', cutoff).delete();
  }
}

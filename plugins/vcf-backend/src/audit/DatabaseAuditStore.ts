import type { Knex } from 'knex';
import type { AuditEntry, Page } from '@vcf-backstage/plugin-vcf-common';
import {
  isoOrUndefined,
  nowIso,
  orUndefined,
  parseJsonColumn,
} from '../database/rowValues';
import type {
  AuditFilter,
  AuditListQuery,
  AuditStore,
  NewAuditEntry,
} from './AuditStore';
import {
  cursorsOf,
  newestFirst,
  readListInBatches,
  readListPage,
  type KeysetList,
} from '../database/keysetPaging';

/**
 * {@link AuditStore} on the plugin's database (SQLite or PostgreSQL).
 * @internal
 */
export class DatabaseAuditStore implements AuditStore {
  /** The store on a migrated plugin database (see `openVcfDatabase`). */
  static create(options: { db: Knex }): DatabaseAuditStore {
    return new DatabaseAuditStore(options.db);
  }

  /** Newest first: by time, then by id (the order rows were written in). */
  private readonly newestFirst: Omit<KeysetList, 'rows'>;

  private constructor(private readonly db: Knex) {
    this.newestFirst = newestFirst(db, { time: 'at', id: 'id' });
  }

  async append(entry: NewAuditEntry): Promise<void> {
    await this.db('audit_events').insert({
      at: nowIso(),
      actor: entry.actor,
      action: entry.action,
      result: entry.result,
      environment_id: entry.environmentId ?? null,
      credential_id: entry.credentialId ?? null,
      vcenter_id: entry.vcenterId ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    });
  }

  async list(options: AuditListQuery): Promise<Page<AuditEntry>> {
    const base = this.filtered(options);
    const [{ count }] = await base.clone().count({ count: '*' });
    const page = await readListPage<Record<string, unknown>>({
      rows: () => base.clone(),
      ...this.newestFirst,
      limit: options.limit,
      ...(options.cursor !== undefined
        ? { cursor: options.cursor }
        : { offset: options.offset }),
    });
    return {
      totalCount: Number(count),
      items: page.rows.map(toAuditEntry),
      ...cursorsOf(page),
    };
  }

  async *iterate(filter: AuditFilter): AsyncIterable<AuditEntry> {
    // Each batch after the last row of the one before: rows appended while the export runs (its own audit row,
    // say) neither shift nor repeat what follows.
    const batches = readListInBatches<Record<string, unknown>>({
      rows: () => this.filtered(filter),
      ...this.newestFirst,
      batchSize: 1000,
    });
    for await (const batch of batches) {
      for (const row of batch) yield toAuditEntry(row);
    }
  }

  private filtered(filter: AuditFilter): Knex.QueryBuilder {
    const base = this.db('audit_events');
    if (filter.action) base.where('action', filter.action);
    if (filter.environmentId)
      base.where('environment_id', filter.environmentId);
    if (filter.actor) base.where('actor', filter.actor);
    if (filter.result) base.where('result', filter.result);
    // Stored as ISO text (UTC); normalise so that any offset the caller sent compares correctly.
    if (filter.from) base.where('at', '>=', nowIso(new Date(filter.from)));
    if (filter.to) base.where('at', '<', nowIso(new Date(filter.to)));
    return base;
  }
}

function toAuditEntry(row: any): AuditEntry {
  return {
    id: Number(row.id),
    at: isoOrUndefined(row.at)!,
    actor: row.actor,
    action: row.action,
    result: row.result,
    environmentId: orUndefined(row.environment_id),
    credentialId: orUndefined(row.credential_id),
    vcenterId: orUndefined(row.vcenter_id),
    details: parseJsonColumn(row.details),
  };
}

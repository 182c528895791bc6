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

const NEWEST_FIRST = [
  { column: 'at', order: 'desc' as const },
  { column: 'id', order: 'desc' as const },
];

/**
 * {@link AuditStore} on the plugin's database (SQLite or PostgreSQL).
 * @public
 */
export class DatabaseAuditStore implements AuditStore {
  /** The store on a migrated plugin database (see `openVcfDatabase`). */
  static create(options: { db: Knex }): DatabaseAuditStore {
    return new DatabaseAuditStore(options.db);
  }

  private constructor(private readonly db: Knex) {}

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
    const rows = await base
      .clone()
      .orderBy(NEWEST_FIRST)
      .offset(options.offset)
      .limit(options.limit);
    return { totalCount: Number(count), items: rows.map(toAuditEntry) };
  }

  async *iterate(filter: AuditFilter): AsyncIterable<AuditEntry> {
    const batchSize = 1000;
    // Keyset paging (after the last row read) rather than offsets: rows appended while the export runs (its own
    // audit row, say) neither shift nor repeat what follows.
    // `at` is kept as the driver returned it (a Date on PostgreSQL, text on SQLite) so it compares exactly.
    let last: { at: unknown; id: number } | undefined;
    for (;;) {
      const query = this.filtered(filter);
      if (last) {
        const after = last;
        query.where(q =>
          q
            .where('at', '<', after.at as Knex.Value)
            .orWhere(q2 =>
              q2
                .where('at', after.at as Knex.Value)
                .andWhere('id', '<', after.id),
            ),
        );
      }
      const rows = await query.orderBy(NEWEST_FIRST).limit(batchSize);
      for (const row of rows) yield toAuditEntry(row);
      if (rows.length < batchSize) return;
      const tail = rows[rows.length - 1];
      last = { at: tail.at, id: Number(tail.id) };
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

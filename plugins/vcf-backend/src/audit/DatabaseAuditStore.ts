import type { Knex } from 'knex';
import type { AuditEntry, Page } from '@vcf-backstage/plugin-vcf-common';
import {
  isoOrUndefined,
  nowIso,
  orUndefined,
  parseJsonColumn,
} from '../database/rowValues';
import type { AuditListQuery, AuditStore, NewAuditEntry } from './AuditStore';

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
    const base = this.db('audit_events');
    if (options.action) base.where('action', options.action);
    if (options.environmentId)
      base.where('environment_id', options.environmentId);
    if (options.actor) base.where('actor', options.actor);
    if (options.result) base.where('result', options.result);
    // Stored as ISO text (UTC); normalise so that any offset the caller sent compares correctly.
    if (options.from) base.where('at', '>=', nowIso(new Date(options.from)));
    if (options.to) base.where('at', '<', nowIso(new Date(options.to)));
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy([
        { column: 'at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(options.offset)
      .limit(options.limit);
    return {
      totalCount: Number(count),
      items: rows.map(row => ({
        id: Number(row.id),
        at: isoOrUndefined(row.at)!,
        actor: row.actor,
        action: row.action,
        result: row.result,
        environmentId: orUndefined(row.environment_id),
        credentialId: orUndefined(row.credential_id),
        vcenterId: orUndefined(row.vcenter_id),
        details: parseJsonColumn(row.details),
      })),
    };
  }
}

import type { AuditEntry, Page } from '@vcf-backstage/plugin-vcf-common';

/**
 * An audit row to write; the store sets its id and time.
 * @internal
 */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

/**
 * Filters of `GET /audit` and `GET /audit/export`.
 * @internal
 */
export interface AuditFilter {
  action?: string;
  environmentId?: string;
  actor?: string;
  result?: AuditEntry['result'];
  /** ISO timestamps: entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

/**
 * Paging and filters of `GET /audit`.
 * @internal
 */
export interface AuditListQuery extends AuditFilter {
  offset: number;
  limit: number;
  /** A page's nextCursor or prevCursor: the page next to it, instead of `offset`. */
  cursor?: string;
}

/**
 * The audit rows the UI reads (`GET /audit`), newest first.
 * @internal
 */
export interface AuditStore {
  append(entry: NewAuditEntry): Promise<void>;
  list(query: AuditListQuery): Promise<Page<AuditEntry>>;
  /** Every row the filter matches, newest first, read in batches (for the export). */
  iterate(filter: AuditFilter): AsyncIterable<AuditEntry>;
}

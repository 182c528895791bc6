/**
 * Timestamps are written as ISO-8601 UTC strings from JavaScript (never `knex.fn.now()`), so that they compare
 * correctly as text on SQLite and as timestamptz on PostgreSQL. PostgreSQL reads them back as Date objects,
 * SQLite as strings: these helpers make both the same.
 */

/** The current time as the ISO string every store writes. */
export function nowIso(now: Date = new Date()): string {
  return now.toISOString();
}

/** The exact form {@link nowIso} writes, which SQLite gives back as it is. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A timestamp column value as an ISO string, or undefined. */
export function isoOrUndefined(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  // Lists read thousands of these: what the stores wrote needs no parsing.
  if (typeof value === 'string' && ISO_UTC.test(value)) return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const parsed = new Date(String(value));
  return Number.isNaN(parsed.getTime()) ? String(value) : parsed.toISOString();
}

/** A nullable column value as undefined when null. */
export function orUndefined<T>(value: T | null | undefined): T | undefined {
  return value === null ? undefined : value;
}

/** A JSON text column parsed, or undefined. */
export function parseJsonColumn<T>(value: unknown): T | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return value as T;
  return JSON.parse(value) as T;
}

/** SQLite returns booleans as 0/1. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** Rows per INSERT so that no statement passes SQLite's bound-parameter limit. */
export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
}

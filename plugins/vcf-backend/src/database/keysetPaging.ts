import type { Knex } from 'knex';
import { InputError } from '@backstage/errors';
import { isSqlite } from './databaseKind';

/**
 * The sort of a list: the API's sort name, the column behind it and the direction. Rows are ordered by that
 * column, then by their ids in the same direction.
 * @internal
 */
export interface ListSort {
  orderBy: string;
  column: string;
  order: 'asc' | 'desc';
}

/**
 * Where a list puts the rows whose sort column is NULL: `high` and `low` are where the database's own ORDER BY puts
 * them (PostgreSQL above every value, SQLite below), so that one index serves the sort; `last` is after every
 * value in either direction.
 * @internal
 */
export type NullsPlacement = 'high' | 'low' | 'last';

/**
 * What {@link readListPage} needs to know of a list besides the page asked for.
 * @internal
 */
export interface KeysetList {
  /** A new query of the list's rows with their filters and columns (the sort column and id columns among them). */
  rows: () => Knex.QueryBuilder;
  sort: ListSort;
  /** The columns that make a row unique (never NULL), in the order they break ties of the sort column. */
  idColumns: readonly string[];
  nulls: NullsPlacement;
}

/**
 * Where a page read with a cursor starts: just after (`next`) or just before (`prev`) the row with this sort
 * value and ids, in the list's sort.
 */
interface ListCursor {
  orderBy: string;
  order: 'asc' | 'desc';
  value: string | null;
  ids: string[];
  direction: 'next' | 'prev';
}

const CURSOR_MAX_LENGTH = 2000;

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(
    JSON.stringify([
      cursor.orderBy,
      cursor.order,
      cursor.value,
      cursor.ids,
      cursor.direction,
    ]),
  ).toString('base64url');
}

function invalidCursor(): InputError {
  return new InputError(
    'Invalid cursor: send back the nextCursor or prevCursor of a page as it was given',
  );
}

/** Reads a cursor of this list's sort; a cursor that is not one, or is one of another sort, is a 400. */
function decodeCursor(text: string, list: KeysetList): ListCursor {
  const { sort } = list;
  if (text.length > CURSOR_MAX_LENGTH) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw invalidCursor();
  const [orderBy, order, value, ids, direction] = parsed;
  if (
    typeof orderBy !== 'string' ||
    (order !== 'asc' && order !== 'desc') ||
    (value !== null && typeof value !== 'string') ||
    !Array.isArray(ids) ||
    ids.length !== list.idColumns.length ||
    !ids.every(id => typeof id === 'string') ||
    (direction !== 'next' && direction !== 'prev')
  )
    throw invalidCursor();
  if (orderBy !== sort.orderBy || order !== sort.order) {
    throw new InputError(
      `The cursor belongs to the list sorted by ${orderBy} ${order}, not ${sort.orderBy} ${sort.order}: send the same sort with it`,
    );
  }
  return { orderBy, order, value, ids, direction };
}

/** A column value as a cursor keeps it: dates (PostgreSQL) as ISO text, as they compare with the column. */
function cursorValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** The name of a (possibly table-qualified) column in a result row. */
function rowKey(column: string): string {
  return column.slice(column.lastIndexOf('.') + 1);
}

/** `(??, ??, …)`: a row value of `count` identifiers or, with `'?'`, of values. */
function tuple(count: number, placeholder: '??' | '?'): string {
  return `(${Array(count).fill(placeholder).join(', ')})`;
}

/**
 * One page of a list, read by offset or after a cursor (keyset paging), with the cursors of the pages before and
 * after it.
 *
 * A cursor names the sort value and ids of the row the page starts next to, so its page is read as an index range
 * (`(column, id…) > (value, id…)`): it costs the same on the last page as on the first, where an offset walks every
 * row before the page. A cursor page holds the same rows as the offset page at the same place, NULLs included
 * (see {@link NullsPlacement}).
 * @internal
 */
export async function readListPage<Row extends Record<string, unknown>>(
  options: KeysetList & { limit: number } & (
      | { offset: number; cursor?: undefined }
      | { cursor: string }
    ),
): Promise<{ rows: Row[]; nextCursor?: string; prevCursor?: string }> {
  const { sort, limit } = options;
  const cursorOf = (row: Row, direction: ListCursor['direction']) =>
    encodeCursor({
      orderBy: sort.orderBy,
      order: sort.order,
      value: cursorValue(row[rowKey(sort.column)]),
      ids: options.idColumns.map(column => String(row[rowKey(column)])),
      direction,
    });

  if (options.cursor === undefined) {
    const read = await readAt<Row>({ ...options, limit: limit + 1 });
    const rows = read.slice(0, limit);
    return {
      rows,
      nextCursor:
        read.length > limit
          ? cursorOf(rows[rows.length - 1], 'next')
          : undefined,
      prevCursor:
        options.offset > 0 && rows.length
          ? cursorOf(rows[0], 'prev')
          : undefined,
    };
  }

  const cursor = decodeCursor(options.cursor, options);
  const read = await readBeyond<Row>({ ...options, cursor, limit: limit + 1 });
  const more = read.length > limit;
  const rows = read.slice(0, limit);
  if (cursor.direction === 'prev') rows.reverse();
  if (!rows.length) return { rows };
  const first = cursorOf(rows[0], 'prev');
  const last = cursorOf(rows[rows.length - 1], 'next');
  return cursor.direction === 'next'
    ? { rows, nextCursor: more ? last : undefined, prevCursor: first }
    : { rows, nextCursor: last, prevCursor: more ? first : undefined };
}

/**
 * The shape of a log-like list read newest first: by a time column, then by an id that grows as rows are written
 * (the audit trail, the change feed).
 * @internal
 */
export function newestFirst(
  db: Knex,
  columns: { time: string; id: string },
): Omit<KeysetList, 'rows'> {
  return {
    sort: { orderBy: 'at', column: columns.time, order: 'desc' },
    idColumns: [columns.id],
    nulls: isSqlite(db) ? 'low' : 'high',
  };
}

/**
 * The cursors a page read by {@link readListPage} gives, as an API `Page` carries them: only those it has.
 * @internal
 */
export function cursorsOf(page: { nextCursor?: string; prevCursor?: string }): {
  nextCursor?: string;
  prevCursor?: string;
} {
  return {
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    ...(page.prevCursor ? { prevCursor: page.prevCursor } : {}),
  };
}

/**
 * Every row of a list, in its sort, a batch of up to `batchSize` rows at a time, each batch read after the last
 * row of the one before: no row is read twice or skipped when rows change in between, and no offset is walked.
 * @internal
 */
export async function* readListInBatches<Row extends Record<string, unknown>>(
  options: KeysetList & { batchSize: number },
): AsyncIterable<Row[]> {
  for (let cursor: string | undefined; ; ) {
    const page = await readListPage<Row>({
      ...options,
      limit: options.batchSize,
      ...(cursor ? { cursor } : { offset: 0 }),
    });
    if (page.rows.length) yield page.rows;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

/**
 * The two index ranges of a list in one reading direction: the rows with a sort value (optionally only those
 * beyond a row) and the rows without one (optionally only those beyond some ids), and which comes last.
 */
function rangesOf(list: KeysetList, direction: ListCursor['direction']) {
  const { sort, idColumns } = list;
  const flip = direction === 'prev';
  const order: 'asc' | 'desc' =
    (sort.order === 'asc') !== flip ? 'asc' : 'desc';
  const beyond = order === 'asc' ? '>' : '<';
  const nullsLast =
    list.nulls === 'last'
      ? !flip
      : // In ascending order NULLs come last where NULL sorts highest; in descending order where it sorts lowest.
        (order === 'asc') === (list.nulls === 'high');
  const byIds = idColumns.map(column => ({ column, order }));

  const values = (after?: { value: string; ids: string[] }) => {
    const q = list.rows().whereNotNull(sort.column);
    if (after)
      q.whereRaw(
        `${tuple(idColumns.length + 1, '??')} ${beyond} ${tuple(
          idColumns.length + 1,
          '?',
        )}`,
        [sort.column, ...idColumns, after.value, ...after.ids],
      );
    return q.orderBy([{ column: sort.column, order }, ...byIds]);
  };
  const nulls = (afterIds?: string[]) => {
    const q = list.rows().whereNull(sort.column);
    if (afterIds)
      q.whereRaw(
        `${tuple(idColumns.length, '??')} ${beyond} ${tuple(
          idColumns.length,
          '?',
        )}`,
        [...idColumns, ...afterIds],
      );
    return q.orderBy(byIds);
  };
  return { values, nulls, nullsLast };
}

/**
 * Up to `limit` rows from `offset` on. Where the database's ORDER BY places the NULLs, one query (one index);
 * with NULLs last in either direction, the two ranges in turn (the rows without a value are counted only when
 * the offset lies beyond every row with one).
 */
async function readAt<Row>(
  options: KeysetList & { offset: number; limit: number },
): Promise<Row[]> {
  const { sort, idColumns, offset, limit } = options;
  if (options.nulls !== 'last') {
    return options
      .rows()
      .orderBy([
        { column: sort.column, order: sort.order },
        ...idColumns.map(column => ({ column, order: sort.order })),
      ])
      .offset(offset)
      .limit(limit);
  }
  const { values, nulls } = rangesOf(options, 'next');
  const rows: Row[] = await values().offset(offset).limit(limit);
  if (rows.length >= limit) return rows;
  let nullsOffset = 0;
  if (!rows.length && offset > 0) {
    const [{ count }] = await options
      .rows()
      .clearSelect()
      .whereNotNull(sort.column)
      .count({ count: '*' });
    nullsOffset = Math.max(0, offset - Number(count));
  }
  rows.push(
    ...(await nulls()
      .offset(nullsOffset)
      .limit(limit - rows.length)),
  );
  return rows;
}

/**
 * Up to `limit` rows beyond the cursor in the direction it reads (for `prev`, the sort reversed and the rows in
 * that reversed order): the rest of the cursor's range, then the other range if it comes later.
 */
async function readBeyond<Row>(
  options: KeysetList & { cursor: ListCursor; limit: number },
): Promise<Row[]> {
  const { cursor, limit } = options;
  const { values, nulls, nullsLast } = rangesOf(options, cursor.direction);
  const segments: Array<() => Knex.QueryBuilder> = [];
  if (cursor.value === null) {
    segments.push(() => nulls(cursor.ids));
    if (!nullsLast) segments.push(() => values());
  } else {
    const after = { value: cursor.value, ids: cursor.ids };
    segments.push(() => values(after));
    if (nullsLast) segments.push(() => nulls());
  }
  const rows: Row[] = [];
  for (const segment of segments) {
    if (rows.length >= limit) break;
    rows.push(...(await segment().limit(limit - rows.length)));
  }
  return rows;
}

import type { Knex } from 'knex';
import { InputError } from '@backstage/errors';

/**
 * The sort of a list: the API's sort name, the column behind it and the direction. Rows are ordered by that
 * column, then by their id in the same direction.
 * @internal
 */
export interface ListSort {
  orderBy: string;
  column: string;
  order: 'asc' | 'desc';
}

/**
 * Where a page read with a cursor starts: just after (`next`) or just before (`prev`) the row with this sort
 * value and id, in the list's sort.
 */
interface ListCursor {
  orderBy: string;
  order: 'asc' | 'desc';
  value: string | null;
  id: string;
  direction: 'next' | 'prev';
}

const CURSOR_MAX_LENGTH = 2000;

function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(
    JSON.stringify([
      cursor.orderBy,
      cursor.order,
      cursor.value,
      cursor.id,
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
function decodeCursor(text: string, sort: ListSort): ListCursor {
  if (text.length > CURSOR_MAX_LENGTH) throw invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 5) throw invalidCursor();
  const [orderBy, order, value, id, direction] = parsed;
  if (
    typeof orderBy !== 'string' ||
    (order !== 'asc' && order !== 'desc') ||
    (value !== null && typeof value !== 'string') ||
    typeof id !== 'string' ||
    (direction !== 'next' && direction !== 'prev')
  )
    throw invalidCursor();
  if (orderBy !== sort.orderBy || order !== sort.order) {
    throw new InputError(
      `The cursor belongs to the list sorted by ${orderBy} ${order}, not ${sort.orderBy} ${sort.order}: send the same sort with it`,
    );
  }
  return { orderBy, order, value, id, direction };
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

/**
 * One page of a list, read by offset or after a cursor (keyset paging), with the cursors of the pages before and
 * after it.
 *
 * A cursor names the sort value and id of the row the page starts next to, so its page is read as an index range
 * (`(column, id) > (value, id)`): it costs the same on the last page as on the first, where an offset walks every
 * row before the page. NULLs sort as each database sorts them in ORDER BY (SQLite lowest, PostgreSQL highest), so a
 * cursor page holds the same rows as the offset page at the same place.
 * @internal
 */
export async function readListPage<Row extends Record<string, unknown>>(
  options: {
    /** A new query of the list's rows with their filters and columns (the id and the sort column among them). */
    rows: () => Knex.QueryBuilder;
    sort: ListSort;
    idColumn: string;
    /** Whether the database sorts NULL above every value (PostgreSQL) or below (SQLite). */
    nullsHigh: boolean;
    limit: number;
  } & ({ offset: number; cursor?: undefined } | { cursor: string }),
): Promise<{ rows: Row[]; nextCursor?: string; prevCursor?: string }> {
  const { sort, limit } = options;
  const cursorOf = (row: Row, direction: ListCursor['direction']) =>
    encodeCursor({
      orderBy: sort.orderBy,
      order: sort.order,
      value: cursorValue(row[rowKey(sort.column)]),
      id: String(row[rowKey(options.idColumn)]),
      direction,
    });

  if (options.cursor === undefined) {
    const read: Row[] = await options
      .rows()
      .orderBy([
        { column: sort.column, order: sort.order },
        { column: options.idColumn, order: sort.order },
      ])
      .offset(options.offset)
      .limit(limit + 1);
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

  const cursor = decodeCursor(options.cursor, sort);
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
 * Up to `limit` rows beyond the cursor in the direction it reads (for `prev`, the sort reversed and the rows in
 * that reversed order). The non-NULL values and the NULLs are two index ranges, read in the order the direction
 * meets them.
 */
async function readBeyond<Row>(options: {
  rows: () => Knex.QueryBuilder;
  sort: ListSort;
  idColumn: string;
  nullsHigh: boolean;
  cursor: ListCursor;
  limit: number;
}): Promise<Row[]> {
  const { sort, idColumn, cursor, limit } = options;
  const flip = cursor.direction === 'prev';
  const order: 'asc' | 'desc' =
    (sort.order === 'asc') !== flip ? 'asc' : 'desc';
  const beyond = order === 'asc' ? '>' : '<';
  // In ascending order the NULLs come last where NULL sorts highest; in descending order where it sorts lowest.
  const nullsLast = (order === 'asc') === options.nullsHigh;

  const values = (limitRows: number, after?: { value: string; id: string }) => {
    const q = options.rows().whereNotNull(sort.column);
    if (after)
      q.whereRaw(`(??, ??) ${beyond} (?, ?)`, [
        sort.column,
        idColumn,
        after.value,
        after.id,
      ]);
    return q
      .orderBy([
        { column: sort.column, order },
        { column: idColumn, order },
      ])
      .limit(limitRows) as Promise<Row[]>;
  };
  const nulls = (limitRows: number, afterId?: string) => {
    const q = options.rows().whereNull(sort.column);
    if (afterId !== undefined) q.where(idColumn, beyond, afterId);
    return q.orderBy(idColumn, order).limit(limitRows) as Promise<Row[]>;
  };

  const segments: Array<(limitRows: number) => Promise<Row[]>> = [];
  if (cursor.value === null) {
    segments.push(n => nulls(n, cursor.id));
    if (!nullsLast) segments.push(n => values(n));
  } else {
    const after = { value: cursor.value, id: cursor.id };
    segments.push(n => values(n, after));
    if (nullsLast) segments.push(n => nulls(n));
  }
  const rows: Row[] = [];
  for (const segment of segments) {
    if (rows.length >= limit) break;
    rows.push(...(await segment(limit - rows.length)));
  }
  return rows;
}

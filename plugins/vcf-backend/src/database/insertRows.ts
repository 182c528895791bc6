import type { Knex } from 'knex';

/**
 * Inserts rows in one statement written as `VALUES (…), (…)`, skipping each row whose `key` another row already
 * holds (`ON CONFLICT … DO NOTHING`, which SQLite and PostgreSQL both take). Every row gives a value (or null) for
 * each of `columns`.
 *
 * The query builder writes a multi-row INSERT on SQLite as a compound SELECT (`select ? as a, … union all select
 * …`), which SQLite takes about twice as long to compile as a VALUES list of the same rows; the inventory sync
 * writes hundreds of thousands of rows a statement of a few hundred at a time, so it writes them this way.
 * @internal
 */
export async function insertRowsSkippingTakenKeys(
  db: Knex,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): Promise<void> {
  if (!rows.length) return;
  const identifiers = (names: readonly string[]) =>
    names.map(() => '??').join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const values: Knex.Value[] = [];
  for (const row of rows) {
    for (const column of columns) {
      values.push((row[column] ?? null) as Knex.Value);
    }
  }
  await db.raw(
    `insert into ?? (${identifiers(columns)}) values ${Array(rows.length)
      .fill(tuple)
      .join(', ')} on conflict (${identifiers(key)}) do nothing`,
    [table, ...columns, ...values, ...key],
  );
}

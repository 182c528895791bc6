import type { Knex } from 'knex';
import { createVcfTestDatabases } from '../__testUtils__/vcfTestDatabases';
import { insertRowsSkippingTakenKeys } from './insertRows';

const databases = createVcfTestDatabases();
const COLUMNS = ['scope', 'id', 'label', 'size', 'enabled'];

/** A fresh database with the table under test, and how to insert into it. */
async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const db = await databases.init(databaseId);
  await createTable(db);
  const insert = (rows: Array<Record<string, unknown>>) =>
    insertRowsSkippingTakenKeys(
      db,
      'rows_under_test',
      COLUMNS,
      ['scope', 'id'],
      rows,
    );
  return { db, insert };
}

async function createTable(db: Knex) {
  await db.schema.createTable('rows_under_test', table => {
    table.string('scope').notNullable();
    table.string('id').notNullable();
    table.text('label');
    table.bigInteger('size');
    table.boolean('enabled');
    table.primary(['scope', 'id']);
  });
}

describe('insertRowsSkippingTakenKeys', () => {
  it.each(databases.eachSupportedId())(
    'inserts every row with its values, nulls where a value is missing, and skips taken keys, on %p',
    async databaseId => {
      const { db, insert } = await setup(databaseId);
      await insert([
        { scope: 'a', id: '1', label: 'first', size: 10, enabled: true },
        { scope: 'a', id: '2', label: 'it\'s "quoted" ?', size: null },
        { scope: 'b', id: '1', label: undefined, enabled: false },
      ]);
      await insert([
        // Taken by the first statement: the stored row stays as it was.
        { scope: 'a', id: '1', label: 'second', size: 20, enabled: false },
        { scope: 'c', id: '1', label: 'new', size: 30, enabled: true },
        // Taken within the same statement: the first one is kept.
        { scope: 'c', id: '1', label: 'again', size: 40, enabled: false },
      ]);

      const rows = await db('rows_under_test')
        .orderBy(['scope', 'id'])
        .select(COLUMNS);
      expect(
        rows.map(r => ({
          ...r,
          size: r.size === null ? null : Number(r.size),
          enabled: r.enabled === null ? null : Boolean(r.enabled),
        })),
      ).toEqual([
        { scope: 'a', id: '1', label: 'first', size: 10, enabled: true },
        {
          scope: 'a',
          id: '2',
          label: 'it\'s "quoted" ?',
          size: null,
          enabled: null,
        },
        { scope: 'b', id: '1', label: null, size: null, enabled: false },
        { scope: 'c', id: '1', label: 'new', size: 30, enabled: true },
      ]);
      await db.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'does nothing for no rows, on %p',
    async databaseId => {
      const { db, insert } = await setup(databaseId);
      await insert([]);
      const [{ n }] = await db('rows_under_test').count({ n: '*' });
      expect(Number(n)).toBe(0);
      await db.destroy();
    },
  );
});

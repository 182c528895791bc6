import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  insertEnvironment,
  upstreamCredential,
} from '../__testUtils__/credentialFixtures';
import { DatabaseCredentialStore } from './DatabaseCredentialStore';

const databases = createVcfTestDatabases();

/** Names with every character that is special to LIKE, GLOB or the trigram tokenizer. */
const NAMES = [
  'esxi-001.vcf01.example.test',
  'ESXI-002.VCF01.EXAMPLE.TEST',
  'vc_mgmt%01.example.test',
  'vcmgmtX01.example.test',
  'nsx*manager?.example.test',
  'nsxAmanagerB.example.test',
  'sddc[1].example.test',
  'sddc1.example.test',
  'back\\slash.example.test',
  'Größe-ÄÖÜ.example.test',
  'ab',
];

const QUERIES = [
  'esxi',
  'ESXI-00',
  'vcf01.exa',
  '_',
  'vc_m',
  '%',
  'mgmt%0',
  '*',
  'nsx*m',
  'r?.',
  '[1]',
  '[',
  ']',
  '\\',
  'k\\s',
  'größe',
  'GRÖSSE',
  'äöü',
  'e',
  'ab',
  'no-such-text',
  '10.0.0.',
  'root',
  'wld-01',
];

describe.each(databases.eachSupportedId())(
  'credential search (q=) on %p',
  databaseId => {
    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      await insertEnvironment(knex, 'env-a');
      await insertEnvironment(knex, 'env-b');
      const store = DatabaseCredentialStore.create({
        db: knex,
        cipher: createTestCipher(),
      });
      const credentials = NAMES.map((resourceName, i) =>
        upstreamCredential(i + 1, { resourceName }),
      );
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials,
      });
      await store.replaceSourceSet({
        environmentId: 'env-b',
        source: 'sddc-manager',
        credentials: [
          upstreamCredential(99, { resourceName: 'esxi-in-b.example.test' }),
        ],
      });
      return { knex, store, credentials };
    }

    /** The search's meaning: the lower-cased name, IP, username or domain contains the lower-cased query. */
    function expectedNames(
      credentials: ReturnType<typeof upstreamCredential>[],
      q: string,
    ) {
      return credentials
        .filter(c =>
          [c.resourceName, c.resourceIp, c.username, c.domainName]
            .filter(Boolean)
            .join(' ')
            .toLowerCase()
            .includes(q.toLowerCase()),
        )
        .map(c => c.resourceName)
        .sort();
    }

    async function search(
      store: DatabaseCredentialStore,
      q: string,
      environmentId = 'env-a',
    ) {
      const page = await store.list({
        environmentId,
        query: { q, limit: 100 },
      });
      const names = page.items.map(c => c.resourceName).sort();
      expect(page.totalCount).toBe(names.length);
      return names;
    }

    it('finds exactly the credentials whose text contains the query, wildcards taken literally', async () => {
      const { store, credentials } = await setup();
      for (const q of QUERIES) {
        expect({ q, names: await search(store, q) }).toEqual({
          q,
          names: expectedNames(credentials, q),
        });
      }
      expect(await search(store, 'esxi', 'env-b')).toEqual([
        'esxi-in-b.example.test',
      ]);
    });

    it('follows renamed, added and deleted credentials', async () => {
      const { knex, store, credentials } = await setup();
      const renamed = credentials.map(c =>
        c.naturalKey === credentials[0].naturalKey
          ? { ...c, resourceName: 'renamed-host.example.test' }
          : c,
      );
      const added = upstreamCredential(50, {
        resourceName: 'fresh-esxi.example.test',
      });
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [...renamed, added],
      });
      expect(await search(store, 'renamed-host')).toEqual([
        'renamed-host.example.test',
      ]);
      expect(await search(store, 'esxi-001')).toEqual([]);
      expect(await search(store, 'fresh-esxi')).toEqual([
        'fresh-esxi.example.test',
      ]);

      await knex('credentials').where({ environment_id: 'env-a' }).delete();
      expect(await search(store, 'e')).toEqual([]);
      expect(await search(store, 'esxi', 'env-b')).toEqual([
        'esxi-in-b.example.test',
      ]);
    });

    // PostgreSQL only: SQLite has no search index (see migration 20261202_06_search_index.js).
    const itOnPostgres = databaseId.startsWith('POSTGRES') ? it : it.skip;

    itOnPostgres('can answer searches from the trigram index', async () => {
      const { knex } = await setup();
      // A table this small is read sequentially anyway; with sequential scans off the plan shows whether the index
      // can serve the store's LIKE … ESCAPE as it is.
      const tx = await knex.transaction();
      await tx.raw('set local enable_seqscan = off');
      const plan = await tx.raw(
        "explain select id from credentials where search_text like ? escape '\\'",
        ['%esxi-00%'],
      );
      await tx.rollback();
      // eslint-disable-next-line jest/no-standalone-expect -- inside itOnPostgres, an alias of it
      expect(JSON.stringify(plan.rows)).toContain(
        'credentials_search_trgm_idx',
      );
    });
  },
);

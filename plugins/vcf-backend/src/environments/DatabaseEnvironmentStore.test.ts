import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { insertEnvironment } from '../__testUtils__/credentialFixtures';
import { DatabaseEnvironmentStore } from './DatabaseEnvironmentStore';

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'environment definitions of DatabaseEnvironmentStore on %p',
  databaseId => {
    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      let now = 1_000_000;
      const store = DatabaseEnvironmentStore.create({
        db: knex,
        cipher: createTestCipher(),
        definitionsCacheMs: 2000,
        now: () => now,
      });
      const change = (id: string, title: string) => ({
        id,
        title,
        owner: 'group:default/team-a',
        discoverVcenters: false,
        endpoints: {},
      });
      return {
        knex,
        store,
        change,
        advance: (ms: number) => {
          now += ms;
        },
      };
    }

    it('reuses the definitions for the TTL when they change past the store, and reads them again after it', async () => {
      const { knex, store, advance } = await setup();
      await insertEnvironment(knex, 'env-a');
      expect((await store.list()).map(e => e.id)).toEqual(['env-a']);
      // As another replica would: the definitions read before are reused until the TTL has passed.
      await insertEnvironment(knex, 'env-b');
      advance(1999);
      expect(await store.get('env-b')).toBeUndefined();
      expect((await store.list()).map(e => e.id)).toEqual(['env-a']);
      advance(1);
      expect((await store.get('env-b'))?.id).toBe('env-b');
      expect((await store.list()).map(e => e.id)).toEqual(['env-a', 'env-b']);
    });

    it('shows its own writes at once', async () => {
      const { store, change } = await setup();
      expect(await store.list()).toEqual([]);
      await store.create(change('env-a', 'A'));
      expect((await store.get('env-a'))?.title).toBe('A');
      await store.update(change('env-a', 'A, renamed'));
      expect((await store.get('env-a'))?.title).toBe('A, renamed');
      await store.delete('env-a');
      expect(await store.get('env-a')).toBeUndefined();
      await store.replaceConfigEnvironments([change('env-c', 'C')]);
      expect((await store.list()).map(e => e.id)).toEqual(['env-c']);
    });

    it('hands out its cached definitions frozen, so that no caller can change what the next one reads', async () => {
      const { store, change } = await setup();
      await store.create({
        ...change('env-a', 'A'),
        endpoints: {
          'sddc-manager': {
            baseUrl: 'https://sddc.example.test',
            username: 'svc',
            password: 'pw',
            tls: { verify: true },
            intervalMinutes: 30,
          },
        },
      });
      const env = (await store.get('env-a'))!;
      expect(() => {
        (env as any).title = 'changed';
      }).toThrow(TypeError);
      expect(() => {
        (env.endpoints['sddc-manager'] as any).baseUrl = 'https://evil';
      }).toThrow(TypeError);
      const listed = await store.list();
      listed.pop();
      expect((await store.list()).map(e => e.title)).toEqual(['A']);
      expect(
        (await store.get('env-a'))?.endpoints['sddc-manager']?.baseUrl,
      ).toBe('https://sddc.example.test');
    });

    it('reads the database for a filtered list', async () => {
      const { knex, store } = await setup();
      await insertEnvironment(knex, 'env-a', 'group:default/team-a');
      expect(await store.list()).toHaveLength(1);
      await insertEnvironment(knex, 'env-b', 'group:default/team-a');
      const owned = await store.list({
        field: 'environmentOwner',
        values: ['group:default/team-a'],
      });
      expect(owned.map(e => e.id)).toEqual(['env-a', 'env-b']);
    });
  },
);

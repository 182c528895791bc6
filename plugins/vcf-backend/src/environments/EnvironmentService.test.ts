import { mockServices } from '@backstage/backend-test-utils';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { upstreamCredential } from '../__testUtils__/credentialFixtures';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { DatabaseEnvironmentStore } from './DatabaseEnvironmentStore';
import { EnvironmentService } from './EnvironmentService';

const databases = createVcfTestDatabases();

const endpoint = {
  baseUrl: 'https://sddc.example.test',
  username: 'svc@vsphere.local',
  password: 'secret',
  tls: { verify: true },
  intervalMinutes: 30,
};

describe.each(databases.eachSupportedId())(
  'EnvironmentService status cache on %p',
  databaseId => {
    async function setup(statusCacheMs: number) {
      const knex = await createMigratedDatabase(databases, databaseId);
      const cipher = createTestCipher();
      const environments = DatabaseEnvironmentStore.create({
        db: knex,
        cipher,
      });
      const credentials = DatabaseCredentialStore.create({
        db: knex,
        cipher,
      });
      const syncTargets = DatabaseSyncTargetStore.create({ db: knex });
      const service = new EnvironmentService({
        environments,
        credentials,
        syncTargets,
        logger: mockServices.logger.mock(),
        statusCacheMs,
      });
      await service.applyConfig([
        {
          id: 'env-a',
          title: 'A',
          discoverVcenters: false,
          endpoints: { 'sddc-manager': endpoint },
        },
      ]);
      /** A sync written straight to the database, as another replica's would be. */
      const syncElsewhere = (count: number) =>
        credentials.replaceSourceSet({
          environmentId: 'env-a',
          source: 'sddc-manager',
          credentials: Array.from({ length: count }, (_, i) =>
            upstreamCredential(i + 1),
          ),
        });
      const totals = async () =>
        Object.fromEntries(
          (await service.list()).map(e => [e.id, e.credentialCounts.total]),
        );
      return { service, syncElsewhere, totals };
    }

    it('reuses counts until they are forgotten (a finished sync run forgets them)', async () => {
      const { service, syncElsewhere, totals } = await setup(60_000);
      expect(await totals()).toEqual({ 'env-a': 0 });
      await syncElsewhere(3);
      expect(await totals()).toEqual({ 'env-a': 0 });
      expect((await service.get('env-a')).credentialCounts.total).toBe(0);
      service.forgetCachedStatus();
      expect(await totals()).toEqual({ 'env-a': 3 });
    });

    it('shows its own changes at once: created and deleted environments, requested syncs', async () => {
      const { service, syncElsewhere, totals } = await setup(60_000);
      expect(await totals()).toEqual({ 'env-a': 0 });
      await syncElsewhere(2);
      const created = await service.create({
        id: 'env-b',
        title: 'B',
        discoverVcenters: false,
        endpoints: { 'sddc-manager': endpoint },
      });
      expect(created.sync['sddc-manager']).toBeDefined();
      expect(await totals()).toEqual({ 'env-a': 2, 'env-b': 0 });

      const before = (await service.get('env-b')).sync['sddc-manager'];
      const [requested] = await service.requestSync(
        'env-b',
        'user:default/tester',
      );
      expect((await service.get('env-b')).sync['sddc-manager']).toEqual(
        requested,
      );
      expect(requested).not.toEqual(before);

      await service.delete('env-b');
      expect(await totals()).toEqual({ 'env-a': 2 });
    });

    it('reads every time when the cache time is 0', async () => {
      const { syncElsewhere, totals } = await setup(0);
      expect(await totals()).toEqual({ 'env-a': 0 });
      await syncElsewhere(4);
      expect(await totals()).toEqual({ 'env-a': 4 });
    });
  },
);

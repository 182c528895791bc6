import { mockServices } from '@backstage/backend-test-utils';
import {
  startVcfSimulator,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import { EnvironmentService } from '../environments/EnvironmentService';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { SyncDispatcher } from '../sync/SyncDispatcher';
import { DatabaseCredentialStore } from './DatabaseCredentialStore';
import {
  CredentialSyncRunner,
  credentialTargetId,
  type VcfClientSettings,
} from './CredentialSyncRunner';

const databases = createVcfTestDatabases();

/** Every call of a logger mock, as one string, to search for secrets. */
function loggedText(
  logger: ReturnType<typeof mockServices.logger.mock>,
): string {
  const calls = ['debug', 'info', 'warn', 'error'].flatMap(
    level => (logger as any)[level].mock.calls,
  );
  return JSON.stringify(calls);
}

describe.each(databases.eachSupportedId())(
  'credential sync from the simulator on %p',
  databaseId => {
    let simulator: VcfSimulator;

    beforeAll(async () => {
      simulator = await startVcfSimulator({
        seed: 'integration',
        environments: [
          { id: 'east', credentialCount: 2600, specFlavor: 'vcf9' },
          { id: 'lab', credentialCount: 40, specFlavor: 'vcf5.2' },
        ],
      });
    });
    afterAll(async () => {
      await simulator.stop();
    });
    afterEach(() => simulator.resetFaults());

    async function setup(
      clientSettings: VcfClientSettings = {
        retries: 1,
        retryBaseDelayMs: 10,
        timeoutMs: 5000,
      },
    ) {
      const knex = await createMigratedDatabase(databases, databaseId);
      const cipher = createTestCipher();
      const logger = mockServices.logger.mock();
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
        logger,
        clientSettings,
      });
      const endpoint = (
        url: string,
        account: { username: string; password: string },
      ) => ({
        baseUrl: url,
        username: account.username,
        password: account.password,
        tls: { verify: true, ca: simulator.certificatePem },
        intervalMinutes: 30,
      });
      await service.applyConfig(
        simulator.environments.map(env => ({
          id: env.id,
          title: env.id,
          discoverVcenters: false,
          endpoints: {
            'sddc-manager': endpoint(
              env.sddcManagerUrl,
              env.sddcManagerServiceAccount,
            ),
            installer: endpoint(env.installerUrl, env.installerServiceAccount),
          },
        })),
      );
      const dispatcher = new SyncDispatcher({
        store: syncTargets,
        runners: [
          new CredentialSyncRunner({
            environments,
            credentials,
            clientSettings,
          }),
        ],
        logger,
        concurrency: 4,
        leaseSeconds: 60,
      });
      const syncAll = async () => {
        await syncTargets.requestAllRuns();
        await dispatcher.runDueTargets();
      };
      return { credentials, syncTargets, service, syncAll, logger };
    }

    it('syncs both sources of a VCF 9 and a VCF 5.2 environment over HTTPS, paging through 2,600 credentials', async () => {
      const { credentials, syncTargets, syncAll, logger } = await setup();
      await syncAll();
      for (const target of await syncTargets.listTargets()) {
        expect({
          id: target.id,
          status: target.status,
          error: target.lastError,
        }).toEqual({
          id: target.id,
          status: 'succeeded',
          error: undefined,
        });
      }
      const east = await credentials.list({
        environmentId: 'east',
        query: { source: 'sddc-manager', limit: 1 },
      });
      expect(east.totalCount).toBe(simulator.listCredentials('east').length);
      expect(east.totalCount).toBe(2600);

      const installer = await credentials.list({
        environmentId: 'east',
        query: { source: 'installer', limit: 500 },
      });
      const types = new Set(installer.items.map(c => c.resourceType));
      for (const type of [
        'ESXI',
        'VCENTER',
        'PSC',
        'NSXT_MANAGER',
        'SDDC_MANAGER',
      ])
        expect(types).toContain(type);

      const lab = await credentials.list({
        environmentId: 'lab',
        query: { source: 'installer', resourceType: 'SDDC_MANAGER' },
      });
      expect(lab.items.map(c => c.username).sort()).toEqual(
        expect.arrayContaining(['root']),
      );
      expect(lab.totalCount).toBeGreaterThanOrEqual(2);

      // The password we stored is the one upstream has.
      const upstream = simulator.listCredentials('east')[0];
      const [stored] = (
        await credentials.list({
          environmentId: 'east',
          query: { q: upstream.resource?.resourceName, limit: 500 },
        })
      ).items.filter(
        c =>
          c.username === upstream.username &&
          c.credentialType === upstream.credentialType,
      );
      expect(await credentials.revealPassword(stored.id)).toBe(
        upstream.password,
      );
      expect(loggedText(logger)).not.toContain(upstream.password);
    });

    it('reads SDDC Manager in pages of the configured size and records how many pages each run read', async () => {
      const { syncTargets, syncAll } = await setup({
        retries: 1,
        retryBaseDelayMs: 10,
        timeoutMs: 5000,
        sddcManagerPageSize: 400,
      });
      await syncAll();
      const counts = new Map(
        (await syncTargets.listTargets()).map(t => [t.id, t.lastCounts]),
      );
      // 2,600 credentials in pages of 400; the Installer's one deployment spec is its one page.
      expect(counts.get(credentialTargetId('east', 'sddc-manager'))).toEqual(
        expect.objectContaining({ total: 2600, pages: 7 }),
      );
      expect(counts.get(credentialTargetId('east', 'installer'))).toEqual(
        expect.objectContaining({ pages: 1 }),
      );
      expect(counts.get(credentialTargetId('lab', 'sddc-manager'))?.pages).toBe(
        Math.ceil(simulator.listCredentials('lab').length / 400),
      );
    });

    it('records a password rotated upstream in the history on the next sync', async () => {
      const { credentials, syncAll } = await setup();
      await syncAll();
      const rotated = simulator.rotatePassword('lab');
      await syncAll();
      const page = await credentials.list({
        environmentId: 'lab',
        query: { source: 'sddc-manager', limit: 500 },
      });
      const changed = page.items.filter(c => c.passwordChangedAt);
      expect(changed).toHaveLength(1);
      const history = await credentials.listHistory(changed[0].id, {
        withPasswords: true,
      });
      expect(history).toHaveLength(1);
      expect(await credentials.revealPassword(changed[0].id)).toBe(
        rotated.password,
      );
    });

    it('recovers when the access token expires in the middle of a sync', async () => {
      const { credentials, syncTargets, syncAll } = await setup();
      simulator.setFaults(
        { tokenTtlSeconds: 1, latencyMs: 250 },
        { environmentId: 'east', service: 'sddc-manager' },
      );
      await syncAll();
      expect(
        await syncTargets.getTarget('credentials:east:sddc-manager'),
      ).toMatchObject({ status: 'succeeded' });
      expect(
        (
          await credentials.list({
            environmentId: 'east',
            query: { source: 'sddc-manager' },
          })
        ).totalCount,
      ).toBe(2600);
    });

    it.each([
      ['5xx answers', { errorRate: 1 }, /answered HTTP 500|answered 500/],
      ['malformed JSON', { malformedJson: true }, /not valid JSON/],
      [
        'a truncated page',
        { truncatedPage: 'last-page-short' as const },
        /announced .* but its pages held/,
      ],
      [
        'a rejected service account',
        { rejectServiceAccount: true },
        /rejected the service account/,
      ],
      ['a hanging request', { hang: true }, /did not answer/],
    ])(
      'keeps the last good data and shows the error after %s',
      async (_name, faults, message) => {
        const { credentials, syncTargets, syncAll, logger } = await setup({
          retries: 1,
          retryBaseDelayMs: 10,
          timeoutMs: 1500,
        });
        await syncAll();
        const sddcManagerRows = {
          environmentId: 'lab',
          query: {
            source: 'sddc-manager' as const,
            limit: 500,
            orderBy: 'resourceName',
          },
        };
        const before = await credentials.list(sddcManagerRows);
        expect(before.totalCount).toBe(40);

        simulator.setFaults(faults, {
          environmentId: 'lab',
          service: 'sddc-manager',
        });
        await syncAll();
        const target = await syncTargets.getTarget(
          'credentials:lab:sddc-manager',
        );
        expect(target?.status).toBe('failed');
        expect(target?.lastError).toMatch(message);
        const after = await credentials.list(sddcManagerRows);
        expect(after).toEqual(before);

        const servicePassword =
          simulator.environments[1].sddcManagerServiceAccount.password;
        expect(target?.lastError).not.toContain(servicePassword);
        expect(loggedText(logger)).not.toContain(servicePassword);
      },
    );

    it('tests the connection of each source with a readable result', async () => {
      const { service } = await setup();
      expect(await service.testConnection('east')).toMatchObject({ ok: true });
      simulator.setFaults(
        { rejectServiceAccount: true },
        { environmentId: 'east', service: 'installer' },
      );
      const result = await service.testConnection('east');
      expect(result.ok).toBe(false);
      expect(
        result.results.find(r => r.source === 'installer')?.message,
      ).toMatch(/rejected the service account/);
    });
  },
);

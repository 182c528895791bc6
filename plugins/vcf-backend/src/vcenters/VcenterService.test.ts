import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import type { VcenterDefinition } from '../config/readVcfConfig';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { upstreamCredential } from '../__testUtils__/credentialFixtures';
import { sampleInventory } from '../__testUtils__/inventoryFixtures';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { credentialTargetId } from '../credentials/CredentialSyncRunner';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import { DatabaseInventoryStore } from '../inventory/DatabaseInventoryStore';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import type { SyncTarget } from '../sync/SyncTargetStore';
import { DatabaseVcenterStore } from './DatabaseVcenterStore';
import type { VcenterDiscovery } from './VcenterDiscovery';
import { VcenterDiscoveryService } from './VcenterDiscoveryService';
import { inventoryTargetId, VcenterService } from './VcenterService';
import type { DiscoveredVcenter } from './VcenterStore';

const databases = createVcfTestDatabases();
const SECRET = 'CANARY-vcenter-5f2a';

function definition(
  id: string,
  overrides: Partial<VcenterDefinition> = {},
): VcenterDefinition {
  return {
    id,
    title: `vCenter ${id}`,
    baseUrl: `https://${id}.example.test`,
    username: 'readonly@vsphere.local',
    password: `${SECRET}-${id}`,
    enabled: true,
    tls: { verify: true },
    intervalMinutes: 15,
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())(
  'VcenterService on %p',
  databaseId => {
    async function setup() {
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
      const vcenters = DatabaseVcenterStore.create({
        db: knex,
        cipher,
      });
      const inventory = DatabaseInventoryStore.create({ db: knex });
      const found: DiscoveredVcenter[] = [];
      const discovery = {
        discover: jest.fn(async () => found),
      } as unknown as VcenterDiscovery;
      const logger = mockServices.logger.mock();
      const service = new VcenterService({
        vcenters,
        inventory,
        environments,
        credentials,
        syncTargets,
        logger,
      });
      const discoveryService = new VcenterDiscoveryService({
        vcenters,
        environments,
        syncTargets,
        discovery,
        logger,
      });
      const endpoint = {
        baseUrl: 'https://sddc.example.test',
        username: 'svc@vsphere.local',
        password: 'x',
        tls: { verify: true },
        intervalMinutes: 30,
      };
      await environments.replaceConfigEnvironments([
        {
          id: 'east',
          title: 'East',
          owner: 'group:default/east',
          discoverVcenters: true,
          endpoints: { 'sddc-manager': endpoint },
        },
        {
          id: 'lab',
          title: 'Lab',
          discoverVcenters: false,
          endpoints: { 'sddc-manager': endpoint },
        },
      ]);
      return {
        knex,
        service,
        discoveryService,
        vcenters,
        inventory,
        environments,
        credentials,
        syncTargets,
        found,
        discovery,
      };
    }

    it('applies vcf.vcenters: stores them encrypted, declares a target each, and removes what left the config', async () => {
      const { knex, service, syncTargets, inventory } = await setup();
      await service.applyConfig([
        definition('vc-1', { environmentId: 'east' }),
        definition('vc-2', { enabled: false }),
      ]);
      expect(
        (await service.list()).map(v => [
          v.id,
          v.managedBy,
          v.enabled,
          v.sync.status,
        ]),
      ).toEqual([
        ['vc-1', 'config', true, 'never'],
        ['vc-2', 'config', false, 'disabled'],
      ]);
      expect(await syncTargets.getTarget('inventory:vc-1')).toMatchObject({
        kind: 'inventory',
        vcenterId: 'vc-1',
        environmentId: 'east',
        enabled: true,
        intervalSeconds: 900,
      });
      expect(JSON.stringify(await knex('vcenters').select())).not.toContain(
        SECRET,
      );
      expect(JSON.stringify(await service.list())).not.toContain(SECRET);
      expect(await service.resolveConnection('vc-1')).toMatchObject({
        password: `${SECRET}-vc-1`,
      });

      await inventory.replaceVcenterInventory('vc-2', sampleInventory('vc-2'));
      await service.applyConfig([definition('vc-1')]);
      expect((await service.list()).map(v => v.id)).toEqual(['vc-1']);
      expect(
        await syncTargets.getTarget(inventoryTargetId('vc-2')),
      ).toBeUndefined();
      expect((await inventory.counts({ vcenterId: 'vc-2' })).vms).toBe(0);
    });

    it('creates, updates (keeping the password), disables, purges and deletes an API vCenter', async () => {
      const { service, syncTargets, inventory } = await setup();
      await service.applyConfig([definition('vc-config')]);
      const created = await service.create({
        ...definition('vc-api'),
        environmentId: 'lab',
      });
      expect(created).toMatchObject({
        managedBy: 'api',
        sync: { status: 'never' },
        counts: {},
      });
      expect(created).not.toHaveProperty('password');

      await inventory.replaceVcenterInventory(
        'vc-api',
        sampleInventory('vc-api', 4),
      );
      const updated = await service.update({
        ...definition('vc-api'),
        password: undefined,
        title: 'Renamed',
        enabled: false,
      });
      expect(updated).toMatchObject({
        title: 'Renamed',
        enabled: false,
        sync: { status: 'disabled' },
        counts: { vms: 4 },
      });
      expect((await service.resolveConnection('vc-api')).password).toBe(
        `${SECRET}-vc-api`,
      );
      await expect(
        service.requestSync('vc-api', 'user:default/alice'),
      ).rejects.toThrow(InputError);

      await service.update({ ...definition('vc-api'), enabled: true });
      expect(
        (await service.requestSync('vc-api', 'user:default/alice')).status,
      ).toBe('never');
      expect(
        (await syncTargets.getTarget('inventory:vc-api'))?.requestedBy,
      ).toBe('user:default/alice');

      await service.purge('vc-api');
      expect((await service.get('vc-api')).counts).toEqual({});
      await expect(service.update(definition('vc-config'))).rejects.toThrow(
        ConflictError,
      );
      await expect(service.delete('vc-config')).rejects.toThrow(
        /app-config.yaml/,
      );
      await expect(service.create(definition('vc-config'))).rejects.toThrow(
        ConflictError,
      );
      await expect(
        service.create({ ...definition('vc-new'), password: undefined }),
      ).rejects.toThrow(/needs a password/);
      await expect(
        service.create({ ...definition('vc-new'), environmentId: 'nowhere' }),
      ).rejects.toThrow(InputError);

      await inventory.replaceVcenterInventory(
        'vc-api',
        sampleInventory('vc-api', 2),
      );
      await service.delete('vc-api');
      await expect(service.get('vc-api')).rejects.toThrow(/No vCenter/);
      expect(await syncTargets.getTarget('inventory:vc-api')).toBeUndefined();
      expect((await inventory.counts({})).vms).toBe(0);
      await expect(
        service.applyConfig([
          definition('vc-config'),
          definition('vc-config-2'),
        ]),
      ).resolves.toBeUndefined();
    });

    it('refuses a config vCenter whose id an API vCenter already has', async () => {
      const { service } = await setup();
      await service.create(definition('vc-1'));
      await expect(service.applyConfig([definition('vc-1')])).rejects.toThrow(
        /created through the API/,
      );
    });

    it('discovers vCenters after an SDDC Manager credential sync, logs in with the synced credential, and prunes them', async () => {
      const {
        service,
        credentials,
        environments,
        syncTargets,
        inventory,
        found,
        discovery,
        discoveryService,
      } = await setup();
      await credentials.replaceSourceSet({
        environmentId: 'east',
        source: 'sddc-manager',
        credentials: [
          upstreamCredential(1, {
            resourceType: 'PSC',
            resourceName: 'vcenter-mgmt.east.test',
            username: 'administrator@vsphere.local',
            credentialType: 'SSO',
            password: `${SECRET}-sso`,
          }),
        ],
      });
      const [credential] = (
        await credentials.list({ environmentId: 'east', query: {} })
      ).items;
      found.push(
        {
          id: 'east.vcenter-mgmt.east.test',
          title: 'vcenter-mgmt.east.test',
          baseUrl: 'https://vcenter-mgmt.east.test',
          username: 'administrator@vsphere.local',
          credentialId: credential.id,
          environmentId: 'east',
          owner: 'group:default/east',
          tls: { verify: true },
          intervalMinutes: 15,
        },
        {
          id: 'east.vcenter-wld01.east.test',
          title: 'vcenter-wld01.east.test',
          baseUrl: 'https://vcenter-wld01.east.test',
          username: '',
          environmentId: 'east',
          tls: { verify: true },
          intervalMinutes: 15,
        },
      );
      const run = (target: Partial<SyncTarget>) =>
        discoveryService.afterSyncRun({
          status: 'succeeded',
          target: { kind: 'credentials', ...target } as SyncTarget,
        });

      await run({
        id: credentialTargetId('east', 'installer'),
        environmentId: 'east',
      });
      expect(discovery.discover).not.toHaveBeenCalled();
      await run({
        id: credentialTargetId('lab', 'sddc-manager'),
        environmentId: 'lab',
      });
      expect(await service.list()).toEqual([]);

      await run({
        id: credentialTargetId('east', 'sddc-manager'),
        environmentId: 'east',
      });
      const listed = await service.list();
      expect(
        listed.map(v => [
          v.id,
          v.managedBy,
          v.environmentId,
          v.owner,
          v.sync.status,
        ]),
      ).toEqual([
        [
          'east.vcenter-mgmt.east.test',
          'discovered',
          'east',
          'group:default/east',
          'never',
        ],
        [
          'east.vcenter-wld01.east.test',
          'discovered',
          'east',
          undefined,
          'never',
        ],
      ]);
      expect(
        await service.resolveConnection('east.vcenter-mgmt.east.test'),
      ).toEqual({
        baseUrl: 'https://vcenter-mgmt.east.test',
        username: 'administrator@vsphere.local',
        password: `${SECRET}-sso`,
        tls: { verify: true },
      });
      await expect(
        service.resolveConnection('east.vcenter-wld01.east.test'),
      ).rejects.toThrow(
        /No SSO credential of vcenter-wld01.east.test is synced/,
      );
      expect(
        await service.testConnection('east.vcenter-wld01.east.test'),
      ).toMatchObject({
        ok: false,
        results: [
          {
            source: 'vcenter',
            ok: false,
            message: expect.stringMatching(/No SSO credential/),
          },
        ],
      });
      await expect(
        service.delete('east.vcenter-mgmt.east.test'),
      ).rejects.toThrow(/discovered/);

      // Gone upstream: removed with its target and inventory.
      await inventory.replaceVcenterInventory(
        'east.vcenter-wld01.east.test',
        sampleInventory('x', 2),
      );
      found.pop();
      await run({
        id: credentialTargetId('east', 'sddc-manager'),
        environmentId: 'east',
      });
      expect((await service.list()).map(v => v.id)).toEqual([
        'east.vcenter-mgmt.east.test',
      ]);
      expect(
        await syncTargets.getTarget('inventory:east.vcenter-wld01.east.test'),
      ).toBeUndefined();
      expect((await inventory.counts({})).vms).toBe(0);

      // Discovery turned off: pruned after any run.
      const east = (await environments.get('east'))!;
      await environments.replaceConfigEnvironments([
        {
          ...east,
          discoverVcenters: false,
          endpoints: {
            'sddc-manager': {
              ...east.endpoints['sddc-manager']!,
              password: 'x',
            },
          },
        },
      ]);
      await discoveryService.afterSyncRun({
        status: 'failed',
        target: { id: 'inventory:other', kind: 'inventory' } as SyncTarget,
      });
      expect(await service.list()).toEqual([]);
      expect(await syncTargets.listTargets({ kind: 'inventory' })).toEqual([]);
    });

    it('does not discover a vCenter that is already configured under another id', async () => {
      const { service, discoveryService, found } = await setup();
      await service.applyConfig([
        definition('mgmt', { baseUrl: 'https://VCENTER-MGMT.east.test/sdk' }),
      ]);
      const discovered = (fqdn: string): DiscoveredVcenter => ({
        id: `east.${fqdn}`,
        title: fqdn,
        baseUrl: `https://${fqdn}`,
        username: '',
        environmentId: 'east',
        tls: { verify: true },
        intervalMinutes: 15,
      });
      found.push(
        discovered('vcenter-mgmt.east.test'),
        discovered('vcenter-wld01.east.test'),
      );
      await discoveryService.discover('east');
      expect(
        (await service.list()).map(v => [v.id, v.managedBy]).sort(),
      ).toEqual([
        ['east.vcenter-wld01.east.test', 'discovered'],
        ['mgmt', 'config'],
      ]);
    });

    it('logs a failed discovery and keeps the vCenters found before', async () => {
      const { service, discoveryService, discovery, found } = await setup();
      found.push({
        id: 'east.vc',
        title: 'vc',
        baseUrl: 'https://vc',
        username: '',
        environmentId: 'east',
        tls: { verify: true },
        intervalMinutes: 15,
      });
      const target = {
        id: credentialTargetId('east', 'sddc-manager'),
        kind: 'credentials',
        environmentId: 'east',
      } as SyncTarget;
      await discoveryService.afterSyncRun({ status: 'succeeded', target });
      (discovery.discover as jest.Mock).mockRejectedValueOnce(
        new Error('SDDC Manager answered HTTP 500'),
      );
      await expect(
        discoveryService.afterSyncRun({ status: 'succeeded', target }),
      ).resolves.toBeUndefined();
      expect((await service.list()).map(v => v.id)).toEqual(['east.vc']);
    });
  },
);

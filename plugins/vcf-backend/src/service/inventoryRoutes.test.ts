import express from 'express';
import request from 'supertest';
import ExcelJS from 'exceljs';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  sampleInventory,
  vmDiskRow,
  vmNicRow,
  vmRow,
} from '../__testUtils__/inventoryFixtures';
import type { AuditStore } from '../audit/AuditStore';
import { DatabaseAuditStore } from '../audit/DatabaseAuditStore';
import { VcfAuditLog } from '../audit/VcfAuditLog';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import type { VcenterDiscovery } from '../vcenters/VcenterDiscovery';
import { VcenterDiscoveryService } from '../vcenters/VcenterDiscoveryService';
import { EnvironmentService } from '../environments/EnvironmentService';
import { DatabaseInventoryStore } from '../inventory/DatabaseInventoryStore';
import {
  vcfCredentialRuleset,
  vcfEnvironmentRuleset,
} from '../permissions/rulesets';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { DatabaseVcenterStore } from '../vcenters/DatabaseVcenterStore';
import { VcenterService } from '../vcenters/VcenterService';
import { createRouter } from './createRouter';

const databases = createVcfTestDatabases();
const CANARY = 'CANARY-inventory-routes-3b7c';

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

function permissionsFrom(
  decide: (name: string) => PolicyDecision,
): PermissionsService {
  const decideAll = async (requests: any[]) =>
    requests.map(r => decide(r.permission.name)) as any;
  return {
    authorize: decideAll,
    authorizeConditional: decideAll,
  } as PermissionsService;
}

function binary(
  res: request.Response,
  callback: (error: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe.each(databases.eachSupportedId())(
  'the /vcenters and /inventory routes on %p',
  databaseId => {
    async function setup(
      decide: (name: string) => PolicyDecision = () => allow,
      caller: 'user' | 'service' = 'user',
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
      const auditStore = DatabaseAuditStore.create({ db: knex });
      const vcenters = DatabaseVcenterStore.create({
        db: knex,
        cipher,
      });
      const inventory = DatabaseInventoryStore.create({ db: knex });
      const environmentService = new EnvironmentService({
        environments,
        credentials,
        syncTargets,
        logger,
      });
      const vcenterService = new VcenterService({
        vcenters,
        inventory,
        environments,
        credentials,
        syncTargets,
        logger,
        clientSettings: { timeoutMs: 2000 },
      });
      await environmentService.applyConfig([
        {
          id: 'east',
          title: 'East',
          owner: 'group:default/east',
          discoverVcenters: false,
          endpoints: {
            'sddc-manager': {
              baseUrl: 'https://sddc.test',
              username: 'svc',
              password: 'x',
              tls: { verify: true },
              intervalMinutes: 30,
            },
          },
        },
      ]);
      const vcenter = (id: string, environmentId?: string) => ({
        id,
        title: `vCenter ${id}`,
        // Nothing listens on port 1: a connection test fails fast.
        baseUrl: `https://127.0.0.1:1/${id}`,
        username: `reader-${id}@vsphere.local`,
        password: `${CANARY}-${id}`,
        environmentId,
        enabled: true,
        tls: { verify: true },
        intervalMinutes: 15,
      });
      await vcenterService.applyConfig([
        vcenter('vc-east', 'east'),
        vcenter('vc-lab'),
      ]);
      const east = sampleInventory('vc-east', 0);
      east.vms = [
        vmRow('vc-east', 1, {
          name: '=HYPERLINK("http://evil")',
          cpuUsageMhz: 900,
        }),
        vmRow('vc-east', 2, {
          name: 'web-01',
          ipAddresses: ['10.1.1.1'],
          cpuUsageMhz: 100,
        }),
        vmRow('vc-east', 3, {
          name: 'web-02',
          powerState: 'poweredOff',
          cpuUsageMhz: 50,
        }),
      ];
      east['vm-disks'] = east.vms.map(vm => vmDiskRow(vm));
      east['vm-nics'] = east.vms.map(vm => vmNicRow(vm));
      await inventory.replaceVcenterInventory('vc-east', east);
      await inventory.replaceVcenterInventory('vc-lab', {
        ...sampleInventory('vc-lab', 0),
        vms: [vmRow('vc-lab', 1, { name: 'web-03', cpuUsageMhz: 500 })],
      });
      const onSyncRequested = jest.fn();
      const router = createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth({
          defaultCredentials:
            caller === 'service'
              ? mockCredentials.service()
              : mockCredentials.user(),
        }),
        permissions: permissionsFrom(decide),
        environmentService,
        environments,
        credentials,
        syncTargets,
        auditStore,
        audit: new VcfAuditLog(mockServices.auditor.mock() as any, auditStore),
        environmentFilter: createConditionTransformer(vcfEnvironmentRuleset),
        isEnvironmentAllowed: createConditionAuthorizer(vcfEnvironmentRuleset),
        credentialFilter: createConditionTransformer(vcfCredentialRuleset),
        isCredentialAllowed: createConditionAuthorizer(
          vcfCredentialRuleset,
        ) as any,
        onSyncRequested,
        inventory: {
          vcenterService,
          vcenterDiscovery: new VcenterDiscoveryService({
            vcenters,
            environments,
            syncTargets,
            discovery: {
              discover: async () => [],
            } as unknown as VcenterDiscovery,
            logger: mockServices.logger.mock(),
          }),
          vcenters,
          inventory,
        },
      });
      const app = express().use(router).use(mockErrorHandler());
      return {
        app,
        auditStore,
        onSyncRequested,
        syncTargets,
        vcenterService,
        vcenters,
        environments,
        inventory,
      };
    }

    const auditActions = async (auditStore: AuditStore) =>
      (await auditStore.list({ offset: 0, limit: 50 })).items.map(a => [
        a.action,
        a.result,
        a.vcenterId,
      ]);

    describe('/vcenters', () => {
      it('lists vCenters with status and counts, never with a password, under vcf.inventory.read', async () => {
        const { app } = await setup();
        const res = await request(app).get('/vcenters');
        expect(res.status).toBe(200);
        expect(
          res.body.map((v: any) => [
            v.id,
            v.managedBy,
            v.environmentId,
            v.sync.status,
            v.counts.vms,
          ]),
        ).toEqual([
          ['vc-east', 'config', 'east', 'never', 3],
          ['vc-lab', 'config', undefined, 'never', 1],
        ]);
        expect(res.body[0].username).toBe('reader-vc-east@vsphere.local');
        expect(JSON.stringify(res.body)).not.toContain(CANARY);
        expect(JSON.stringify(res.body)).not.toMatch(/password/i);

        const denied = await setup(name =>
          name === 'vcf.inventory.read' ? deny : allow,
        );
        expect((await request(denied.app).get('/vcenters')).status).toBe(403);
      });

      it('creates, updates (keeping the password), syncs, purges and deletes an API vCenter, audited', async () => {
        const {
          app,
          auditStore,
          onSyncRequested,
          syncTargets,
          vcenterService,
        } = await setup();
        const body = {
          id: 'vc-new',
          title: 'New',
          baseUrl: 'https://vc-new.example.test',
          username: 'reader@vsphere.local',
          password: `${CANARY}-new`,
          environmentId: 'east',
          intervalMinutes: 5,
        };
        const created = await request(app).post('/vcenters').send(body);
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({
          id: 'vc-new',
          managedBy: 'api',
          enabled: true,
          intervalMinutes: 5,
        });
        expect(JSON.stringify(created.body)).not.toContain(CANARY);

        const disabled = await request(app)
          .put('/vcenters/vc-new')
          .send({
            ...body,
            password: undefined,
            title: 'Renamed',
            enabled: false,
            intervalMinutes: undefined,
          });
        expect(disabled.status).toBe(200);
        expect(disabled.body).toMatchObject({
          title: 'Renamed',
          enabled: false,
          intervalMinutes: 5,
          sync: { status: 'disabled' },
        });
        expect(
          (await vcenterService.resolveConnection('vc-new')).password,
        ).toBe(`${CANARY}-new`);
        // Leaving `enabled` out keeps it as stored.
        const kept = await request(app)
          .put('/vcenters/vc-new')
          .send({ ...body, password: undefined });
        expect(kept.body.enabled).toBe(false);
        expect((await request(app).post('/vcenters/vc-new/sync')).status).toBe(
          400,
        );
        await request(app)
          .put('/vcenters/vc-new')
          .send({ ...body, enabled: true });

        const sync = await request(app).post('/vcenters/vc-new/sync');
        expect(sync.status).toBe(202);
        expect(sync.body.targets[0]).toMatchObject({
          targetId: 'inventory:vc-new',
        });
        expect(onSyncRequested).toHaveBeenCalled();
        expect(
          (await syncTargets.getTarget('inventory:vc-new'))?.requestedBy,
        ).toBe('user:default/mock');

        expect(
          (await request(app).post('/vcenters/vc-east/purge')).status,
        ).toBe(204);
        expect(
          (await request(app).get('/inventory/vms?vcenterId=vc-east')).body
            .totalCount,
        ).toBe(0);
        expect((await request(app).delete('/vcenters/vc-new')).status).toBe(
          204,
        );
        expect((await request(app).get('/vcenters/vc-new')).status).toBe(404);

        expect(await auditActions(auditStore)).toEqual(
          expect.arrayContaining([
            ['vcenter.create', 'succeeded', 'vc-new'],
            ['vcenter.update', 'succeeded', 'vc-new'],
            ['sync.trigger', 'succeeded', 'vc-new'],
            ['sync.trigger', 'failed', 'vc-new'],
            ['vcenter.purge', 'succeeded', 'vc-east'],
            ['vcenter.delete', 'succeeded', 'vc-new'],
          ]),
        );
        expect(
          JSON.stringify(await auditStore.list({ offset: 0, limit: 50 })),
        ).not.toContain(CANARY);
      });

      it('refuses changes without vcf.vcenter.manage (audited), to config vCenters, and malformed bodies', async () => {
        const { app } = await setup();
        const put = await request(app)
          .put('/vcenters/vc-east')
          .send({ title: 'x', baseUrl: 'https://x.test', username: 'u' });
        expect(put.status).toBe(409);
        expect(put.body.error.message).toMatch(/app-config.yaml/);
        expect((await request(app).delete('/vcenters/vc-east')).status).toBe(
          409,
        );
        const bad = await request(app)
          .post('/vcenters')
          .send({ id: 'a b', title: 'x', baseUrl: 'ftp://x', username: '' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/id: .*baseUrl: .*username/);
        const noPassword = await request(app).post('/vcenters').send({
          id: 'vc-x',
          title: 'x',
          baseUrl: 'https://x.test',
          username: 'u',
        });
        expect(noPassword.status).toBe(400);
        const unknownEnvironment = await request(app).post('/vcenters').send({
          id: 'vc-x',
          title: 'x',
          baseUrl: 'https://x.test',
          username: 'u',
          password: 'p',
          environmentId: 'nope',
        });
        expect(unknownEnvironment.status).toBe(400);

        const { app: denied, auditStore } = await setup(name =>
          name === 'vcf.vcenter.manage' ? deny : allow,
        );
        expect(
          (
            await request(denied).post('/vcenters').send({
              id: 'vc-x',
              title: 'x',
              baseUrl: 'https://x.test',
              username: 'u',
              password: 'p',
            })
          ).status,
        ).toBe(403);
        expect(
          (await request(denied).post('/vcenters/vc-east/sync')).status,
        ).toBe(403);
        expect(
          (await request(denied).post('/vcenters/vc-east/purge')).status,
        ).toBe(403);
        expect((await request(denied).delete('/vcenters/vc-east')).status).toBe(
          403,
        );
        expect(
          (await request(denied).post('/vcenters/vc-east/test-connection'))
            .status,
        ).toBe(403);
        expect(await auditActions(auditStore)).toEqual([
          ['vcenter.test-connection', 'denied', 'vc-east'],
          ['vcenter.delete', 'denied', 'vc-east'],
          ['vcenter.purge', 'denied', 'vc-east'],
          ['sync.trigger', 'denied', 'vc-east'],
          ['vcenter.create', 'denied', 'vc-x'],
        ]);
      });

      it('refuses a second vCenter with the same URL, naming the one that has it', async () => {
        const { app, auditStore } = await setup();
        const body = {
          id: 'vc-twin',
          title: 'Twin',
          baseUrl: 'https://VC-NEW.example.test/sdk',
          username: 'reader@vsphere.local',
          password: `${CANARY}-twin`,
        };
        expect(
          (
            await request(app)
              .post('/vcenters')
              .send({
                ...body,
                id: 'vc-new',
                baseUrl: 'https://vc-new.example.test',
              })
          ).status,
        ).toBe(201);
        const twin = await request(app).post('/vcenters').send(body);
        expect(twin.status).toBe(409);
        expect(twin.body.error.message).toBe(
          'The vCenter at vc-new.example.test is already registered as "Twin" (id "vc-new")',
        );
        // Moving another vCenter onto that URL is refused the same way; keeping its own URL is not a conflict.
        const moved = await request(app)
          .put('/vcenters/vc-new')
          .send({
            ...body,
            id: 'vc-new',
            title: 'vc-new',
            baseUrl: 'https://vc-new.example.test',
          });
        expect(moved.status).toBe(200);
        expect(await request(app).get('/vcenters/vc-twin')).toHaveProperty(
          'status',
          404,
        );
        expect(await auditActions(auditStore)).toContainEqual([
          'vcenter.create',
          'failed',
          'vc-twin',
        ]);
      });

      it('tests a definition before it is saved, audited, with the stored password when none is given', async () => {
        const { app, auditStore } = await setup();
        const draft = {
          id: 'vc-draft',
          title: 'Draft',
          baseUrl: 'https://127.0.0.1:1/draft',
          username: 'reader@vsphere.local',
          password: `${CANARY}-draft`,
        };
        const tested = await request(app)
          .post('/vcenters/test-connection')
          .send(draft);
        expect(tested.status).toBe(200);
        expect(tested.body).toMatchObject({
          ok: false,
          results: [
            {
              source: 'vcenter',
              ok: false,
              message: expect.stringMatching(/Could not reach vCenter/),
            },
          ],
        });
        expect(JSON.stringify(tested.body)).not.toContain(CANARY);
        // Nothing was saved.
        expect((await request(app).get('/vcenters/vc-draft')).status).toBe(404);
        // No password and no stored vCenter of that id: nothing to sign in with.
        const noPassword = await request(app)
          .post('/vcenters/test-connection')
          .send({ ...draft, password: undefined });
        expect(noPassword.status).toBe(400);
        expect(noPassword.body.error.message).toMatch(/Enter the password/);
        // An existing vCenter's form may leave the password out: the stored one is used.
        const stored = await request(app)
          .post('/vcenters/test-connection')
          .send({ ...draft, id: 'vc-lab', password: undefined });
        expect(stored.status).toBe(200);
        expect(stored.body.ok).toBe(false);
        expect(
          (
            await request(app)
              .post('/vcenters/test-connection')
              .send({ ...draft, extra: true })
          ).status,
        ).toBe(400);
        expect(await auditActions(auditStore)).toEqual(
          expect.arrayContaining([
            ['vcenter.test-connection', 'failed', 'vc-draft'],
            ['vcenter.test-connection', 'failed', 'vc-lab'],
          ]),
        );
        expect(
          JSON.stringify(await auditStore.list({ offset: 0, limit: 50 })),
        ).not.toContain(CANARY);

        const { app: denied } = await setup(name =>
          name === 'vcf.vcenter.manage' ? deny : allow,
        );
        expect(
          (await request(denied).post('/vcenters/test-connection').send(draft))
            .status,
        ).toBe(403);
      });

      it('removes the discovered vCenters of an environment with it, and their sync targets', async () => {
        const { app, vcenters, environments, syncTargets } = await setup();
        await environments.create({
          id: 'west',
          title: 'West',
          discoverVcenters: true,
          endpoints: {
            'sddc-manager': {
              baseUrl: 'https://sddc-west.test',
              username: 'svc',
              password: 'x',
              tls: { verify: true },
              intervalMinutes: 30,
            },
          },
        });
        await vcenters.replaceDiscoveredVcenters('west', [
          {
            id: 'west.vc-west.test',
            title: 'vc-west.test',
            baseUrl: 'https://vc-west.test',
            username: '',
            environmentId: 'west',
            tls: { verify: true },
            intervalMinutes: 15,
          },
        ]);
        await syncTargets.declareTarget({
          id: 'inventory:west.vc-west.test',
          kind: 'inventory',
          vcenterId: 'west.vc-west.test',
          environmentId: 'west',
          enabled: true,
          intervalSeconds: 900,
        });
        expect(
          (await request(app).get('/vcenters')).body.map((v: any) => v.id),
        ).toContain('west.vc-west.test');

        expect((await request(app).delete('/environments/west')).status).toBe(
          204,
        );
        expect(
          (await request(app).get('/vcenters')).body.map((v: any) => v.id),
        ).not.toContain('west.vc-west.test');
        expect(
          await syncTargets.getTarget('inventory:west.vc-west.test'),
        ).toBeUndefined();
      });

      it('tests the connection with a readable result, and answers 404 for an unknown vCenter', async () => {
        const { app } = await setup();
        const res = await request(app).post('/vcenters/vc-lab/test-connection');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          ok: false,
          results: [
            {
              source: 'vcenter',
              ok: false,
              message: expect.stringMatching(
                /Could not reach vCenter 127\.0\.0\.1:1/,
              ),
            },
          ],
        });
        expect(JSON.stringify(res.body)).not.toContain(CANARY);
        expect(
          (await request(app).post('/vcenters/nope/test-connection')).status,
        ).toBe(404);
        expect((await request(app).post('/vcenters/nope/sync')).status).toBe(
          404,
        );
      });
    });

    describe('/inventory', () => {
      it('pages, sorts and filters a kind in SQL across vCenters', async () => {
        const { app } = await setup();
        const page = await request(app).get(
          '/inventory/vms?orderBy=cpuUsageMhz&order=desc&limit=2&offset=1',
        );
        expect(page.status).toBe(200);
        expect(page.body.totalCount).toBe(4);
        expect(page.body.items.map((v: any) => v.id)).toEqual([
          'vc-lab:vm-00001',
          'vc-east:vm-00002',
        ]);
        // The page after it by its cursor, and back.
        const next = await request(app).get('/inventory/vms').query({
          orderBy: 'cpuUsageMhz',
          order: 'desc',
          limit: 2,
          cursor: page.body.nextCursor,
        });
        expect(next.status).toBe(200);
        expect(next.body.totalCount).toBe(4);
        const third = await request(app).get(
          '/inventory/vms?orderBy=cpuUsageMhz&order=desc&limit=2&offset=3',
        );
        expect(next.body.items).toHaveLength(1);
        expect(next.body.items).toEqual(third.body.items);
        expect(next.body.nextCursor).toBeUndefined();
        const back = await request(app).get('/inventory/vms').query({
          orderBy: 'cpuUsageMhz',
          order: 'desc',
          limit: 2,
          cursor: next.body.prevCursor,
        });
        expect(back.body.items).toEqual(page.body.items);
        const web = await request(app).get('/inventory/vms?q=WEB&orderBy=name');
        expect(web.body.items.map((v: any) => v.name)).toEqual([
          'web-01',
          'web-02',
          'web-03',
        ]);
        const byIp = await request(app).get('/inventory/vms?q=10.1.1.1');
        expect(byIp.body.items.map((v: any) => v.name)).toEqual(['web-01']);
        const east = await request(app).get(
          '/inventory/vms?environmentId=east&powerState=poweredOff',
        );
        expect(east.body.items.map((v: any) => v.name)).toEqual(['web-02']);
        const red = await request(app).get(
          '/inventory/alarms?severity=red&vcenterId=vc-lab',
        );
        expect(red.body.items).toEqual([
          expect.objectContaining({ vcenterId: 'vc-lab', severity: 'red' }),
        ]);
        const pods = await request(app).get(
          '/inventory/datastore-clusters?orderBy=usedPercent',
        );
        expect(pods.body.totalCount).toBe(2);
      });

      it('answers unknown kinds with 404 and bad queries with 400 and a message', async () => {
        const { app } = await setup();
        const unknown = await request(app).get('/inventory/toasters');
        expect(unknown.status).toBe(404);
        expect(unknown.body.error.message).toMatch(
          /No inventory kind "toasters"; use one of vms, hosts/,
        );
        const sort = await request(app).get('/inventory/vms?orderBy=password');
        expect(sort.status).toBe(400);
        expect(sort.body.error.message).toMatch(
          /Cannot sort vms by "password"; use one of/,
        );
        expect(
          (await request(app).get('/inventory/vms?limit=abc')).status,
        ).toBe(400);
        const { nextCursor } = (
          await request(app).get('/inventory/vms?limit=1')
        ).body;
        const otherSort = await request(app)
          .get('/inventory/vms')
          .query({ orderBy: 'host', cursor: nextCursor });
        expect(otherSort.status).toBe(400);
        expect(otherSort.body.error.message).toMatch(
          /sorted by name asc, not host asc/,
        );
        expect(
          (await request(app).get('/inventory/vms?cursor=nonsense')).status,
        ).toBe(400);
        expect(
          (await request(app).get('/inventory/vms?limit=501')).status,
        ).toBe(400);
        expect(
          (await request(app).get('/inventory/hosts?severity=red')).status,
        ).toBe(400);
        expect(
          (await request(app).get('/inventory/alarms?severity=purple')).status,
        ).toBe(400);
        expect(
          (await request(app).get('/inventory/toasters/export?format=csv'))
            .status,
        ).toBe(404);
        const badExport = await request(app).get(
          '/inventory/vms/export?format=csv&orderBy=nope',
        );
        expect(badExport.status).toBe(400);
        expect(badExport.headers['content-disposition']).toBeUndefined();
        expect(
          (await request(app).get('/inventory/vms/export?format=pdf')).status,
        ).toBe(400);
        expect(
          (await request(app).get('/inventory/top?type=datastore&metric=cpu'))
            .status,
        ).toBe(400);
      });

      it('needs vcf.inventory.read for every inventory read', async () => {
        const { app } = await setup(name =>
          name === 'vcf.inventory.read' ? deny : allow,
        );
        for (const path of [
          '/inventory/summary',
          '/inventory/top?type=vm&metric=cpu',
          '/inventory/vms',
          '/inventory/vms/export?format=csv',
        ]) {
          expect({
            path,
            status: (await request(app).get(path)).status,
          }).toEqual({ path, status: 403 });
        }
      });

      it('summarises counts, alarms and vCenters, and ranks the busiest VMs and hosts', async () => {
        const { app } = await setup();
        const all = await request(app).get('/inventory/summary');
        expect(all.status).toBe(200);
        expect(all.body.counts).toMatchObject({
          vms: 4,
          hosts: 4,
          alarms: 4,
          'datastore-clusters': 2,
          events: 2,
        });
        expect(all.body.alarmsBySeverity).toEqual({ red: 2, yellow: 2 });
        expect(
          all.body.vcenters.map((v: any) => [v.id, v.enabled, v.sync.status]),
        ).toEqual([
          ['vc-east', true, 'never'],
          ['vc-lab', true, 'never'],
        ]);
        const east = await request(app).get(
          '/inventory/summary?environmentId=east',
        );
        expect(east.body.counts.vms).toBe(3);
        expect(east.body.vcenters.map((v: any) => v.id)).toEqual(['vc-east']);
        const lab = await request(app).get(
          '/inventory/summary?vcenterId=vc-lab',
        );
        expect(lab.body.vcenters.map((v: any) => v.id)).toEqual(['vc-lab']);

        const topVms = await request(app).get(
          '/inventory/top?type=vm&metric=cpu&limit=2',
        );
        expect(topVms.body).toEqual([
          {
            id: 'vc-east:vm-00001',
            vcenterId: 'vc-east',
            name: '=HYPERLINK("http://evil")',
            value: 900,
            unit: 'MHz',
          },
          {
            id: 'vc-lab:vm-00001',
            vcenterId: 'vc-lab',
            name: 'web-03',
            value: 500,
            unit: 'MHz',
          },
        ]);
        const topHosts = await request(app).get(
          '/inventory/top?type=host&metric=cpu&environmentId=east',
        );
        expect(topHosts.body.map((h: any) => [h.id, h.unit])).toEqual([
          ['vc-east:host-2', '%'],
          ['vc-east:host-1', '%'],
        ]);
      });

      it('exports a filtered list as CSV, formulas neutralised and no secret, and audits it', async () => {
        const { app, auditStore } = await setup();
        const res = await request(app).get(
          '/inventory/vms/export?format=csv&vcenterId=vc-east&orderBy=name',
        );
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/text\/csv/);
        expect(res.headers['content-disposition']).toContain(
          'vcf-vms-vc-east.csv',
        );
        const lines = res.text.trim().split('\r\n');
        expect(lines[0]).toMatch(
          /^Name,Power state,vCPU,Memory \(MB\),Guest OS,IP addresses,Host/,
        );
        expect(lines).toHaveLength(4);
        expect(lines[1]).toMatch(
          /^"'=HYPERLINK\(""http:\/\/evil""\)",poweredOn/,
        );
        expect(lines[2]).toContain('10.1.1.1');
        expect(res.text).not.toContain(CANARY);
        expect(res.text).not.toContain('reader-vc-east');
        const [entry] = (
          await auditStore.list({
            offset: 0,
            limit: 5,
            action: 'inventory.export',
          })
        ).items;
        expect(entry).toMatchObject({
          result: 'succeeded',
          vcenterId: 'vc-east',
          details: { kind: 'vms', format: 'csv', rows: 3 },
        });
      });

      it('exports every vCenter as one workbook, a sheet per kind with typed cells, frozen header and autofilter, audited', async () => {
        const { app, auditStore } = await setup();
        const res = await request(app)
          .get('/inventory/export?format=xlsx')
          .buffer(true)
          .parse(binary);
        expect(res.status).toBe(200);
        expect(res.headers['content-disposition']).toContain(
          'vcf-inventory.xlsx',
        );
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(res.body);
        expect(workbook.worksheets.map(w => w.name)).toEqual([
          'Virtual machines',
          'VM disks',
          'VM NICs',
          'ESXi hosts',
          'Host NICs',
          'VMkernel adapters',
          'Clusters',
          'Datastores',
          'Datastore clusters',
          'Networks',
          'Snapshots',
          'Alarms',
        ]);
        const vms = workbook.getWorksheet('Virtual machines')!;
        // Both vCenters: 3 VMs in vc-east and 1 in vc-lab, after the header.
        expect(vms.rowCount).toBe(5);
        expect(vms.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
        expect(vms.autoFilter).toBeTruthy();
        const header = (vms.getRow(1).values as unknown[]).slice(1);
        const cell = (name: string) =>
          vms.getRow(2).getCell(header.indexOf(name) + 1).value;
        expect(typeof cell('vCPU')).toBe('number');
        expect(typeof cell('Template')).toBe('boolean');
        expect(cell('Oldest snapshot')).toBeInstanceOf(Date);
        // XLSX carries every value exactly: a text cell never runs as a formula.
        expect(cell('Name')).toBe('=HYPERLINK("http://evil")');
        const hostNics = workbook.getWorksheet('Host NICs')!;
        expect(hostNics.rowCount).toBe(5);
        const buffer = Buffer.from(res.body).toString('latin1');
        expect(buffer).not.toContain(CANARY);
        const [entry] = (
          await auditStore.list({
            offset: 0,
            limit: 5,
            action: 'inventory.export',
          })
        ).items;
        expect(entry).toMatchObject({
          result: 'succeeded',
          details: { kind: 'workbook', format: 'xlsx' },
        });
        expect((await request(app).get('/inventory/export')).status).toBe(400);
        expect(
          (await request(app).get('/inventory/export?format=csv')).status,
        ).toBe(400);
        expect(
          (await request(app).get('/inventory/export?format=xlsx&extra=1'))
            .status,
        ).toBe(400);
      });

      it('serves a VM and a host with their children, alarms, tasks, events and changes by URL-encoded id', async () => {
        const { app, inventory } = await setup();
        const vmId = encodeURIComponent('vc-east:vm-00001');
        const vm = await request(app).get(`/inventory/vms/${vmId}`);
        expect(vm.status).toBe(200);
        expect(vm.body).toMatchObject({
          kind: 'vms',
          row: { id: 'vc-east:vm-00001', name: '=HYPERLINK("http://evil")' },
          disks: [{ label: 'Hard disk 1', vmMoref: 'vm-00001' }],
          nics: [
            {
              network: 'pg-prod',
              switchName: 'dvs-1',
              uplinks: ['vmnic0', 'vmnic1'],
            },
          ],
          snapshots: [{ name: 'before upgrade' }],
          tasks: [{ entityName: 'vm-00001', entityMoref: 'vm-00001' }],
          events: [{ eventType: 'VmPoweredOnEvent' }],
          alarms: [],
          changes: [],
          vcenter: { id: 'vc-east', title: 'vCenter vc-east' },
        });
        expect(JSON.stringify(vm.body)).not.toContain(CANARY);

        const host = await request(app).get(
          `/inventory/hosts/${encodeURIComponent('vc-east:host-1')}`,
        );
        expect(host.status).toBe(200);
        expect(host.body).toMatchObject({
          kind: 'hosts',
          row: {
            name: 'esxi-1.vc-east.test',
            ntpServers: ['ntp1.example.test', 'ntp2.example.test'],
          },
          nics: [{ device: 'vmnic0', speedMb: 25000 }],
          vmkernelAdapters: [
            { device: 'vmk0', services: ['management', 'vmotion'] },
          ],
          alarms: [{ name: 'Host CPU usage', severity: 'red' }],
        });

        // The host is put in maintenance mode by the next sync: its own history shows it.
        const next = sampleInventory('vc-east', 3);
        next.hosts[0] = { ...next.hosts[0], inMaintenanceMode: true };
        await inventory.replaceVcenterInventory('vc-east', next);
        const after = await request(app).get(
          `/inventory/hosts/${encodeURIComponent('vc-east:host-1')}`,
        );
        expect(after.body.changes).toMatchObject([
          { field: 'inMaintenanceMode', before: 'false', after: 'true' },
        ]);

        for (const [path, status] of [
          [`/inventory/vms/${encodeURIComponent('vc-east:vm-99999')}`, 404],
          [`/inventory/vms/${encodeURIComponent('vc-nowhere:vm-1')}`, 404],
          [`/inventory/vms/no-colon`, 404],
          [
            `/inventory/clusters/${encodeURIComponent('vc-east:domain-c1')}`,
            404,
          ],
          [`/inventory/nothing/${encodeURIComponent('vc-east:vm-1')}`, 404],
        ] as const) {
          expect([path, (await request(app).get(path)).status]).toEqual([
            path,
            status,
          ]);
        }
      });

      it('lists the change feed paged and filtered by vCenter, kind, object and time; rejects bad filters', async () => {
        const { app, inventory } = await setup();
        const next = sampleInventory('vc-east', 0);
        await inventory.replaceVcenterInventory('vc-east', {
          ...next,
          vms: [
            vmRow('vc-east', 1, { name: 'renamed', powerState: 'suspended' }),
          ],
        });
        const all = await request(app).get('/inventory/changes?limit=100');
        expect(all.status).toBe(200);
        const summary = all.body.items.map((c: any) => [
          c.objectId,
          c.change,
          c.field,
        ]);
        expect(summary).toEqual(
          expect.arrayContaining([
            ['vc-east:vm-00001', 'changed', 'powerState'],
            ['vc-east:vm-00002', 'removed', 'object'],
            ['vc-east:vm-00003', 'removed', 'object'],
          ]),
        );
        expect(all.body.items[0]).toEqual(
          expect.objectContaining({
            objectId: expect.any(String),
            objectName: expect.any(String),
            kind: expect.any(String),
            field: expect.any(String),
            at: expect.any(String),
          }),
        );
        const vmChanges = await request(app).get(
          `/inventory/changes?kind=vms&vcenterId=vc-east&objectId=${encodeURIComponent(
            'vc-east:vm-00001',
          )}`,
        );
        expect(
          vmChanges.body.items.map((c: any) => [c.field, c.before, c.after]),
        ).toEqual([['powerState', 'poweredOn', 'suspended']]);
        const page = await request(app).get(
          '/inventory/changes?offset=1&limit=1',
        );
        expect(page.body.items).toHaveLength(1);
        expect(page.body.totalCount).toBe(all.body.totalCount);
        // The same page as the one after the first, by the first page's cursor.
        const first = await request(app).get('/inventory/changes?limit=1');
        const second = await request(app)
          .get('/inventory/changes')
          .query({ limit: 1, cursor: first.body.nextCursor });
        expect(second.body.items).toEqual(page.body.items);
        expect(
          (await request(app).get('/inventory/changes?cursor=x')).status,
        ).toBe(400);
        const future = await request(app).get(
          '/inventory/changes?since=2999-01-01T00:00:00Z',
        );
        expect(future.body.totalCount).toBe(0);
        expect(
          (await request(app).get('/inventory/changes?vcenterId=vc-lab')).body
            .totalCount,
        ).toBe(0);
        for (const bad of [
          'limit=1e2',
          'offset=0x10',
          'limit=0',
          'kind=tasks',
          'since=yesterday',
          'objectId=no-colon',
          'unknown=1',
        ]) {
          expect([
            bad,
            (await request(app).get(`/inventory/changes?${bad}`)).status,
          ]).toEqual([bad, 400]);
        }
      });

      it('needs vcf.inventory.read for the change feed, the workbook and detail pages', async () => {
        const { app, auditStore } = await setup(() => deny);
        for (const path of [
          '/inventory/changes',
          '/inventory/export?format=xlsx',
          `/inventory/vms/${encodeURIComponent('vc-east:vm-00001')}`,
        ]) {
          expect([path, (await request(app).get(path)).status]).toEqual([
            path,
            403,
          ]);
        }
        expect(
          (
            await auditStore.list({
              offset: 0,
              limit: 5,
              action: 'inventory.export',
            })
          ).items,
        ).toHaveLength(0);
      });

      it('exports every kind as XLSX, one sheet with a header row and a row per item', async () => {
        const { app } = await setup();
        const expected = {
          hosts: ['ESXi hosts', 4],
          'datastore-clusters': ['Datastore clusters', 2],
          alarms: ['Alarms', 4],
          events: ['Events', 2],
        };
        for (const [kind, [sheetName, rows]] of Object.entries(expected)) {
          const res = await request(app)
            .get(`/inventory/${kind}/export?format=xlsx`)
            .buffer(true)
            .parse(binary);
          expect(res.status).toBe(200);
          const workbook = new ExcelJS.Workbook();
          await workbook.xlsx.load(res.body);
          const sheet = workbook.getWorksheet(sheetName as string)!;
          expect({ kind, rows: sheet.rowCount - 1 }).toEqual({ kind, rows });
          expect(
            (sheet.getRow(1).values as string[]).filter(Boolean),
          ).toContain('vCenter');
        }
      });
    });

    it('extends the catalog snapshot with vCenters, clusters, hosts and datastores, never an account', async () => {
      const { app } = await setup(() => allow, 'service');
      const res = await request(app).get('/catalog-snapshot');
      expect(res.status).toBe(200);
      expect(res.body.vcenters).toEqual([
        {
          id: 'vc-east',
          title: 'vCenter vc-east',
          baseUrl: 'https://127.0.0.1:1/vc-east',
          environmentId: 'east',
          owner: 'group:default/east',
        },
        {
          id: 'vc-lab',
          title: 'vCenter vc-lab',
          baseUrl: 'https://127.0.0.1:1/vc-lab',
        },
      ]);
      expect(res.body.hosts).toContainEqual({
        id: 'vc-east:host-1',
        vcenterId: 'vc-east',
        moref: 'host-1',
        name: 'esxi-1.vc-east.test',
        cluster: 'cluster-a',
        environmentId: 'east',
        owner: 'group:default/east',
      });
      expect(res.body.clusters).toHaveLength(2);
      expect(res.body.datastores).toContainEqual(
        expect.objectContaining({
          id: 'vc-lab:datastore-1',
          hosts: ['esxi-1.vc-lab.test', 'esxi-2.vc-lab.test'],
        }),
      );
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain('reader-');
      // A user may not read it: it is for the catalog module's service token.
      expect(
        (await request((await setup()).app).get('/catalog-snapshot')).status,
      ).toBe(403);
    });
  },
);

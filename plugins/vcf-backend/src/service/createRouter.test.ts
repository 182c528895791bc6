import express from 'express';
import request from 'supertest';
import ExcelJS from 'exceljs';
import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { upstreamCredential } from '../__testUtils__/credentialFixtures';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import { EnvironmentService } from '../environments/EnvironmentService';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { DatabaseAuditStore } from '../audit/DatabaseAuditStore';
import { VcfAuditLog } from '../audit/VcfAuditLog';
import {
  vcfCredentialRuleset,
  vcfEnvironmentRuleset,
} from '../permissions/rulesets';
import { createRouter } from './createRouter';

const databases = createVcfTestDatabases();
const CANARY = 'CANARY-router-7d1e';

type Decide = (name: string, resourceRef?: string) => PolicyDecision;

function permissionsFrom(decide: Decide): PermissionsService {
  const decideAll = async (requests: any[]) =>
    requests.map(r => decide(r.permission.name, r.resourceRef)) as any;
  return {
    authorize: decideAll,
    authorizeConditional: decideAll,
  } as PermissionsService;
}

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };
const onlyEnvironmentA: PolicyDecision = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'vcf',
  resourceType: 'vcf-credential',
  conditions: {
    rule: 'IS_IN_ENVIRONMENT',
    resourceType: 'vcf-credential',
    params: { environmentIds: ['env-a'] },
  },
};

describe.each(databases.eachSupportedId())(
  'the /api/vcf router on %p',
  databaseId => {
    async function setup(decide: Decide) {
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
      const auditStore = DatabaseAuditStore.create({ db: knex });
      const environmentService = new EnvironmentService({
        environments,
        credentials,
        syncTargets,
        logger: mockServices.logger.mock(),
      });
      const endpoint = (password: string) => ({
        baseUrl: 'https://sddc.example.test',
        username: 'svc@vsphere.local',
        password,
        tls: { verify: true },
        intervalMinutes: 30,
      });
      await environmentService.applyConfig([
        {
          id: 'env-a',
          title: 'A',
          owner: 'group:default/team-a',
          discoverVcenters: false,
          endpoints: { 'sddc-manager': endpoint(`${CANARY}-svc`) },
        },
        {
          id: 'env-b',
          title: 'B',
          discoverVcenters: false,
          endpoints: { 'sddc-manager': endpoint('x') },
        },
      ]);
      await credentials.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [
          upstreamCredential(1, { password: CANARY }),
          upstreamCredential(2, { resourceName: '=HYPERLINK("http://evil")' }),
        ],
      });
      await credentials.replaceSourceSet({
        environmentId: 'env-b',
        source: 'sddc-manager',
        credentials: [upstreamCredential(3)],
      });
      const onSyncRequested = jest.fn();
      const router = createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
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
      });
      const app = express().use(router).use(mockErrorHandler());
      const firstCredential = (
        await credentials.list({
          environmentId: 'env-a',
          query: { q: 'esxi-001' },
        })
      ).items[0];
      return {
        app,
        auditStore,
        credentials,
        firstCredential,
        onSyncRequested,
        syncTargets,
      };
    }

    it('answers /health', async () => {
      const { app } = await setup(() => allow);
      const res = await request(app).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('lists environments and credentials without any password', async () => {
      const { app } = await setup(() => allow);
      const environments = await request(app).get('/environments');
      expect(environments.status).toBe(200);
      expect(environments.body.map((e: any) => e.id)).toEqual([
        'env-a',
        'env-b',
      ]);
      expect(environments.body[0].credentialCounts.total).toBe(2);
      const credentials = await request(app).get(
        '/environments/env-a/credentials?limit=50',
      );
      expect(credentials.status).toBe(200);
      expect(credentials.body.totalCount).toBe(2);
      expect(
        JSON.stringify([environments.body, credentials.body]),
      ).not.toContain(CANARY);
    });

    it('pages the credential list by cursor, and refuses a cursor of another sort with 400', async () => {
      const { app } = await setup(() => allow);
      const path = '/environments/env-a/credentials?limit=1&orderBy=username';
      const first = await request(app).get(path);
      expect(first.status).toBe(200);
      expect(first.body.prevCursor).toBeUndefined();
      const second = await request(app).get(
        `${path}&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expect(second.status).toBe(200);
      expect(second.body.nextCursor).toBeUndefined();
      expect(second.body.totalCount).toBe(2);
      expect(
        [...first.body.items, ...second.body.items].map((c: any) => c.id),
      ).toEqual(
        (
          await request(app).get(
            '/environments/env-a/credentials?limit=2&orderBy=username',
          )
        ).body.items.map((c: any) => c.id),
      );
      const otherSort = await request(app).get(
        `/environments/env-a/credentials?limit=1&cursor=${encodeURIComponent(
          first.body.nextCursor,
        )}`,
      );
      expect(otherSort.status).toBe(400);
      expect(otherSort.body.error.message).toMatch(/cursor/);
    });

    it('filters the credential list with a conditional decision, in SQL', async () => {
      const { app } = await setup(name =>
        name === 'vcf.credential.read' ? onlyEnvironmentA : allow,
      );
      expect(
        (await request(app).get('/environments/env-a/credentials')).body
          .totalCount,
      ).toBe(2);
      expect(
        (await request(app).get('/environments/env-b/credentials')).body
          .totalCount,
      ).toBe(0);
    });

    it('reveals one password to an allowed user and audits it', async () => {
      const { app, auditStore, firstCredential } = await setup(() => allow);
      const res = await request(app).post(
        `/credentials/${firstCredential.id}/reveal`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ password: CANARY });
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.reveal',
      });
      expect(audit.items).toEqual([
        expect.objectContaining({
          result: 'succeeded',
          credentialId: firstCredential.id,
          actor: 'user:default/mock',
        }),
      ]);
      expect(JSON.stringify(audit)).not.toContain(CANARY);
    });

    it('refuses a reveal with 403, keeps the password out of the answer, and audits the denial', async () => {
      const { app, auditStore, firstCredential } = await setup(name =>
        name === 'vcf.credential.reveal' ? deny : allow,
      );
      const res = await request(app).post(
        `/credentials/${firstCredential.id}/reveal`,
      );
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toContain(CANARY);
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.reveal',
      });
      expect(audit.items).toEqual([
        expect.objectContaining({
          result: 'denied',
          credentialId: firstCredential.id,
        }),
      ]);
      expect(
        (
          await request(app).post(
            `/credentials/${firstCredential.id}/history/reveal`,
          )
        ).status,
      ).toBe(403);
    });

    it('exports CSV without passwords when export is not allowed, and neutralises formulas', async () => {
      const { app, auditStore } = await setup(name =>
        name === 'vcf.credential.export' ? deny : allow,
      );
      const res = await request(app).get(
        '/environments/env-a/export?format=csv',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.headers['content-disposition']).toContain(
        'vcf-credentials-env-a.csv',
      );
      expect(res.text).not.toContain(CANARY);
      expect(res.text.split('\r\n')[0]).not.toContain('Password');
      expect(res.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.export',
      });
      expect(audit.items[0]).toMatchObject({
        result: 'succeeded',
        details: { format: 'csv', passwords: 'none', rows: 2, passwordRows: 0 },
      });
    });

    it('refuses an export to a user who may not read credentials, with 403 and an audit row', async () => {
      const { app, auditStore } = await setup(name =>
        name === 'vcf.credential.read' ? deny : allow,
      );
      const res = await request(app).get(
        '/environments/env-a/export?format=csv',
      );
      expect(res.status).toBe(403);
      expect(res.text).not.toContain(CANARY);
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.export',
      });
      expect(audit.items).toEqual([
        expect.objectContaining({ result: 'denied', environmentId: 'env-a' }),
      ]);
    });

    it('audits a view of the password history', async () => {
      const { app, auditStore, firstCredential } = await setup(() => allow);
      const res = await request(app).get(
        `/credentials/${firstCredential.id}/history`,
      );
      expect(res.status).toBe(200);
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.history',
      });
      expect(audit.items).toEqual([
        expect.objectContaining({
          result: 'succeeded',
          credentialId: firstCredential.id,
        }),
      ]);
    });

    it('exports passwords only for rows a conditional export permission releases, and drops the column when none is', async () => {
      const exportDecision = (conditions: any): PolicyDecision => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'vcf',
        resourceType: 'vcf-credential',
        conditions: { resourceType: 'vcf-credential', ...conditions },
      });
      const vcentersOnly = exportDecision({
        rule: 'HAS_RESOURCE_TYPE',
        params: { resourceTypes: ['VCENTER'] },
      });
      const onlyEnvB = exportDecision({
        rule: 'IS_IN_ENVIRONMENT',
        params: { environmentIds: ['env-b'] },
      });
      let decision = vcentersOnly;
      const { app, auditStore, credentials } = await setup(name =>
        name === 'vcf.credential.export' ? decision : allow,
      );
      // env-a: two ESXi credentials (one with CANARY); env-b: a vCenter (Pass-3!) and an ESXi host (Pass-4!)
      await credentials.replaceSourceSet({
        environmentId: 'env-b',
        source: 'installer',
        credentials: [upstreamCredential(4)],
      });
      const exported = async (environmentId: string) => {
        const res = await request(app).get(
          `/environments/${environmentId}/export?format=csv`,
        );
        expect(res.status).toBe(200);
        return { header: res.text.split('\r\n')[0], text: res.text };
      };
      // env-a's export releases no password: no Password column, no CANARY
      const expectEnvANoPasswords = async () => {
        const none = await exported('env-a');
        expect(none.header).not.toContain('Password');
        expect(none.text).not.toContain(CANARY);
      };

      // A condition on the rows: SQL finds which rows it releases.
      await expectEnvANoPasswords();
      const some = await exported('env-b');
      expect(some.header).toContain('Password');
      expect(some.text).toContain('Pass-3!');
      expect(some.text).not.toContain('Pass-4!');

      // A condition on the environment: every row of it, or none.
      decision = onlyEnvB;
      await expectEnvANoPasswords();
      const allOfB = await exported('env-b');
      expect(allOfB.text).toContain('Pass-3!');
      expect(allOfB.text).toContain('Pass-4!');

      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.export',
      });
      const expected: Array<[string, number, number]> = [
        // [passwords, rows, passwordRows] of each export, in order
        ['none', 2, 0],
        ['some', 2, 1],
        ['none', 2, 0],
        ['all', 2, 2],
      ];
      expect(audit.items.map(a => a.details).reverse()).toEqual(
        expected.map(([passwords, rows, passwordRows]) =>
          expect.objectContaining({ passwords, rows, passwordRows }),
        ),
      );
    });

    it('exports XLSX with passwords under the export permission', async () => {
      const { app } = await setup(() => allow);
      const res = await request(app)
        .get('/environments/env-a/export?format=xlsx')
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body);
      const sheet = workbook.getWorksheet('Credentials')!;
      expect(sheet.rowCount).toBe(3);
      const header = (sheet.getRow(1).values as string[]).filter(Boolean);
      expect(header).toContain('Password');
      const passwords = [2, 3].map(i =>
        String(sheet.getRow(i).getCell(header.indexOf('Password') + 1).value),
      );
      expect(passwords).toContain(CANARY);
    });

    it('answers malformed requests with 400 and a message', async () => {
      const { app } = await setup(() => allow);
      const badLimit = await request(app).get(
        '/environments/env-a/credentials?limit=abc',
      );
      expect(badLimit.status).toBe(400);
      expect(badLimit.body.error.message).toMatch(/limit/);
      const badSort = await request(app).get(
        '/environments/env-a/credentials?orderBy=password',
      );
      expect(badSort.status).toBe(400);
      const badFormat = await request(app).get(
        '/environments/env-a/export?format=pdf',
      );
      expect(badFormat.status).toBe(400);
      const badBody = await request(app)
        .post('/environments')
        .send({ id: 'x y', title: '' });
      expect(badBody.status).toBe(400);
      expect(badBody.body.error.message).toMatch(/id/);
    });

    it('creates, updates and deletes an API-managed environment, and refuses to change a config one', async () => {
      const { app, auditStore } = await setup(() => allow);
      const created = await request(app)
        .post('/environments')
        .send({
          id: 'env-new',
          title: 'New',
          sddcManager: {
            baseUrl: 'https://sddc.new.test',
            username: 'svc',
            password: `${CANARY}-new`,
            intervalMinutes: 45,
          },
        });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: 'env-new',
        managedBy: 'api',
        sync: { 'sddc-manager': { status: 'never' } },
      });
      expect(JSON.stringify(created.body)).not.toContain(CANARY);

      const updated = await request(app)
        .put('/environments/env-new')
        .send({
          title: 'Renamed',
          sddcManager: { baseUrl: 'https://sddc.new.test', username: 'svc2' },
        });
      expect(updated.status).toBe(200);
      // Leaving the interval out keeps the stored one.
      expect(updated.body).toMatchObject({
        title: 'Renamed',
        sddcManager: { username: 'svc2', intervalMinutes: 45 },
      });

      expect(
        (
          await request(app)
            .put('/environments/env-a')
            .send({
              title: 'x',
              sddcManager: { baseUrl: 'https://a.test', username: 'u' },
            })
        ).status,
      ).toBe(409);
      expect((await request(app).delete('/environments/env-new')).status).toBe(
        204,
      );
      expect((await request(app).get('/environments/env-new')).status).toBe(
        404,
      );
      const audit = await auditStore.list({ offset: 0, limit: 10 });
      expect(audit.items.map(a => a.action)).toEqual(
        expect.arrayContaining([
          'environment.create',
          'environment.update',
          'environment.delete',
        ]),
      );
    });

    it('makes an environment due on "sync now" and records who asked', async () => {
      const { app, onSyncRequested, syncTargets } = await setup(() => allow);
      const res = await request(app).post('/environments/env-a/sync');
      expect(res.status).toBe(202);
      expect(onSyncRequested).toHaveBeenCalled();
      expect(
        (await syncTargets.getTarget('credentials:env-a:sddc-manager'))
          ?.requestedBy,
      ).toBe('user:default/mock');
      const denied = await setup(name =>
        name === 'vcf.sync.trigger' ? deny : allow,
      );
      expect(
        (await request(denied.app).post('/environments/env-a/sync')).status,
      ).toBe(403);
    });

    it('serves the catalog snapshot to backend services only, without secrets', async () => {
      const { app } = await setup(() => allow);
      expect((await request(app).get('/catalog-snapshot')).status).toBe(403);
      const res = await request(app)
        .get('/catalog-snapshot')
        .set('authorization', mockCredentials.service.header());
      expect(res.status).toBe(200);
      expect(res.body.environments.map((e: any) => e.id)).toEqual([
        'env-a',
        'env-b',
      ]);
      expect(JSON.stringify(res.body)).not.toMatch(
        new RegExp(`${CANARY}|svc@vsphere`),
      );
    });

    it('filters the audit trail by action, actor, result and time in SQL, and refuses bad filters', async () => {
      const { app, auditStore } = await setup(() => allow);
      await auditStore.append({
        actor: 'user:default/alice',
        action: 'credential.reveal',
        result: 'succeeded',
      });
      await auditStore.append({
        actor: 'user:default/bob',
        action: 'credential.reveal',
        result: 'denied',
      });
      await auditStore.append({
        actor: 'user:default/alice',
        action: 'credentials.export',
        result: 'failed',
      });
      const list = async (query: string) => {
        const res = await request(app).get(`/audit?${query}`);
        expect(res.status).toBe(200);
        return res.body.items.map(
          (e: any) => `${e.actor} ${e.action} ${e.result}`,
        );
      };

      expect(await list('action=credential.reveal&result=denied')).toEqual([
        'user:default/bob credential.reveal denied',
      ]);
      expect(
        await list('actor=user:default/alice&action=credentials.export'),
      ).toEqual(['user:default/alice credentials.export failed']);
      const hourAgo = new Date(Date.now() - 3600_000).toISOString();
      expect(
        (
          await list(
            `from=${encodeURIComponent(hourAgo)}&actor=user:default/bob`,
          )
        ).length,
      ).toBe(1);
      expect(
        await list(`to=${encodeURIComponent(hourAgo)}&actor=user:default/bob`),
      ).toEqual([]);

      for (const bad of [
        'result=maybe',
        'from=yesterday',
        'color=red',
        `from=${encodeURIComponent(
          new Date().toISOString(),
        )}&to=${encodeURIComponent(hourAgo)}`,
      ]) {
        const res = await request(app).get(`/audit?${bad}`);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      }
    });

    it('serves the audit trail only under vcf.audit.read', async () => {
      const allowed = await setup(() => allow);
      expect((await request(allowed.app).get('/audit')).status).toBe(200);
      const denied = await setup(name =>
        name === 'vcf.audit.read' ? deny : allow,
      );
      expect((await request(denied.app).get('/audit')).status).toBe(403);
    });
  },
);

import express from 'express';
import request from 'supertest';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
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

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const environmentCondition = (
  rule: string,
  params: Record<string, string[]>,
): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'vcf',
  resourceType: 'vcf-environment',
  conditions: { rule, resourceType: 'vcf-environment', params },
});

/**
 * Each call of the permissions service is one HTTP round trip to the permission backend (with a token issued and
 * verified): the credential and environment routes make one per request, and check conditions themselves.
 */
describe.each(databases.eachSupportedId())(
  'permission round trips of the /api/vcf router on %p',
  databaseId => {
    async function setup(decide: (name: string) => PolicyDecision) {
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
      const logger = mockServices.logger.mock();
      const environmentService = new EnvironmentService({
        environments,
        credentials,
        syncTargets,
        logger,
      });
      const endpoint = {
        baseUrl: 'https://sddc.example.test',
        username: 'svc',
        password: 'x',
        tls: { verify: true },
        intervalMinutes: 30,
      };
      await environmentService.applyConfig([
        {
          id: 'env-a',
          title: 'A',
          owner: 'group:default/team-a',
          discoverVcenters: false,
          endpoints: { 'sddc-manager': endpoint },
        },
        {
          id: 'env-b',
          title: 'B',
          discoverVcenters: false,
          endpoints: { 'sddc-manager': endpoint },
        },
      ]);
      for (const [environmentId, n] of [
        ['env-a', 1],
        ['env-b', 2],
      ] as const) {
        await credentials.replaceSourceSet({
          environmentId,
          source: 'sddc-manager',
          credentials: [upstreamCredential(n)],
        });
      }
      const calls: string[][] = [];
      const answer = async (requests: any[]) => {
        calls.push(requests.map(r => r.permission.name));
        return requests.map(r => decide(r.permission.name)) as any;
      };
      const permissions = {
        authorize: answer,
        authorizeConditional: answer,
      } as PermissionsService;
      const router = createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        permissions,
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
        onSyncRequested: () => {},
      });
      return { app: express().use(router).use(mockErrorHandler()), calls };
    }

    it('asks the permission backend once per list, facet, export and environment request', async () => {
      const { app, calls } = await setup(() => allow);
      for (const path of [
        '/environments/env-a/credentials?limit=50',
        '/environments/env-a/credentials?q=esxi',
        '/environments/env-a/credentials/facets',
        '/environments/env-a/export?format=csv',
        '/environments',
        '/environments/env-a',
        '/environments/env-a/sync-runs',
      ]) {
        calls.length = 0;
        const res = await request(app).get(path);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        expect({ path, calls: calls.length }).toEqual({ path, calls: 1 });
      }
      calls.length = 0;
      await request(app).get('/environments/env-a/export?format=csv');
      expect(calls).toEqual([
        [
          'vcf.environment.read',
          'vcf.credential.read',
          'vcf.credential.export',
        ],
      ]);
    });

    it('applies a conditional environment read: 404 for environments outside it', async () => {
      const onlyA = environmentCondition('IS_ENVIRONMENT', {
        environmentIds: ['env-a'],
      });
      const { app } = await setup(name =>
        name === 'vcf.environment.read' ? onlyA : allow,
      );
      expect(
        (await request(app).get('/environments/env-a/credentials')).body
          .totalCount,
      ).toBe(1);
      expect(
        (await request(app).get('/environments/env-b/credentials')).status,
      ).toBe(404);
      expect(
        (await request(app).get('/environments/env-b/credentials/facets'))
          .status,
      ).toBe(404);
      expect(
        (await request(app).get('/environments/env-b/export?format=csv'))
          .status,
      ).toBe(404);
      expect((await request(app).get('/environments/env-a')).status).toBe(200);
      expect((await request(app).get('/environments/env-b')).status).toBe(404);
      expect(
        (await request(app).get('/environments')).body.map((e: any) => e.id),
      ).toEqual(['env-a']);
    });

    it('decides credential conditions on the environment for the listed environment: its credentials, or an empty list', async () => {
      const credentialCondition = (conditions: any): PolicyDecision => ({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'vcf',
        resourceType: 'vcf-credential',
        conditions,
      });
      const ownedByTeamA = {
        rule: 'IS_ENVIRONMENT_OWNED_BY',
        resourceType: 'vcf-credential',
        params: { claims: ['group:default/team-a'] },
      };
      const esxi = {
        rule: 'HAS_RESOURCE_TYPE',
        resourceType: 'vcf-credential',
        params: { resourceTypes: ['ESXI'] },
      };
      const listed = async (
        conditions: any,
        environmentId: string,
      ): Promise<[number, number]> => {
        const { app } = await setup(name =>
          name === 'vcf.credential.read'
            ? credentialCondition(conditions)
            : allow,
        );
        const res = await request(app).get(
          `/environments/${environmentId}/credentials`,
        );
        const csv = await request(app).get(
          `/environments/${environmentId}/export?format=csv`,
        );
        expect([res.status, csv.status]).toEqual([200, 200]);
        return [res.body.totalCount, csv.text.trim().split('\r\n').length - 1];
      };
      // env-a (owner team-a) holds one ESXi credential, env-b (no owner) one ESXi credential
      expect(await listed(ownedByTeamA, 'env-a')).toEqual([1, 1]);
      expect(await listed(ownedByTeamA, 'env-b')).toEqual([0, 0]);
      expect(await listed({ not: ownedByTeamA }, 'env-a')).toEqual([0, 0]);
      expect(await listed({ not: ownedByTeamA }, 'env-b')).toEqual([1, 1]);
      expect(await listed({ allOf: [ownedByTeamA, esxi] }, 'env-a')).toEqual([
        1, 1,
      ]);
      expect(
        await listed({ allOf: [ownedByTeamA, { not: esxi }] }, 'env-a'),
      ).toEqual([0, 0]);
      expect(
        await listed({ anyOf: [ownedByTeamA, { not: esxi }] }, 'env-b'),
      ).toEqual([0, 0]);
    });

    it('checks owner conditions against the stored environment', async () => {
      const ownedByTeamA = environmentCondition('IS_OWNED_BY', {
        claims: ['group:default/team-a'],
      });
      const { app } = await setup(name =>
        name === 'vcf.environment.read' ? ownedByTeamA : allow,
      );
      expect(
        (await request(app).get('/environments/env-a/credentials')).status,
      ).toBe(200);
      expect(
        (await request(app).get('/environments/env-b/credentials')).status,
      ).toBe(404);
      expect(
        (await request(app).get('/environments/no-such-env/credentials'))
          .status,
      ).toBe(404);
    });
  },
);

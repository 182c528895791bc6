import express from 'express';
import request from 'supertest';
import ExcelJS from 'exceljs';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

/** Passwords a spreadsheet program would run as formulas, one per leading character, some with CSV specials. */
const FORMULA_PASSWORDS = ['=1+1', '+cmd|calc!A1', '-2-3,"x"', '@SUM(A1:A2)'];

const allowAll = {
  authorize: async (requests: any[]) =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async (requests: any[]) =>
    requests.map(() => ({ result: AuthorizeResult.ALLOW })),
} as unknown as PermissionsService;

/** The rows of an RFC 4180 CSV text (quoted fields, doubled quotes, CRLF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** Resource name → password of each data row of a CSV export. */
function csvPasswords(text: string): Map<string, string> {
  const [header, ...rows] = parseCsv(text);
  const resource = header.indexOf('Resource');
  const password = header.indexOf('Password');
  expect(password).toBeGreaterThanOrEqual(0);
  return new Map(rows.map(r => [r[resource], r[password]]));
}

describe.each(databases.eachSupportedId())(
  'credential exports of formula-like passwords on %p',
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
      const auditStore = DatabaseAuditStore.create({ db: knex });
      const environmentService = new EnvironmentService({
        environments,
        credentials,
        syncTargets,
        logger: mockServices.logger.mock(),
      });
      await environmentService.applyConfig([
        {
          id: 'env-a',
          title: 'A',
          discoverVcenters: false,
          endpoints: {
            'sddc-manager': {
              baseUrl: 'https://sddc.example.test',
              username: 'svc@vsphere.local',
              password: 'svc',
              tls: { verify: true },
              intervalMinutes: 30,
            },
          },
        },
      ]);
      await credentials.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: FORMULA_PASSWORDS.map((password, i) =>
          upstreamCredential(i + 1, { password }),
        ),
      });
      const router = createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        permissions: allowAll,
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
        onSyncRequested: jest.fn(),
      });
      const app = express().use(router).use(mockErrorHandler());

      // What the reveal route answers for each credential, by resource name.
      const revealed = new Map<string, string>();
      const list = await request(app).get(
        '/environments/env-a/credentials?limit=50',
      );
      expect(list.status).toBe(200);
      for (const credential of list.body.items) {
        const reveal = await request(app).post(
          `/credentials/${credential.id}/reveal`,
        );
        expect(reveal.status).toBe(200);
        revealed.set(credential.resourceName, reveal.body.password);
      }
      expect([...revealed.values()].sort()).toEqual(
        [...FORMULA_PASSWORDS].sort(),
      );
      return { app, auditStore, revealed };
    }

    it('writes every password exactly into XLSX, as text cells', async () => {
      const { app, revealed } = await setup();
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
      const header = sheet.getRow(1).values as string[];
      const resourceColumn = header.indexOf('Resource');
      const passwordColumn = header.indexOf('Password');
      expect(passwordColumn).toBeGreaterThan(0);
      const exported = new Map<string, unknown>();
      const cellTypes = new Set<ExcelJS.ValueType>();
      for (let r = 2; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const cell = row.getCell(passwordColumn);
        cellTypes.add(cell.type);
        exported.set(String(row.getCell(resourceColumn).value), cell.value);
      }
      expect(exported).toEqual(revealed);
      expect([...cellTypes]).toEqual([ExcelJS.ValueType.String]);
    });

    it('guards every formula-like password in format=csv', async () => {
      const { app, revealed, auditStore } = await setup();
      const res = await request(app).get(
        '/environments/env-a/export?format=csv',
      );
      expect(res.status).toBe(200);
      const exported = csvPasswords(res.text);
      expect(exported.size).toBe(revealed.size);
      for (const [resource, password] of revealed) {
        expect(exported.get(resource)).toBe(`'${password}`);
      }
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.export',
      });
      expect(audit.items[0]).toMatchObject({
        result: 'succeeded',
        details: expect.objectContaining({ format: 'csv' }),
      });
    });

    it('writes every password exactly in format=csv-raw, and audits that format', async () => {
      const { app, revealed, auditStore } = await setup();
      const res = await request(app).get(
        '/environments/env-a/export?format=csv-raw',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/csv/);
      expect(res.headers['content-disposition']).toContain(
        'vcf-credentials-env-a.csv',
      );
      expect(csvPasswords(res.text)).toEqual(revealed);
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'credential.export',
      });
      expect(audit.items[0]).toMatchObject({
        result: 'succeeded',
        details: expect.objectContaining({
          format: 'csv-raw',
          passwords: 'all',
          rows: FORMULA_PASSWORDS.length,
        }),
      });
      expect(JSON.stringify(audit)).not.toContain('cmd|calc');
    });
  },
);

import express from 'express';
import request from 'supertest';
import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  createMigratedDatabase,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { DatabaseAuditStore } from '../audit/DatabaseAuditStore';
import { VcfAuditLog } from '../audit/VcfAuditLog';
import { createAuditRoutes } from './auditRoutes';

const databases = createVcfTestDatabases();

function permissionsAnswering(result: AuthorizeResult): PermissionsService {
  const decide = async (requests: unknown[]) =>
    requests.map(() => ({ result })) as PolicyDecision[];
  return {
    authorize: decide,
    authorizeConditional: decide,
  } as unknown as PermissionsService;
}

/** Parses the CSV the export writes (quoted fields, CRLF rows). */
function csvRows(text: string): string[][] {
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
  return rows;
}

describe.each(databases.eachSupportedId())(
  'GET /audit/export on %p',
  databaseId => {
    async function setup(result: AuthorizeResult = AuthorizeResult.ALLOW) {
      const knex = await createMigratedDatabase(databases, databaseId);
      const auditStore = DatabaseAuditStore.create({ db: knex });
      const router = createAuditRoutes({
        httpAuth: mockServices.httpAuth(),
        permissions: permissionsAnswering(result),
        audit: new VcfAuditLog(mockServices.auditor.mock() as any, auditStore),
        auditStore,
      });
      const app = express().use(router).use(mockErrorHandler());
      return { app, knex, auditStore };
    }

    it('streams every row the filters match, newest first, across batches and rows with the same time', async () => {
      const { app, knex } = await setup();
      // 2,500 rows, many sharing one timestamp: more than two store batches, so the keyset paging must break
      // ties by id to return each row exactly once.
      const rows = Array.from({ length: 2500 }, (_, i) => ({
        // ISO text, as the store writes it
        at: new Date(
          Date.UTC(2026, 0, 1, 10, Math.floor(i / 400)),
        ).toISOString(),
        actor: i % 2 ? 'user:default/alice' : 'user:default/bob',
        action: 'credential.reveal',
        result: i % 5 === 0 ? 'denied' : 'succeeded',
        environment_id: 'env-a',
        details: JSON.stringify({ n: i }),
      }));
      for (let i = 0; i < rows.length; i += 250)
        await knex('audit_events').insert(rows.slice(i, i + 250));

      const res = await request(app).get(
        '/audit/export?format=csv&actor=user:default/alice&environmentId=env-a',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="vcf-audit.csv"',
      );
      const [header, ...body] = csvRows(res.text);
      expect(header).toEqual([
        'Time',
        'Actor',
        'Action',
        'Outcome',
        'Environment',
        'Credential',
        'vCenter',
        'Details',
      ]);
      expect(body).toHaveLength(1250);
      expect(new Set(body.map(r => r[7])).size).toBe(1250);
      expect(body.every(r => r[1] === 'user:default/alice')).toBe(true);
      const order = body.map(r => JSON.parse(r[7]).n);
      expect(order).toEqual([...order].sort((a, b) => b - a));
      expect(body[0].slice(0, 5)).toEqual([
        '2026-01-01T10:06:00.000Z',
        'user:default/alice',
        'credential.reveal',
        'succeeded',
        'env-a',
      ]);

      const denied = await request(app).get(
        `/audit/export?format=csv&result=denied&from=${encodeURIComponent(
          '2026-01-01T10:06:00Z',
        )}`,
      );
      expect(csvRows(denied.text)).toHaveLength(1 + 20);
    });

    it('pages the list newest first by cursor, forwards and back, as by offset', async () => {
      const { app, knex } = await setup();
      // 40 rows, four to a timestamp: the cursor breaks ties by id.
      await knex('audit_events').insert(
        Array.from({ length: 40 }, (_, i) => ({
          at: new Date(
            Date.UTC(2026, 0, 1, 10, Math.floor(i / 4)),
          ).toISOString(),
          actor: 'user:default/alice',
          action: 'credential.reveal',
          result: 'succeeded',
          details: JSON.stringify({ n: i }),
        })),
      );
      const ids = (body: { items: Array<{ id: number }> }) =>
        body.items.map(e => e.id);
      const everything = ids((await request(app).get('/audit?limit=100')).body);
      expect(everything).toHaveLength(40);
      expect(everything).toEqual([...everything].sort((a, b) => b - a));
      const pages = [(await request(app).get('/audit?limit=7')).body];
      while (pages[pages.length - 1].nextCursor) {
        const next = await request(app)
          .get('/audit')
          .query({ limit: 7, cursor: pages[pages.length - 1].nextCursor });
        expect(next.status).toBe(200);
        expect(next.body.totalCount).toBe(40);
        pages.push(next.body);
      }
      expect(pages.flatMap(ids)).toEqual(everything);
      let back = pages[pages.length - 1];
      for (let i = pages.length - 2; i >= 0; i--) {
        back = (
          await request(app)
            .get('/audit')
            .query({ limit: 7, cursor: back.prevCursor })
        ).body;
        expect(ids(back)).toEqual(ids(pages[i]));
      }
      expect(back.prevCursor).toBeUndefined();
      const badCursor = await request(app).get('/audit?cursor=nonsense');
      expect(badCursor.status).toBe(400);
    });

    it('audits the export with its filters and row count', async () => {
      const { app, auditStore } = await setup();
      await auditStore.append({
        actor: 'user:default/bob',
        action: 'credential.reveal',
        result: 'failed',
      });
      const res = await request(app).get(
        '/audit/export?format=xlsx&result=failed',
      );
      expect(res.status).toBe(200);
      const audit = await auditStore.list({
        offset: 0,
        limit: 10,
        action: 'audit.export',
      });
      expect(audit.items).toEqual([
        expect.objectContaining({
          result: 'succeeded',
          details: { format: 'xlsx', filter: { result: 'failed' }, rows: 1 },
        }),
      ]);
    });

    it('guards cells against formulas in csv', async () => {
      const { app, auditStore } = await setup();
      await auditStore.append({
        actor: '=HYPERLINK("http://evil")',
        action: 'credential.reveal',
        result: 'denied',
      });
      const res = await request(app).get('/audit/export?format=csv');
      expect(csvRows(res.text)[1][1]).toBe(`'=HYPERLINK("http://evil")`);
    });

    it('refuses the export without vcf.audit.read with 403 and audits the denial', async () => {
      const { app, auditStore } = await setup(AuthorizeResult.DENY);
      const res = await request(app).get('/audit/export?format=csv');
      expect(res.status).toBe(403);
      const audit = await auditStore.list({ offset: 0, limit: 10 });
      expect(audit.items).toEqual([
        expect.objectContaining({ action: 'audit.export', result: 'denied' }),
      ]);
    });

    it('answers bad filters with 400', async () => {
      const { app } = await setup();
      for (const bad of [
        '',
        'format=pdf',
        'format=csv&result=maybe',
        'format=csv&from=yesterday',
        'format=csv&offset=10',
        `format=csv&from=${encodeURIComponent(
          '2026-02-01T00:00:00Z',
        )}&to=${encodeURIComponent('2026-01-01T00:00:00Z')}`,
      ]) {
        const res = await request(app).get(`/audit/export?${bad}`);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      }
    });
  },
);

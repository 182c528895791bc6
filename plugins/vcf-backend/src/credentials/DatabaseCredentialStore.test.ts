import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import knexFactory from 'knex';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  insertEnvironment,
  upstreamCredential,
} from '../__testUtils__/credentialFixtures';
import { migrateVcfDatabase } from '../database/VcfDatabase';
import { DatabaseCredentialStore } from './DatabaseCredentialStore';

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'DatabaseCredentialStore on %p',
  databaseId => {
    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      await insertEnvironment(knex, 'env-a', 'group:default/team-a');
      await insertEnvironment(knex, 'env-b', 'group:default/team-b');
      const store = DatabaseCredentialStore.create({
        db: knex,
        cipher: createTestCipher(),
      });
      return { knex, store };
    }

    it('adds a complete fetch and lists it without passwords', async () => {
      const { store } = await setup();
      const credentials = Array.from({ length: 30 }, (_, i) =>
        upstreamCredential(i + 1),
      );
      const counts = await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials,
      });
      expect(counts).toMatchObject({
        total: 30,
        added: 30,
        updated: 0,
        removed: 0,
      });

      const page = await store.list({
        environmentId: 'env-a',
        query: { limit: 10 },
      });
      expect(page.totalCount).toBe(30);
      expect(page.items).toHaveLength(10);
      expect(JSON.stringify(page)).not.toMatch(/Pass-\d+!/);
      expect(page.items[0]).not.toHaveProperty('password');
    });

    it('keeps changed passwords in the history and marks vanished credentials removed', async () => {
      const { store } = await setup();
      const first = [1, 2, 3].map(n => upstreamCredential(n));
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: first,
      });

      const second = [
        upstreamCredential(1),
        upstreamCredential(2, { password: 'Rotated-2!' }),
      ];
      const counts = await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: second,
        now: new Date(Date.now() + 1000),
      });
      expect(counts).toMatchObject({
        passwordsChanged: 1,
        removed: 1,
        added: 0,
      });

      const all = await store.list({
        environmentId: 'env-a',
        query: { includeRemoved: true, orderBy: 'resourceName' },
      });
      const removed = all.items.filter(c => c.removedAt);
      expect(removed.map(c => c.resourceName)).toEqual([
        upstreamCredential(3).resourceName,
      ]);
      const active = await store.list({ environmentId: 'env-a', query: {} });
      expect(active.totalCount).toBe(2);

      const rotated = all.items.find(
        c => c.resourceName === upstreamCredential(2).resourceName,
      )!;
      expect(await store.revealPassword(rotated.id)).toBe('Rotated-2!');
      const history = await store.listHistory(rotated.id, {
        withPasswords: true,
      });
      expect(history.map(h => h.password)).toEqual(['Pass-2!']);
      const metadataOnly = await store.listHistory(rotated.id, {
        withPasswords: false,
      });
      expect(metadataOnly[0]).not.toHaveProperty('password');
    });

    it('brings a removed credential back when it reappears', async () => {
      const { store } = await setup();
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'installer',
        credentials: [upstreamCredential(1)],
      });
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'installer',
        credentials: [],
        now: new Date(Date.now() + 1000),
      });
      expect(
        (await store.list({ environmentId: 'env-a', query: {} })).totalCount,
      ).toBe(0);
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'installer',
        credentials: [upstreamCredential(1)],
        now: new Date(Date.now() + 2000),
      });
      const page = await store.list({ environmentId: 'env-a', query: {} });
      expect(page.totalCount).toBe(1);
      expect(page.items[0].removedAt).toBeUndefined();
    });

    it('keeps sources apart: a sync of one source never removes the other', async () => {
      const { store } = await setup();
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [upstreamCredential(1)],
      });
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'installer',
        credentials: [upstreamCredential(2)],
      });
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'installer',
        credentials: [],
        now: new Date(Date.now() + 1000),
      });
      const page = await store.list({ environmentId: 'env-a', query: {} });
      expect(page.items.map(c => c.source)).toEqual(['sddc-manager']);
    });

    it('filters, searches, sorts and pages in SQL', async () => {
      const { store } = await setup();
      const credentials = Array.from({ length: 60 }, (_, i) =>
        upstreamCredential(i + 1),
      );
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials,
      });

      const vcenters = await store.list({
        environmentId: 'env-a',
        query: { resourceType: 'VCENTER', limit: 100 },
      });
      expect(vcenters.totalCount).toBe(20);
      expect(vcenters.items.every(c => c.resourceType === 'VCENTER')).toBe(
        true,
      );

      // One resource's credentials: an exact name, not a substring (esxi-001 is not esxi-0010).
      const oneHost = await store.list({
        environmentId: 'env-a',
        query: { resourceName: 'esxi-001.vcf01.example.test' },
      });
      expect(oneHost.items.map(c => c.resourceName)).toEqual([
        'esxi-001.vcf01.example.test',
      ]);
      expect(
        (
          await store.list({
            environmentId: 'env-a',
            query: { resourceName: 'esxi-001' },
          })
        ).totalCount,
      ).toBe(0);

      const service = await store.list({
        environmentId: 'env-a',
        query: { accountType: 'SERVICE', credentialType: 'SSH' },
      });
      expect(
        service.items.every(
          c => c.accountType === 'SERVICE' && c.credentialType === 'SSH',
        ),
      ).toBe(true);

      const search = await store.list({
        environmentId: 'env-a',
        query: { q: 'ESXI-007' },
      });
      expect(search.items.map(c => c.resourceName)).toEqual([
        'esxi-007.vcf01.example.test',
      ]);

      const desc = await store.list({
        environmentId: 'env-a',
        query: { orderBy: 'resourceName', order: 'desc', limit: 3 },
      });
      expect(desc.items.map(c => c.resourceName)).toEqual([
        'esxi-060.vcf01.example.test',
        'esxi-059.vcf01.example.test',
        'esxi-058.vcf01.example.test',
      ]);
      const second = await store.list({
        environmentId: 'env-a',
        query: { orderBy: 'resourceName', offset: 3, limit: 3 },
      });
      expect(second.items.map(c => c.resourceName)).toEqual([
        'esxi-004.vcf01.example.test',
        'esxi-005.vcf01.example.test',
        'esxi-006.vcf01.example.test',
      ]);
      await expect(
        store.list({ environmentId: 'env-a', query: { orderBy: 'password' } }),
      ).rejects.toThrow(/Cannot sort/);

      const facets = await store.facets({ environmentId: 'env-a' });
      expect(facets.resourceType).toEqual(['ESXI', 'VCENTER']);
      expect(facets.domain).toEqual(['MGMT', 'WLD-01']);
    });

    it('applies permission criteria, including the environment owner, in SQL', async () => {
      const { store } = await setup();
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [upstreamCredential(1), upstreamCredential(3)],
      });
      await store.replaceSourceSet({
        environmentId: 'env-b',
        source: 'sddc-manager',
        credentials: [upstreamCredential(2)],
      });

      const owned = await store.list({
        query: {},
        filter: { field: 'environmentOwner', values: ['group:default/team-b'] },
      });
      expect(owned.items.map(c => c.environmentId)).toEqual(['env-b']);

      const notVcenter = await store.list({
        query: {},
        filter: {
          allOf: [
            { field: 'environmentId', values: ['env-a'] },
            { not: { field: 'resourceType', values: ['VCENTER'] } },
          ],
        },
      });
      expect(notVcenter.items.map(c => c.resourceType)).toEqual(['ESXI']);

      const either = await store.list({
        query: {},
        filter: {
          anyOf: [
            { field: 'environmentId', values: ['env-b'] },
            { field: 'resourceType', values: ['VCENTER'] },
          ],
        },
      });
      expect(either.totalCount).toBe(2);

      const nothing = await store.list({
        query: {},
        filter: { field: 'environmentId', values: [] },
      });
      expect(nothing.totalCount).toBe(0);
    });

    it('streams an export in batches, with passwords only when asked, per row when conditional', async () => {
      const { store } = await setup();
      const credentials = Array.from({ length: 2100 }, (_, i) =>
        upstreamCredential(i + 1),
      );
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials,
      });

      const rows: Array<{ password?: string; resourceType: string }> = [];
      for await (const row of store.iterateForExport({
        environmentId: 'env-a',
        query: { orderBy: 'resourceName' },
        withPasswords: c => c.resourceType === 'VCENTER',
      })) {
        rows.push(row);
      }
      expect(rows).toHaveLength(2100);
      expect(
        rows.filter(r => r.password).every(r => r.resourceType === 'VCENTER'),
      ).toBe(true);
      expect(rows.filter(r => r.password)).toHaveLength(700);

      let withoutPasswords = 0;
      for await (const row of store.iterateForExport({
        environmentId: 'env-a',
        query: {},
        withPasswords: false,
      })) {
        if (!('password' in row)) withoutPasswords++;
      }
      expect(withoutPasswords).toBe(2100);
    });

    it('exports every row once, in the order of the list, across its batches, NULL sort values included', async () => {
      const { store } = await setup();
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: Array.from({ length: 2100 }, (_, i) =>
          upstreamCredential(
            i + 1,
            i % 3 === 0 ? { expiryStatus: undefined } : {},
          ),
        ),
      });
      for (const order of ['asc', 'desc'] as const) {
        const query = { orderBy: 'expiryStatus', order };
        const exported: string[] = [];
        for await (const row of store.iterateForExport({
          environmentId: 'env-a',
          query,
          withPasswords: false,
        })) {
          exported.push(row.id);
        }
        const listed = await store.list({
          environmentId: 'env-a',
          query: { ...query, limit: 3000 },
        });
        expect(exported).toEqual(listed.items.map(i => i.id));
        expect(new Set(exported).size).toBe(2100);
      }
    });

    it('counts active, removed, expiring and expired credentials per environment', async () => {
      const { store } = await setup();
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [
          upstreamCredential(1, { expiryStatus: 'EXPIRING' }),
          upstreamCredential(2, { expiryStatus: 'EXPIRED' }),
          upstreamCredential(3, {
            expiryStatus: 'ACTIVE',
            expiryDate: new Date(Date.now() + 3 * 86_400_000).toISOString(),
          }),
          upstreamCredential(4, { expiryStatus: 'ACTIVE' }),
        ],
      });
      const counts = await store.countsByEnvironment(['env-a', 'env-b']);
      expect(counts.get('env-a')).toEqual({
        total: 4,
        removed: 0,
        expiringSoon: 2,
        expired: 1,
      });
      expect(counts.get('env-b')).toEqual({
        total: 0,
        removed: 0,
        expiringSoon: 0,
        expired: 0,
      });
    });
  },
);

describe('DatabaseCredentialStore on a SQLite file', () => {
  it('never writes a password in clear to the database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vcf-canary-'));
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: join(dir, 'vcf.sqlite') },
      useNullAsDefault: true,
    });
    try {
      await migrateVcfDatabase(knex);
      await insertEnvironment(knex, 'env-a');
      const store = DatabaseCredentialStore.create({
        db: knex,
        cipher: createTestCipher(),
      });
      const canary = 'CANARY-9f3b2c7e-password';
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [upstreamCredential(1, { password: canary })],
      });
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [upstreamCredential(1, { password: `${canary}-rotated` })],
        now: new Date(Date.now() + 1000),
      });
      await knex.destroy();
      for (const file of readdirSync(dir)) {
        expect(
          readFileSync(join(dir, file)).includes(
            Buffer.from('CANARY-9f3b2c7e'),
          ),
        ).toBe(false);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  insertEnvironment,
  upstreamCredential,
} from '../__testUtils__/credentialFixtures';
import { InputError } from '@backstage/errors';
import type { CredentialListQuery } from '@vcf-backstage/plugin-vcf-common';
import { DatabaseCredentialStore } from './DatabaseCredentialStore';

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'credential list counts and pages on %p',
  databaseId => {
    async function setup(
      count: number,
      credential: (n: number) => ReturnType<typeof upstreamCredential> = n =>
        upstreamCredential(n),
    ) {
      const knex = await createMigratedDatabase(databases, databaseId);
      await insertEnvironment(knex, 'env-a');
      let now = 1_000_000;
      const store = DatabaseCredentialStore.create({
        db: knex,
        cipher: createTestCipher(),
        countCacheMs: 2000,
        now: () => now,
      });
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: Array.from({ length: count }, (_, i) => credential(i + 1)),
      });
      return {
        knex,
        store,
        advance: (ms: number) => {
          now += ms;
        },
      };
    }

    it('reuses a total count for the same filters within the TTL, and counts again after it', async () => {
      const { knex, store, advance } = await setup(6);
      const list = (offset = 0) =>
        store.list({
          environmentId: 'env-a',
          query: { offset, limit: 2, resourceType: 'ESXI' },
        });
      expect((await list()).totalCount).toBe(4);
      // A row written past the store (as another replica would) is not counted until the TTL has passed…
      await knex('credentials')
        .where({ environment_id: 'env-a', upstream_id: 'cred-1' })
        .update({ removed_at: new Date().toISOString() });
      advance(1999);
      const stale = await list(2);
      expect(stale.totalCount).toBe(4);
      // …while the page itself is always read anew.
      expect(stale.items).toHaveLength(1);
      advance(1);
      expect((await list()).totalCount).toBe(3);
      // Other filters have their own count.
      expect(
        (
          await store.list({
            environmentId: 'env-a',
            query: { resourceType: 'VCENTER' },
          })
        ).totalCount,
      ).toBe(2);
    });

    it('forgets its counts when the store itself writes', async () => {
      const { store } = await setup(3);
      const list = () => store.list({ environmentId: 'env-a', query: {} });
      expect((await list()).totalCount).toBe(3);
      await store.replaceSourceSet({
        environmentId: 'env-a',
        source: 'sddc-manager',
        credentials: [1, 2, 3, 4, 5].map(n => upstreamCredential(n)),
      });
      expect((await list()).totalCount).toBe(5);
    });

    it('pages a search with few matches in every sort order as one with many', async () => {
      const { store } = await setup(60);
      // 'esxi-00' matches cred 1–9 (few: read through the search index on SQLite); 'esxi' matches all 60.
      for (const q of ['esxi-00', 'esxi']) {
        for (const order of ['asc', 'desc'] as const) {
          const everything = await store.list({
            environmentId: 'env-a',
            query: { q, orderBy: 'expiryStatus', order, limit: 100 },
          });
          const pages = [];
          for (let offset = 0; offset < everything.totalCount; offset += 4) {
            const page = await store.list({
              environmentId: 'env-a',
              query: { q, orderBy: 'expiryStatus', order, offset, limit: 4 },
            });
            expect(page.totalCount).toBe(everything.totalCount);
            pages.push(...page.items);
          }
          expect(pages.map(p => p.id)).toEqual(everything.items.map(i => i.id));
          const statuses = everything.items.map(i => i.expiryStatus ?? '');
          const sorted = [...statuses].sort();
          expect(statuses).toEqual(order === 'asc' ? sorted : sorted.reverse());
        }
      }
      expect(
        (await store.list({ environmentId: 'env-a', query: { q: 'esxi-00' } }))
          .totalCount,
      ).toBe(9);
    });

    it('re-checks the remembered matches of a search on every page', async () => {
      const { knex, store } = await setup(12);
      const search = () =>
        store.list({
          environmentId: 'env-a',
          query: { q: 'esxi-01', orderBy: 'resourceName' },
        });
      expect((await search()).items.map(i => i.resourceName)).toEqual([
        'esxi-010.vcf01.example.test',
        'esxi-011.vcf01.example.test',
        'esxi-012.vcf01.example.test',
      ]);
      // Changed past the store within the TTL: the count may lag, the page does not show what no longer matches.
      await knex('credentials')
        .where({ environment_id: 'env-a', upstream_id: 'cred-11' })
        .update({ removed_at: new Date().toISOString() });
      await knex('credentials')
        .where({ environment_id: 'env-a', upstream_id: 'cred-12' })
        .update({ search_text: 'renamed' });
      const page = await search();
      expect(page.items.map(i => i.resourceName)).toEqual([
        'esxi-010.vcf01.example.test',
      ]);
      expect(page.totalCount).toBe(3);
    });

    it('pages a search with many matches in sort order', async () => {
      const { store } = await setup(1005);
      const all = await store.list({
        environmentId: 'env-a',
        query: {
          q: 'esxi',
          orderBy: 'resourceName',
          order: 'desc',
          limit: 2000,
        },
      });
      expect(all.totalCount).toBe(1005);
      expect(all.items).toHaveLength(1005);
      const last = await store.list({
        environmentId: 'env-a',
        query: {
          q: 'esxi',
          orderBy: 'resourceName',
          order: 'desc',
          offset: 1000,
          limit: 10,
        },
      });
      expect(last.totalCount).toBe(1005);
      expect(last.items.map(i => i.id)).toEqual(
        all.items.slice(1000).map(i => i.id),
      );
    });

    it('pages by cursor forwards and back through the same rows as by offset, in every sort, NULLs included', async () => {
      // Every fourth credential has no expiry status (NULL): SQLite sorts NULL first, PostgreSQL last.
      const { store } = await setup(23, n =>
        upstreamCredential(n, n % 4 === 0 ? { expiryStatus: undefined } : {}),
      );
      const list = (query: CredentialListQuery) =>
        store.list({ environmentId: 'env-a', query });
      const cases: CredentialListQuery[] = [
        { orderBy: 'expiryStatus' },
        { orderBy: 'resourceName' },
        { orderBy: 'username' },
        { orderBy: 'lastSeenAt' },
        { orderBy: 'expiryStatus', resourceType: 'ESXI' },
        { orderBy: 'expiryStatus', q: 'esxi-01' },
      ];
      for (const sort of cases) {
        for (const order of ['asc', 'desc'] as const) {
          const query = { ...sort, order, limit: 4 };
          const everything = (await list({ ...query, limit: 100 })).items.map(
            i => i.id,
          );
          const first = await list(query);
          expect(first.prevCursor).toBeUndefined();
          const forward = [...first.items.map(i => i.id)];
          const pages = [first];
          for (let page = first; page.nextCursor; ) {
            page = await list({ ...query, cursor: page.nextCursor });
            expect(page.totalCount).toBe(everything.length);
            forward.push(...page.items.map(i => i.id));
            pages.push(page);
          }
          expect(forward).toEqual(everything);
          // The last page has no next page; walking back by prevCursor meets every page again.
          const last = pages[pages.length - 1];
          const backward = [...last.items.map(i => i.id)];
          let back = last;
          for (let i = pages.length - 2; i >= 0; i--) {
            back = await list({ ...query, cursor: back.prevCursor });
            expect(back.items.map(r => r.id)).toEqual(
              pages[i].items.map(r => r.id),
            );
            backward.unshift(...back.items.map(r => r.id));
          }
          expect(back.prevCursor).toBeUndefined();
          expect(backward).toEqual(everything);
          // A page read by offset gives a cursor to the page before it as well.
          const third = await list({ ...query, offset: 8 });
          expect(
            (await list({ ...query, cursor: third.prevCursor })).items.map(
              i => i.id,
            ),
          ).toEqual(everything.slice(4, 8));
        }
      }
    });

    it('refuses a cursor that is not one, or that belongs to another sort', async () => {
      const { store } = await setup(6);
      const list = (query: CredentialListQuery) =>
        store.list({ environmentId: 'env-a', query });
      const { nextCursor } = await list({ orderBy: 'username', limit: 2 });
      expect(nextCursor).toBeDefined();
      await expect(
        list({ orderBy: 'username', order: 'desc', cursor: nextCursor }),
      ).rejects.toThrow(InputError);
      await expect(list({ cursor: nextCursor })).rejects.toThrow(
        /sorted by username asc, not resourceName asc/,
      );
      for (const cursor of [
        'not a cursor',
        Buffer.from('{"a":1}').toString('base64url'),
        Buffer.from('["username","asc",1,"x","next"]').toString('base64url'),
      ]) {
        await expect(
          list({ orderBy: 'username', limit: 2, cursor }),
        ).rejects.toThrow(InputError);
      }
    });
  },
);

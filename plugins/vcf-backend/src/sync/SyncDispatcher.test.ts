import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import {
  createMigratedDatabase,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  DatabaseSyncTargetStore,
  INTERRUPTED_ERROR,
} from './DatabaseSyncTargetStore';
import { SyncDispatcher } from './SyncDispatcher';
import type { SyncRunner } from './SyncRunner';
import type { SyncTarget } from './SyncTargetStore';

const databases = createVcfTestDatabases();

function countingRunner(delayMs = 50, fail?: (target: SyncTarget) => boolean) {
  const runs: string[] = [];
  let concurrent = 0;
  let maxConcurrent = 0;
  const runner: SyncRunner = {
    kind: 'credentials',
    async run(target) {
      runs.push(target.id);
      concurrent++;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise(r => setTimeout(r, delayMs));
      concurrent--;
      if (fail?.(target)) throw new Error(`upstream for ${target.id} is down`);
      return { counts: { total: 1 } };
    },
  };
  return { runner, runs, maxConcurrent: () => maxConcurrent };
}

describe.each(databases.eachSupportedId())(
  'SyncDispatcher on %p',
  databaseId => {
    async function declareTargets(
      store: DatabaseSyncTargetStore,
      count: number,
    ) {
      for (let i = 0; i < count; i++) {
        await store.declareTarget({
          id: `t${i}`,
          kind: 'credentials',
          enabled: true,
          intervalSeconds: 3600,
        });
      }
    }

    it('runs each due target once, with bounded concurrency, and records the runs', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      const store = DatabaseSyncTargetStore.create({ db: knex });
      await declareTargets(store, 6);
      const { runner, runs, maxConcurrent } = countingRunner();
      const dispatcher = new SyncDispatcher({
        store,
        runners: [runner],
        logger: mockServices.logger.mock(),
        concurrency: 2,
        leaseSeconds: 60,
      });

      await dispatcher.runDueTargets();
      expect([...runs].sort()).toEqual(['t0', 't1', 't2', 't3', 't4', 't5']);
      expect(maxConcurrent()).toBeLessThanOrEqual(2);

      const target = await store.getTarget('t0');
      expect(target).toMatchObject({
        status: 'succeeded',
        lastCounts: { total: 1 },
      });
      expect(target!.leaseOwner).toBeUndefined();
      expect(new Date(target!.nextRunAt).getTime()).toBeGreaterThan(
        Date.now() + 3500_000,
      );

      const history = await store.listRuns(['t0'], { offset: 0, limit: 10 });
      expect(history.items).toEqual([
        expect.objectContaining({ status: 'succeeded', trigger: 'schedule' }),
      ]);

      await dispatcher.runDueTargets();
      expect(runs).toHaveLength(6);
    });

    it('starts a requested target while another one is still syncing, without waiting for it to end', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      const store = DatabaseSyncTargetStore.create({ db: knex });
      await declareTargets(store, 2);
      // Only t0 is due; t1 is requested ("Sync now") while t0 is still running.
      await knex('sync_targets')
        .where({ id: 't1' })
        .update({ next_run_at: new Date(Date.now() + 3600_000).toISOString() });
      let releaseLongSync!: () => void;
      const longSync = new Promise<void>(resolve => {
        releaseLongSync = resolve;
      });
      let longSyncStarted!: () => void;
      const started = new Promise<void>(resolve => {
        longSyncStarted = resolve;
      });
      let requestedRan!: () => void;
      const requestedSyncRan = new Promise<void>(resolve => {
        requestedRan = resolve;
      });
      const order: string[] = [];
      const runner: SyncRunner = {
        kind: 'credentials',
        async run(target) {
          order.push(`start ${target.id}`);
          if (target.id === 't0') {
            longSyncStarted();
            await longSync;
          } else {
            requestedRan();
          }
          order.push(`end ${target.id}`);
          return { counts: { total: 1 } };
        },
      };
      const dispatcher = new SyncDispatcher({
        store,
        runners: [runner],
        logger: mockServices.logger.mock(),
        concurrency: 2,
        leaseSeconds: 60,
      });
      const drained = dispatcher.runDueTargets();
      await started;
      await store.requestRun('t1', 'user:default/alice');
      void dispatcher.runDueTargets();
      // Resolves only if t1 runs while t0 still waits for its release.
      await requestedSyncRan;
      expect(order).toEqual(['start t0', 'start t1', 'end t1']);
      releaseLongSync();
      await drained;
      expect(order).toEqual(['start t0', 'start t1', 'end t1', 'end t0']);
    });

    it('persists live progress that any instance reads, queued before the run and cleared after it', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      const store = DatabaseSyncTargetStore.create({ db: knex });
      await declareTargets(store, 1);
      await knex('sync_targets').update({
        next_run_at: new Date(Date.now() + 3600_000).toISOString(),
      });
      await store.requestRun('t0', 'user:default/alice');
      expect((await store.getTarget('t0'))!.progress).toMatchObject({
        phase: 'queued',
      });

      // A second store on the same database stands for another backend replica serving the status.
      const otherReplica = DatabaseSyncTargetStore.create({ db: knex });
      const seen: unknown[] = [];
      let releasePage!: () => void;
      const pageSeen = new Promise<void>(resolve => {
        releasePage = resolve;
      });
      const runner: SyncRunner = {
        kind: 'credentials',
        async run(_target, { progress }) {
          progress.report({ phase: 'logging-in' });
          progress.report({
            phase: 'fetching',
            page: 3,
            pageCount: 21,
            items: 1500,
          });
          // Phase changes are written at once; wait for that write, then look from the other replica.
          await new Promise(r => setTimeout(r, 100));
          seen.push((await otherReplica.getTarget('t0'))!.progress);
          releasePage();
          return { counts: { total: 258, passwordsChanged: 2, removed: 1 } };
        },
      };
      const dispatcher = new SyncDispatcher({
        store,
        runners: [runner],
        logger: mockServices.logger.mock(),
        concurrency: 1,
        leaseSeconds: 60,
      });
      await dispatcher.runDueTargets();
      await pageSeen;

      expect(seen).toEqual([
        expect.objectContaining({
          phase: 'fetching',
          page: 3,
          pageCount: 21,
          items: 1500,
        }),
      ]);
      const done = await otherReplica.getTarget('t0');
      expect(done!.progress).toBeUndefined();
      expect(done!.lastCounts).toEqual({
        total: 258,
        passwordsChanged: 2,
        removed: 1,
      });
    });

    it('lets two backend instances share the targets without running one twice', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      // A second connection pool to the same database, as a second backend replica would have (PostgreSQL);
      // SQLite in memory has one connection, so both instances share it there.
      const otherKnex = databaseId.startsWith('POSTGRES')
        ? knexFactory(knex.client.config)
        : knex;
      const store = DatabaseSyncTargetStore.create({ db: knex });
      const otherStore = DatabaseSyncTargetStore.create({ db: otherKnex });
      await declareTargets(store, 10);
      const a = countingRunner(30);
      const b = countingRunner(30);
      const logger = mockServices.logger.mock();
      const first = new SyncDispatcher({
        store,
        runners: [a.runner],
        logger,
        concurrency: 3,
        leaseSeconds: 60,
      });
      const second = new SyncDispatcher({
        store: otherStore,
        runners: [b.runner],
        logger,
        concurrency: 3,
        leaseSeconds: 60,
      });

      await Promise.all([first.runDueTargets(), second.runDueTargets()]);
      const all = [...a.runs, ...b.runs].sort();
      expect(all).toEqual(Array.from({ length: 10 }, (_, i) => `t${i}`).sort());
      expect(a.runs.length).toBeGreaterThan(0);
      expect(b.runs.length).toBeGreaterThan(0);
      if (otherKnex !== knex) await otherKnex.destroy();
    });

    it('picks up a target whose instance died once the lease expires, and shows the run as interrupted', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      const store = DatabaseSyncTargetStore.create({ db: knex });
      await declareTargets(store, 1);
      // The lease runs from claimedAt; checking "still leased" at that same instant does not depend on how long the
      // steps in between take on a busy machine. The wait below is only a lower bound.
      const claimedAt = new Date();
      const claimed = await store.claimDueTargets({
        owner: 'crashed-instance',
        limit: 5,
        leaseSeconds: 1,
        now: claimedAt,
      });
      expect(claimed.map(t => t.id)).toEqual(['t0']);
      await store.startRun(claimed[0], {
        owner: 'crashed-instance',
        trigger: 'schedule',
      });
      // Stored as running under the crashed instance's lease (read from the row: the store's reading compares the
      // lease with the clock, and on a busy machine a second may already have passed).
      expect(
        await knex('sync_targets').where({ id: 't0' }).first(),
      ).toMatchObject({ status: 'running', lease_owner: 'crashed-instance' });
      expect(
        await store.claimDueTargets({
          owner: 'other',
          limit: 5,
          leaseSeconds: 60,
          now: claimedAt,
        }),
      ).toEqual([]);
      await new Promise(resolve => setTimeout(resolve, 1100));
      expect(await store.getTarget('t0')).toMatchObject({
        status: 'failed',
        lastError: INTERRUPTED_ERROR,
      });

      const taken = await store.claimDueTargets({
        owner: 'other',
        limit: 5,
        leaseSeconds: 60,
      });
      expect(taken.map(t => t.id)).toEqual(['t0']);
      expect(taken[0].leaseOwner).toBe('other');
      const runs = await store.listRuns(['t0'], { offset: 0, limit: 5 });
      expect(runs.items).toEqual([
        expect.objectContaining({ status: 'failed', error: INTERRUPTED_ERROR }),
      ]);
    });

    it('records a failure with its message and keeps the schedule going', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      const store = DatabaseSyncTargetStore.create({ db: knex });
      await declareTargets(store, 2);
      const { runner } = countingRunner(5, t => t.id === 't1');
      const dispatcher = new SyncDispatcher({
        store,
        runners: [runner],
        logger: mockServices.logger.mock(),
        concurrency: 2,
        leaseSeconds: 60,
      });
      await dispatcher.runDueTargets();
      expect(await store.getTarget('t1')).toMatchObject({
        status: 'failed',
        lastError: 'upstream for t1 is down',
      });
      expect(await store.getTarget('t0')).toMatchObject({
        status: 'succeeded',
      });
    });

    it('runs a manual request as a manual run with its requester, and skips disabled targets', async () => {
      const knex = await createMigratedDatabase(databases, databaseId);
      const store = DatabaseSyncTargetStore.create({ db: knex });
      await declareTargets(store, 2);
      const { runner, runs } = countingRunner(5);
      const dispatcher = new SyncDispatcher({
        store,
        runners: [runner],
        logger: mockServices.logger.mock(),
        concurrency: 2,
        leaseSeconds: 60,
      });
      await dispatcher.runDueTargets();

      await store.declareTarget({
        id: 't1',
        kind: 'credentials',
        enabled: false,
        intervalSeconds: 3600,
      });
      await store.requestRun('t0', 'user:default/alice');
      await store.requestRun('t1', 'user:default/alice');
      await dispatcher.runDueTargets();
      expect(runs.filter(id => id === 't0')).toHaveLength(2);
      expect(runs.filter(id => id === 't1')).toHaveLength(1);
      expect((await store.getTarget('t1'))!.status).toBe('disabled');
      const history = await store.listRuns(['t0'], { offset: 0, limit: 1 });
      expect(history.items[0]).toMatchObject({
        trigger: 'manual',
        triggeredBy: 'user:default/alice',
      });
    });
  },
);

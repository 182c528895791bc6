import { mockServices } from '@backstage/backend-test-utils';
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

const databases = createVcfTestDatabases();

/** A runner that records which targets it ran. */
function recordingRunner() {
  const runs: string[] = [];
  const runner: SyncRunner = {
    kind: 'credentials',
    async run(target) {
      runs.push(target.id);
      return { counts: { total: 1 } };
    },
  };
  return { runner, runs };
}

describe.each(databases.eachSupportedId())(
  'restart recovery on %p',
  databaseId => {
    /**
     * Targets `own`, `other` and `prefix`, each claimed (with a long lease) and running, left open by a process that
     * is gone: `own` by an earlier process of instance `host-a`, `other` by instance `host-b`, `prefix` by instance
     * `host-a-2` (whose id starts with `host-a`).
     */
    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      const store = DatabaseSyncTargetStore.create({ db: knex });
      const logger = mockServices.logger.mock();
      const leftRunning = async (targetId: string, instanceId: string) => {
        await store.declareTarget({
          id: targetId,
          kind: 'credentials',
          enabled: true,
          intervalSeconds: 3600,
        });
        const crashed = new SyncDispatcher({
          store,
          runners: [],
          logger,
          concurrency: 1,
          leaseSeconds: 600,
          instanceId,
        });
        // Claim only this target: the others are already leased.
        const [target] = await store.claimDueTargets({
          owner: crashed.owner,
          limit: 1,
          leaseSeconds: 600,
        });
        expect(target.id).toBe(targetId);
        await store.startRun(target, {
          owner: crashed.owner,
          trigger: 'schedule',
        });
        expect(await store.getTarget(targetId)).toMatchObject({
          status: 'running',
          leaseOwner: crashed.owner,
        });
        return crashed.owner;
      };
      const owners = {
        own: await leftRunning('own', 'host-a'),
        other: await leftRunning('other', 'host-b'),
        prefix: await leftRunning('prefix', 'host-a-2'),
      };
      return { knex, store, logger, owners };
    }

    it("ends the runs of this instance's previous process at once, and leaves other instances' runs to their lease", async () => {
      const { store, logger, owners } = await setup();
      const { runner, runs } = recordingRunner();
      const restarted = new SyncDispatcher({
        store,
        runners: [runner],
        logger,
        concurrency: 2,
        leaseSeconds: 600,
        instanceId: 'host-a',
      });
      expect(restarted.owner).not.toBe(owners.own);

      await restarted.interruptEarlierRuns();

      const own = await store.getTarget('own');
      expect(own).toMatchObject({
        status: 'failed',
        lastError: INTERRUPTED_ERROR,
      });
      expect(own!.leaseOwner).toBeUndefined();
      expect(own!.leaseExpiresAt).toBeUndefined();
      const ownRuns = await store.listRuns(['own'], { offset: 0, limit: 5 });
      expect(ownRuns.items).toEqual([
        expect.objectContaining({ status: 'failed', error: INTERRUPTED_ERROR }),
      ]);
      expect(ownRuns.items[0].finishedAt).toBeDefined();
      expect(logger.warn).toHaveBeenCalledWith(expect.any(String), {
        targets: 'own',
      });

      for (const id of ['other', 'prefix'] as const) {
        expect(await store.getTarget(id)).toMatchObject({
          status: 'running',
          leaseOwner: owners[id],
        });
        const open = await store.listRuns([id], { offset: 0, limit: 5 });
        expect(open.items).toEqual([
          expect.objectContaining({ status: 'running' }),
        ]);
        expect(open.items[0].finishedAt).toBeUndefined();
      }

      // The freed target is due again and runs now; the leased ones wait for their lease.
      await restarted.runDueTargets();
      expect(runs).toEqual(['own']);
      expect(await store.getTarget('own')).toMatchObject({
        status: 'succeeded',
      });
    });

    it('recovers a vanished instance once its lease has expired', async () => {
      const { store, logger } = await setup();
      const replica = new SyncDispatcher({
        store,
        runners: [recordingRunner().runner],
        logger,
        concurrency: 3,
        leaseSeconds: 600,
        instanceId: 'host-c',
      });
      await replica.interruptEarlierRuns();
      expect(logger.warn).not.toHaveBeenCalled();
      expect((await store.getTarget('other'))?.status).toBe('running');

      // Eleven minutes later the 10-minute leases have lapsed: the replica takes every target over.
      const later = new Date(Date.now() + 11 * 60_000);
      const taken = await store.claimDueTargets({
        owner: replica.owner,
        limit: 5,
        leaseSeconds: 600,
        now: later,
      });
      expect(taken.map(t => t.id).sort()).toEqual(['other', 'own', 'prefix']);
      const otherRuns = await store.listRuns(['other'], {
        offset: 0,
        limit: 5,
      });
      expect(otherRuns.items).toEqual([
        expect.objectContaining({ status: 'failed', error: INTERRUPTED_ERROR }),
      ]);
    });
  },
);

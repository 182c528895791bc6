import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import type { CredentialTask } from '@vcf-backstage/plugin-vcf-common';
import {
  insertEnvironment,
  upstreamCredential,
} from '../__testUtils__/credentialFixtures';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { SyncDispatcher } from '../sync/SyncDispatcher';
import type { SyncRunner } from '../sync/SyncRunner';
import { NotificationLedger } from './NotificationLedger';
import { VcfNotifier } from './VcfNotifier';
import type { VcfNotificationSettings } from './notificationSettings';

const databases = createVcfTestDatabases();

const SETTINGS: VcfNotificationSettings = {
  enabled: true,
  syncFailureThreshold: 3,
  expiringWithinDays: 14,
  digestHourUtc: 7,
};
const CANARY = 'Canary-Pa55word-7f3a!';
const DAY = 86_400_000;

describe.each(databases.eachSupportedId())('VcfNotifier on %p', databaseId => {
  let knex: Knex;
  let sent: NotificationSendOptions[];

  /** A backend instance: its own notifier and dispatcher over the shared database. */
  function instance(options: {
    fail: () => boolean;
    notifications?: { send: jest.Mock };
  }) {
    const cipher = createTestCipher();
    const logger = mockServices.logger.mock();
    const syncTargets = DatabaseSyncTargetStore.create({ db: knex });
    const notifier = new VcfNotifier({
      notifications: options.notifications ?? {
        send: jest.fn(async (notice: NotificationSendOptions) => {
          sent.push(notice);
        }),
      },
      ledger: NotificationLedger.create({ db: knex }),
      settings: SETTINGS,
      syncTargets,
      environments: DatabaseEnvironmentStore.create({
        db: knex,
        cipher,
      }),
      credentials: DatabaseCredentialStore.create({ db: knex, cipher }),
      logger,
    });
    const runner: SyncRunner = {
      kind: 'credentials',
      async run() {
        if (options.fail())
          throw new Error(`upstream rejected password ${CANARY}`);
        return { counts: { total: 1 } };
      },
    };
    const dispatcher = new SyncDispatcher({
      store: syncTargets,
      runners: [runner],
      logger,
      concurrency: 2,
      leaseSeconds: 60,
      onRunFinished: run => notifier.afterSyncRun(run),
    });
    const syncNow = async () => {
      await syncTargets.requestAllRuns();
      await dispatcher.runDueTargets();
    };
    return { notifier, syncNow, syncTargets };
  }

  beforeEach(async () => {
    knex = await createMigratedDatabase(databases, databaseId);
    sent = [];
    await insertEnvironment(knex, 'east', 'group:default/platform-east');
    await insertEnvironment(knex, 'west', 'group:default/platform-west');
    const syncTargets = DatabaseSyncTargetStore.create({ db: knex });
    await syncTargets.declareTarget({
      id: 'credentials:east:sddc-manager',
      kind: 'credentials',
      environmentId: 'east',
      enabled: true,
      intervalSeconds: 3600,
    });
  });

  it('notifies the owner once at the third failed sync in a row, and once when it recovers', async () => {
    let failing = true;
    const { syncNow } = instance({ fail: () => failing });

    await syncNow();
    await syncNow();
    expect(sent).toHaveLength(0);

    await syncNow();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual({
      recipients: { type: 'entity', entityRef: 'group:default/platform-east' },
      payload: expect.objectContaining({
        title:
          'Sync of the SDDC Manager credentials of east failed 3 times in a row',
        link: '/vcf/environments/east/sync-history',
        topic: 'vcf-sync',
        severity: 'high',
      }),
    });

    // The streak goes on: no repeat at every tick.
    await syncNow();
    await syncNow();
    expect(sent).toHaveLength(1);

    failing = false;
    await syncNow();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({
      recipients: { type: 'entity', entityRef: 'group:default/platform-east' },
      payload: expect.objectContaining({
        title: 'Sync of the SDDC Manager credentials of east works again',
      }),
    });
    await syncNow();
    expect(sent).toHaveLength(2);

    expect(sent.flatMap(n => [n.recipients])).not.toContainEqual(
      expect.objectContaining({ entityRef: 'group:default/platform-west' }),
    );
    expect(JSON.stringify(sent)).not.toContain(CANARY);
  });

  it('says nothing about a target that fails fewer times than the threshold', async () => {
    let failures = 2;
    const { syncNow } = instance({ fail: () => failures-- > 0 });
    for (let i = 0; i < 4; i++) await syncNow();
    expect(sent).toEqual([]);
  });

  it('sends each notice once when two replicas evaluate the same run', async () => {
    const first = instance({ fail: () => true });
    const second = instance({ fail: () => true });
    for (let i = 0; i < 3; i++) await first.syncNow();
    expect(sent).toHaveLength(1);
    // The other replica sees the same failed streak (e.g. a retried callback): the ledger refuses the repeat.
    const [target] = await first.syncTargets.listTargets();
    await second.notifier.afterSyncRun({ target, status: 'failed' });
    expect(sent).toHaveLength(1);
  });

  it('gives the claim back when the notifications service fails, so a later call can send it', async () => {
    const failingService = {
      send: jest
        .fn()
        .mockRejectedValue(new Error('notifications backend is down')),
    };
    const down = instance({ fail: () => true, notifications: failingService });
    for (let i = 0; i < 3; i++) await down.syncNow();
    expect(failingService.send).toHaveBeenCalledTimes(1);
    const [target] = await down.syncTargets.listTargets();
    await instance({ fail: () => true }).notifier.afterSyncRun({
      target,
      status: 'failed',
    });
    expect(sent).toHaveLength(1);
  });

  describe('the expiry digest', () => {
    beforeEach(async () => {
      const credentials = DatabaseCredentialStore.create({
        db: knex,
        cipher: createTestCipher(),
      });
      const now = Date.now();
      await credentials.replaceSourceSet({
        environmentId: 'east',
        source: 'sddc-manager',
        credentials: [
          upstreamCredential(1, {
            password: CANARY,
            expiryDate: new Date(now - 2 * DAY).toISOString(),
          }),
          upstreamCredential(2, {
            password: CANARY,
            expiryDate: new Date(now + 3 * DAY).toISOString(),
          }),
          upstreamCredential(4, {
            password: CANARY,
            expiryDate: new Date(now + 60 * DAY).toISOString(),
          }),
        ],
      });
      await credentials.replaceSourceSet({
        environmentId: 'west',
        source: 'sddc-manager',
        credentials: [
          upstreamCredential(5, {
            password: CANARY,
            expiryDate: new Date(now + 90 * DAY).toISOString(),
          }),
        ],
      });
    });

    it('goes to each owner with expiring or expired credentials once a day', async () => {
      const { notifier } = instance({ fail: () => false });
      const today = new Date();
      today.setUTCHours(9, 0, 0, 0);

      expect(await notifier.sendExpiryDigests(today)).toBe(1);
      expect(sent).toEqual([
        {
          recipients: {
            type: 'entity',
            entityRef: 'group:default/platform-east',
          },
          payload: expect.objectContaining({
            title: 'VCF credentials: 1 expired, 1 expiring within 14 days',
            link: '/vcf/environments/east/credentials',
            topic: 'vcf-credential-expiry',
            severity: 'high',
          }),
        },
      ]);

      // Hourly ticks and a second replica the same day send nothing more.
      expect(
        await notifier.sendExpiryDigests(new Date(today.getTime() + 3600_000)),
      ).toBe(0);
      expect(
        await instance({ fail: () => false }).notifier.sendExpiryDigests(today),
      ).toBe(0);
      expect(sent).toHaveLength(1);

      // The next day, again.
      expect(
        await notifier.sendExpiryDigests(new Date(today.getTime() + DAY)),
      ).toBe(1);
      expect(sent).toHaveLength(2);
      expect(JSON.stringify(sent)).not.toContain(CANARY);
    });

    it('waits for the digest hour', async () => {
      const { notifier } = instance({ fail: () => false });
      const early = new Date();
      early.setUTCHours(5, 0, 0, 0);
      expect(await notifier.sendExpiryDigests(early)).toBe(0);
      expect(sent).toEqual([]);
    });
  });

  it('tells whoever started a credential task how it ended, once per ending, without any password', async () => {
    const { notifier } = instance({ fail: () => false });
    const task: CredentialTask = {
      id: 'task-1',
      environmentId: 'east',
      operation: 'rotate',
      status: 'FAILED',
      errors: [`SDDC Manager refused password ${CANARY}`],
      items: [
        {
          credentialId: 'c1',
          resourceName: 'esxi-01.example.test',
          username: 'root',
          status: 'FAILED',
        },
      ],
      requestedBy: 'user:default/alice',
      createdAt: '2026-12-02T08:00:00.000Z',
      completedAt: '2026-12-02T08:01:00.000Z',
    };
    await notifier.taskFinished(task);
    await notifier.taskFinished(task);
    // Retried, it ends again: that ending is a notice of its own.
    const retried: CredentialTask = {
      ...task,
      status: 'SUCCESSFUL',
      errors: [],
      completedAt: '2026-12-02T08:05:00.000Z',
    };
    await notifier.taskFinished(retried);
    await notifier.taskFinished(retried);
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'user:default/alice' },
        payload: expect.objectContaining({
          title: 'Password rotation of root@esxi-01.example.test failed',
          link: '/vcf/environments/east/credential-tasks',
          severity: 'high',
          topic: 'vcf-credential-task',
        }),
      },
      {
        recipients: { type: 'entity', entityRef: 'user:default/alice' },
        payload: expect.objectContaining({
          title: 'Password rotation of root@esxi-01.example.test succeeded',
          link: '/vcf/environments/east/credential-tasks',
          severity: 'normal',
        }),
      },
    ]);
    expect(JSON.stringify(sent)).not.toContain(CANARY);
  });

  it('counts the credentials of a bulk task and leaves rotate-after-reveal and running tasks unannounced', async () => {
    const { notifier } = instance({ fail: () => false });
    const item = (n: number) => ({
      credentialId: `c${n}`,
      resourceName: `esxi-0${n}.example.test`,
      username: 'root',
      status: 'SUCCESSFUL' as const,
    });
    const base: CredentialTask = {
      id: 'bulk-1',
      environmentId: 'east',
      operation: 'rotate',
      status: 'SUCCESSFUL',
      errors: [],
      items: [item(1), item(2), item(3)],
      requestedBy: 'user:default/bob',
      createdAt: '2026-12-02T08:00:00.000Z',
      completedAt: '2026-12-02T08:01:00.000Z',
    };
    await notifier.taskFinished(base);
    await notifier.taskFinished({
      ...base,
      id: 'scheduled-1',
      requestedBy: 'vcf:rotate-after-reveal',
    });
    await notifier.taskFinished({
      ...base,
      id: 'running-1',
      status: 'IN_PROGRESS',
      completedAt: undefined,
    });
    expect(sent.map(n => [n.recipients, n.payload.title])).toEqual([
      [
        { type: 'entity', entityRef: 'user:default/bob' },
        'Password rotation of 3 credentials succeeded',
      ],
    ]);
  });
});

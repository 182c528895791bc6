import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
  type SchedulerService,
  type SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';
import type { CredentialTask, SyncRun } from '@vcf-backstage/plugin-vcf-common';
import {
  startVcfSimulator,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import { vcfPlugin } from '../plugin';

const EAST_OWNER = 'group:default/east-admins';
const LAB_OWNER = 'group:default/lab-admins';

/** A scheduler whose tasks run only when the test triggers them, so that the test decides when tasks are polled. */
function createManualScheduler() {
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler: SchedulerService = {
    async scheduleTask(task) {
      tasks.set(task.id, task);
    },
    createScheduledTaskRunner: () => ({
      run: async task => {
        tasks.set(task.id, task);
      },
    }),
    async triggerTask(id) {
      await tasks.get(id)?.fn(new AbortController().signal);
    },
    async cancelTask() {},
    async getScheduledTasks() {
      return [...tasks.keys()].map(id => ({
        id,
        scope: 'local' as const,
        settings: { version: 1 },
      }));
    },
  };
  return scheduler;
}

/** Asks until `read` gives a value `done` accepts; the backend's own scheduler moves things on meanwhile. */
async function waitFor<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  for (let i = 0; i < 3000; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`Gave up waiting for ${what}`);
}

describe('VCF notifications through the backend', () => {
  let simulator: VcfSimulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  const sent: NotificationSendOptions[] = [];
  const auth = { Authorization: mockCredentials.user.header() };
  const scheduler = createManualScheduler();

  beforeAll(async () => {
    simulator = await startVcfSimulator({
      seed: 'notifications',
      environments: [
        { id: 'east', credentialCount: 10, specFlavor: 'vcf9' },
        { id: 'lab', credentialCount: 5, specFlavor: 'vcf9' },
      ],
    });
    const owners: Record<string, string> = { east: EAST_OWNER, lab: LAB_OWNER };
    backend = await startTestBackend({
      features: [
        vcfPlugin,
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async (notice: NotificationSendOptions) => {
              sent.push(notice);
            },
          }),
        }),
        mockServices.rootConfig.factory({
          data: {
            vcf: {
              encryption: { key: randomBytes(32).toString('base64') },
              sync: { runOnStartup: false },
              notifications: { syncFailureThreshold: 3 },
              environments: simulator.environments.map(env => ({
                id: env.id,
                title: env.id,
                owner: owners[env.id],
                sddcManager: {
                  baseUrl: env.sddcManagerUrl,
                  ...env.sddcManagerServiceAccount,
                  tls: { ca: simulator.certificatePem },
                },
              })),
            },
          },
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await simulator?.stop();
  });

  /** Syncs an environment through the API and waits until that run has finished. */
  async function sync(environmentId: string): Promise<SyncRun> {
    const runs = () =>
      request(backend.server)
        .get(`/api/vcf/environments/${environmentId}/sync-runs?limit=100`)
        .set(auth)
        .then(r => r.body.items as SyncRun[]);
    const before = (await runs()).length;
    expect(
      (
        await request(backend.server)
          .post(`/api/vcf/environments/${environmentId}/sync`)
          .set(auth)
      ).status,
    ).toBe(202);
    const after = await waitFor(
      `a sync run of ${environmentId}`,
      runs,
      items =>
        items.length > before && items.every(run => run.status !== 'running'),
    );
    return after[0];
  }

  it("tells the owner, and nobody else, at an environment's third failed sync in a row, and once when it recovers", async () => {
    expect((await sync('lab')).status).toBe('succeeded');
    simulator.setFaults(
      { rejectServiceAccount: true },
      { environmentId: 'east' },
    );
    expect((await sync('east')).status).toBe('failed');
    expect((await sync('east')).status).toBe('failed');
    expect(sent).toEqual([]);
    expect((await sync('east')).status).toBe('failed');
    expect((await sync('lab')).status).toBe('succeeded');
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: EAST_OWNER },
        payload: expect.objectContaining({
          title:
            'Sync of the SDDC Manager credentials of east failed 3 times in a row',
          topic: 'vcf-sync',
          link: '/vcf/environments/east/sync-history',
        }),
      },
    ]);
    // A fourth failure continues the same streak: no new notice.
    expect((await sync('east')).status).toBe('failed');
    expect(sent).toHaveLength(1);

    simulator.resetFaults();
    expect((await sync('east')).status).toBe('succeeded');
    expect((await sync('east')).status).toBe('succeeded');
    expect(sent.slice(1)).toEqual([
      {
        recipients: { type: 'entity', entityRef: EAST_OWNER },
        payload: expect.objectContaining({
          title: 'Sync of the SDDC Manager credentials of east works again',
          topic: 'vcf-sync',
        }),
      },
    ]);
  });

  it('tells the user who rotated a credential how the task ended, without the password', async () => {
    sent.length = 0;
    // SDDC Manager ends the task at the first poll.
    simulator.setFaults({ credentialTaskPolls: 0 }, { environmentId: 'lab' });
    const listed = await request(backend.server)
      .get('/api/vcf/environments/lab/credentials?limit=1&source=sddc-manager')
      .set(auth);
    const [credential] = listed.body.items;
    const oldPassword = (
      await request(backend.server)
        .post(`/api/vcf/credentials/${credential.id}/reveal`)
        .set(auth)
    ).body.password;
    const started = await request(backend.server)
      .post(`/api/vcf/credentials/${credential.id}/rotate`)
      .set(auth)
      .send({});
    expect(started.status).toBe(202);
    const task = await waitFor(
      'the rotation to finish',
      async () => {
        // What the backend's scheduler does every few seconds.
        await scheduler.triggerTask('vcf-credential-tasks');
        return request(backend.server)
          .get(`/api/vcf/credential-tasks/${started.body.taskId}`)
          .set(auth)
          .then(r => r.body as CredentialTask);
      },
      t => !!t.completedAt,
    );
    expect(task.status).toBe('SUCCESSFUL');
    await waitFor(
      'the notice',
      async () => sent.length,
      n => n > 0,
    );
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'user:default/mock' },
        payload: expect.objectContaining({
          title: `Password rotation of ${credential.username}@${credential.resourceName} succeeded`,
          link: '/vcf/environments/lab/credential-tasks',
          topic: 'vcf-credential-task',
        }),
      },
    ]);
    const newPassword = simulator
      .listCredentials('lab')
      .find(
        c =>
          c.username === credential.username &&
          c.resource.resourceName === credential.resourceName &&
          c.credentialType === credential.credentialType,
      )?.password;
    expect(newPassword).toBeDefined();
    expect(newPassword).not.toBe(oldPassword);
    expect(JSON.stringify(sent)).not.toContain(oldPassword);
    expect(JSON.stringify(sent)).not.toContain(newPassword);
  });
});

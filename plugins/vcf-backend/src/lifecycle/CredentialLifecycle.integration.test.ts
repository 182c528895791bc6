import express from 'express';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import request from 'supertest';
import type { PermissionsService } from '@backstage/backend-plugin-api';
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
import {
  FINISHED_CREDENTIAL_TASK_STATUSES,
  type CredentialSummary,
  type CredentialTask,
} from '@vcf-backstage/plugin-vcf-common';
import {
  startVcfSimulator,
  type Credential,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { DatabaseAuditStore } from '../audit/DatabaseAuditStore';
import { VcfAuditLog } from '../audit/VcfAuditLog';
import { CredentialSyncRunner } from '../credentials/CredentialSyncRunner';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import { EnvironmentService } from '../environments/EnvironmentService';
import {
  vcfCredentialRuleset,
  vcfEnvironmentRuleset,
} from '../permissions/rulesets';
import { createRouter } from '../service/createRouter';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { SyncDispatcher } from '../sync/SyncDispatcher';
import { NotificationLedger } from '../notifications/NotificationLedger';
import { VcfNotifier } from '../notifications/VcfNotifier';
import {
  CredentialLifecycleService,
  ROTATE_AFTER_REVEAL_REQUESTER,
} from './CredentialLifecycleService';
import { DatabaseCredentialTaskStore } from './DatabaseCredentialTaskStore';

const databases = createVcfTestDatabases();
const CANARY_UPDATE = 'Canary!Upd4te9x';
const CANARY_REMEDIATE = 'Canary!Rem3dy7q';
const CLIENT_SETTINGS = { retries: 0, retryBaseDelayMs: 10, timeoutMs: 5000 };

/** A clock the test moves by hand. */
class TestClock {
  private current = new Date('2026-12-02T08:00:00.000Z');
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

type Decide = (name: string, resourceRef?: string) => PolicyDecision;
const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };

function permissionsFrom(decide: () => Decide): PermissionsService {
  const decideAll = async (requests: any[]) =>
    requests.map(r => decide()(r.permission.name, r.resourceRef)) as any;
  return {
    authorize: decideAll,
    authorizeConditional: decideAll,
  } as PermissionsService;
}

describe.each(databases.eachSupportedId())(
  'credential lifecycle against the simulator on %p',
  databaseId => {
    let simulator: VcfSimulator;

    beforeAll(async () => {
      simulator = await startVcfSimulator({
        seed: 'lifecycle',
        environments: [
          { id: 'east', credentialCount: 40, specFlavor: 'vcf9' },
          { id: 'lab', credentialCount: 20, specFlavor: 'vcf5.2' },
        ],
      });
    });
    afterAll(() => simulator.stop());
    afterEach(() => simulator.resetFaults());

    /** Rotate-after-reveal is on for the resource type of this credential of `east`. */
    const REVEALED_INDEX = 20;
    const revealedType = () =>
      simulator.listCredentials('east')[REVEALED_INDEX].resource.resourceType;

    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      const cipher = createTestCipher();
      const logger = mockServices.logger.mock();
      const auditor = mockServices.auditor.mock();
      const clock = new TestClock();
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
      const tasks = DatabaseCredentialTaskStore.create({
        db: knex,
        cipher,
      });
      const environmentService = new EnvironmentService({
        environments,
        credentials,
        syncTargets,
        logger,
        clientSettings: CLIENT_SETTINGS,
      });
      await environmentService.applyConfig(
        simulator.environments.map(env => ({
          id: env.id,
          title: env.id,
          discoverVcenters: false,
          rotateAfterReveal:
            env.id === 'east'
              ? { afterMinutes: 60, resourceTypes: [revealedType()] }
              : undefined,
          endpoints: {
            'sddc-manager': {
              baseUrl: env.sddcManagerUrl,
              ...env.sddcManagerServiceAccount,
              tls: { verify: true, ca: simulator.certificatePem },
              intervalMinutes: 30,
            },
          },
        })),
      );
      const dispatcher = new SyncDispatcher({
        store: syncTargets,
        runners: [
          new CredentialSyncRunner({
            environments,
            credentials,
            clientSettings: CLIENT_SETTINGS,
          }),
        ],
        logger,
        concurrency: 2,
        leaseSeconds: 60,
      });
      const syncs: Promise<void>[] = [];
      const notices: NotificationSendOptions[] = [];
      const notifier = new VcfNotifier({
        notifications: {
          send: async notice => {
            notices.push(notice);
          },
        },
        ledger: NotificationLedger.create({ db: knex }),
        settings: {
          enabled: true,
          syncFailureThreshold: 3,
          expiringWithinDays: 14,
          digestHourUtc: 7,
        },
        syncTargets,
        environments,
        credentials,
        logger,
      });
      const createLifecycle = (owner: string) =>
        new CredentialLifecycleService({
          environments,
          credentials,
          tasks,
          syncTargets,
          logger,
          clock,
          owner,
          clientSettings: CLIENT_SETTINGS,
          onSyncRequested: () => syncs.push(dispatcher.runDueTargets()),
          onTaskFinished: task => notifier.taskFinished(task),
        });
      const lifecycle = createLifecycle('replica-a');
      let decide: Decide = () => allow;
      const router = createRouter({
        logger: mockServices.logger.mock(),
        httpAuth: mockServices.httpAuth(),
        permissions: permissionsFrom(() => decide),
        environmentService,
        environments,
        credentials,
        syncTargets,
        auditStore,
        audit: new VcfAuditLog(auditor as any, auditStore),
        environmentFilter: createConditionTransformer(vcfEnvironmentRuleset),
        isEnvironmentAllowed: createConditionAuthorizer(vcfEnvironmentRuleset),
        credentialFilter: createConditionTransformer(vcfCredentialRuleset),
        isCredentialAllowed: createConditionAuthorizer(
          vcfCredentialRuleset,
        ) as any,
        onSyncRequested: () => {},
        credentialLifecycle: { lifecycle, tasks },
      });
      const app = express().use(router).use(mockErrorHandler());
      await syncTargets.requestAllRuns();
      await dispatcher.runDueTargets();

      /** Our row of a simulator credential. */
      const ours = async (
        environmentId: string,
        upstream: Credential,
      ): Promise<CredentialSummary> => {
        const page = await credentials.list({
          environmentId,
          query: {
            source: 'sddc-manager',
            q: upstream.resource.resourceName,
            limit: 500,
          },
        });
        return page.items.find(
          c =>
            c.username === upstream.username &&
            c.credentialType === upstream.credentialType,
        )!;
      };

      /** Polls (moving the clock) until the task ends, then waits for the re-sync it started. */
      const finish = async (
        taskId: string,
        poller = lifecycle,
      ): Promise<CredentialTask> => {
        for (let i = 0; i < 10; i++) {
          clock.advance(6_000);
          await poller.pollDueTasks();
          const task = await tasks.get(taskId);
          if (task && FINISHED_CREDENTIAL_TASK_STATUSES.includes(task.status)) {
            await Promise.all(syncs);
            return task;
          }
        }
        throw new Error(`Task ${taskId} did not end`);
      };

      /** Everything a password must never reach: logs, audit rows and auditor events. */
      const leakedText = async () =>
        JSON.stringify([
          ['debug', 'info', 'warn', 'error'].flatMap(
            level => (logger as any)[level].mock.calls,
          ),
          await auditStore.list({ offset: 0, limit: 500 }),
          (auditor as any).createEvent.mock.calls.map(
            (call: any[]) => call[0].meta,
          ),
        ]);

      return {
        app,
        knex,
        clock,
        tasks,
        credentials,
        auditStore,
        lifecycle,
        createLifecycle,
        ours,
        finish,
        leakedText,
        notices,
        deny: (name: string) => {
          decide = n => (n === name ? { result: AuthorizeResult.DENY } : allow);
        },
      };
    }

    it.each(['east', 'lab'])(
      'rotates a credential of %s: the task finishes, reveal gives the new password and history keeps the old one',
      async environmentId => {
        const { app, ours, finish, leakedText } = await setup();
        const upstream = simulator.listCredentials(environmentId)[3];
        const credential = await ours(environmentId, upstream);

        const started = await request(app)
          .post(`/credentials/${credential.id}/rotate`)
          .send({});
        expect(started.status).toBe(202);
        const task = await finish(started.body.taskId);
        expect(task).toMatchObject({
          environmentId,
          operation: 'rotate',
          status: 'SUCCESSFUL',
          errors: [],
          requestedBy: 'user:default/mock',
          items: [
            {
              credentialId: credential.id,
              username: upstream.username,
              status: 'SUCCESSFUL',
            },
          ],
        });

        const newPassword =
          simulator.listCredentials(environmentId)[3].password;
        expect(newPassword).not.toBe(upstream.password);
        const revealed = await request(app).post(
          `/credentials/${credential.id}/reveal`,
        );
        expect(revealed.body.password).toBe(newPassword);
        const history = await request(app).post(
          `/credentials/${credential.id}/history/reveal`,
        );
        expect(history.body.map((h: any) => h.password)).toContain(
          upstream.password,
        );

        const taskResponse = await request(app).get(
          `/credential-tasks/${task.id}`,
        );
        const listResponse = await request(app).get(
          `/credential-tasks?environmentId=${environmentId}`,
        );
        expect(
          listResponse.body.items.map((t: CredentialTask) => t.id),
        ).toEqual([task.id]);
        const catalog = await request(app)
          .get('/catalog-snapshot')
          .set('authorization', mockCredentials.service.header());
        expect(catalog.status).toBe(200);
        const visible = JSON.stringify([
          started.body,
          taskResponse.body,
          listResponse.body,
          catalog.body,
          await leakedText(),
        ]);
        expect(visible).not.toContain(upstream.password);
        expect(visible).not.toContain(newPassword);
      },
    );

    it('updates and remediates with the given password, which reaches no response, log or audit record', async () => {
      const { app, ours, finish, leakedText } = await setup();
      const [, , , , first, second] = simulator.listCredentials('east');
      const updated = await ours('east', first);
      const update = await request(app)
        .post(`/credentials/${updated.id}/update`)
        .send({ password: CANARY_UPDATE });
      expect(update.status).toBe(202);
      expect((await finish(update.body.taskId)).status).toBe('SUCCESSFUL');
      expect(
        (await request(app).post(`/credentials/${updated.id}/reveal`)).body
          .password,
      ).toBe(CANARY_UPDATE);

      const remediated = await ours('east', second);
      const remediate = await request(app)
        .post(`/credentials/${remediated.id}/remediate`)
        .send({ password: CANARY_REMEDIATE });
      expect((await finish(remediate.body.taskId)).status).toBe('SUCCESSFUL');
      expect(simulator.listCredentials('east')[5].password).toBe(
        CANARY_REMEDIATE,
      );

      const task = await request(app).get(
        `/credential-tasks/${update.body.taskId}`,
      );
      const visible = JSON.stringify([
        update.body,
        remediate.body,
        task.body,
        await leakedText(),
      ]);
      expect(visible).not.toContain(CANARY_UPDATE);
      expect(visible).not.toContain(CANARY_REMEDIATE);
    });

    it("shows SDDC Manager's refusal of a password without echoing it, and validates bodies strictly", async () => {
      const { app, ours, leakedText, tasks } = await setup();
      const credential = await ours(
        'east',
        simulator.listCredentials('east')[6],
      );
      const refused = await request(app)
        .post(`/credentials/${credential.id}/update`)
        .send({ password: 'Canary-weak' });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(
        /SDDC Manager refused PATCH \/v1\/credentials: .*15 to 20 characters/,
      );
      expect(JSON.stringify(refused.body)).not.toContain('Canary-weak');
      expect(await leakedText()).not.toContain('Canary-weak');
      expect(
        (await tasks.list({ environmentId: 'east', offset: 0, limit: 10 }))
          .totalCount,
      ).toBe(0);

      const extra = await request(app)
        .post(`/credentials/${credential.id}/update`)
        .send({ password: 'Canary!Extra42xy', echo: true });
      expect(extra.status).toBe(400);
      expect(JSON.stringify(extra.body)).not.toContain('Canary!Extra42xy');
      expect(
        (await request(app).post('/credentials/nope/rotate').send({})).status,
      ).toBe(404);
      expect((await request(app).get('/credential-tasks/nope')).status).toBe(
        404,
      );
      expect(
        (
          await request(app).get(
            '/credential-tasks?environmentId=east&limit=1e2',
          )
        ).status,
      ).toBe(400);
      expect(
        (
          await request(app)
            .put(`/credentials/${credential.id}/auto-rotate-policy`)
            .send({ enabled: true })
        ).status,
      ).toBe(400);
    });

    it('changes the auto-rotate policy through SDDC Manager', async () => {
      const { app, ours, finish } = await setup();
      const upstream = simulator.listCredentials('east')[7];
      const credential = await ours('east', upstream);
      const started = await request(app)
        .put(`/credentials/${credential.id}/auto-rotate-policy`)
        .send({ enabled: true, frequencyInDays: 45 });
      expect(started.status).toBe(202);
      expect(await finish(started.body.taskId)).toMatchObject({
        operation: 'auto-rotate-policy',
        status: 'SUCCESSFUL',
      });
      expect(
        simulator.listCredentials('east')[7].autoRotatePolicy?.frequencyInDays,
      ).toBe(45);
      // The re-sync after the task brings the policy into the credential list.
      expect((await ours('east', upstream)).autoRotate).toEqual({
        frequencyInDays: 45,
        nextRotationAt:
          simulator.listCredentials('east')[7].autoRotatePolicy?.nextSchedule,
      });
    });

    it('rotates several credentials in one SDDC Manager task and refuses credentials of another environment', async () => {
      const { app, ours, finish } = await setup();
      const [a, b] = [
        simulator.listCredentials('east')[8],
        simulator.listCredentials('east')[9],
      ];
      const ids = [(await ours('east', a)).id, (await ours('east', b)).id];
      const started = await request(app)
        .post('/environments/east/credentials/rotate')
        .send({ credentialIds: ids });
      expect(started.status).toBe(202);
      const task = await finish(started.body.taskId);
      expect(task.items.map(i => i.status)).toEqual([
        'SUCCESSFUL',
        'SUCCESSFUL',
      ]);
      expect(simulator.listCredentials('east')[8].password).not.toBe(
        a.password,
      );
      expect(simulator.listCredentials('east')[9].password).not.toBe(
        b.password,
      );

      const foreign = (await ours('lab', simulator.listCredentials('lab')[0]))
        .id;
      const mixed = await request(app)
        .post('/environments/east/credentials/rotate')
        .send({ credentialIds: [ids[0], foreign] });
      expect(mixed.status).toBe(404);
    });

    it("runs an expiry check whose result updates each credential's expiry", async () => {
      const { app, ours, finish } = await setup();
      const upstream = simulator.listCredentials('east')[10];
      simulator.setCredentialExpiry('east', upstream.id, {
        status: 'EXPIRED',
        expiryDate: '2026-11-30T00:00:00.000Z',
      });
      expect((await ours('east', upstream)).expiryStatus).not.toBe('EXPIRED');
      const started = await request(app)
        .post('/environments/east/expiry-check')
        .send();
      expect(started.status).toBe(202);
      expect(await finish(started.body.taskId)).toMatchObject({
        operation: 'expiry-check',
        status: 'SUCCESSFUL',
      });
      expect(await ours('east', upstream)).toMatchObject({
        expiryStatus: 'EXPIRED',
        expiryDate: '2026-11-30T00:00:00.000Z',
      });
    });

    it("shows a failed task's error, keeps the password, and retries or cancels it", async () => {
      const { app, ours, finish, auditStore } = await setup();
      const upstream = simulator.listCredentials('east')[11];
      const credential = await ours('east', upstream);
      simulator.setFaults(
        { credentialTaskOutcome: 'FAILED' },
        { environmentId: 'east' },
      );
      const started = await request(app)
        .post(`/credentials/${credential.id}/rotate`)
        .send({});
      const failed = await finish(started.body.taskId);
      expect(failed.status).toBe('FAILED');
      expect(failed.errors[0]).toMatch(
        /Failed to rotate the password of .* the resource refused/,
      );
      expect(
        (await request(app).post(`/credentials/${credential.id}/reveal`)).body
          .password,
      ).toBe(upstream.password);

      simulator.setFaults(
        { credentialTaskOutcome: 'SUCCESSFUL' },
        { environmentId: 'east' },
      );
      expect(
        (await request(app).post(`/credential-tasks/${failed.id}/retry`))
          .status,
      ).toBe(202);
      expect((await finish(failed.id)).status).toBe('SUCCESSFUL');
      expect(
        (await request(app).post(`/credentials/${credential.id}/reveal`)).body
          .password,
      ).toBe(simulator.listCredentials('east')[11].password);
      expect(
        (await request(app).post(`/credential-tasks/${failed.id}/cancel`))
          .status,
      ).toBe(409);

      simulator.setFaults(
        { credentialTaskOutcome: 'FAILED' },
        { environmentId: 'east' },
      );
      const second = await request(app)
        .post(`/credentials/${credential.id}/rotate`)
        .send({});
      await finish(second.body.taskId);
      expect(
        (
          await request(app).post(
            `/credential-tasks/${second.body.taskId}/cancel`,
          )
        ).status,
      ).toBe(202);
      expect(
        (await request(app).get(`/credential-tasks/${second.body.taskId}`)).body
          .status,
      ).toBe('USER_CANCELLED');

      const actions = (
        await auditStore.list({ offset: 0, limit: 100 })
      ).items.map(e => `${e.action}:${e.result}`);
      expect(actions).toEqual(
        expect.arrayContaining([
          'credential.rotate:succeeded',
          'credential-task.retry:succeeded',
          'credential-task.cancel:succeeded',
        ]),
      );
    });

    it('ends an INCONSISTENT task with the error text and no password change', async () => {
      const { app, ours, finish } = await setup();
      const upstream = simulator.listCredentials('east')[12];
      const credential = await ours('east', upstream);
      simulator.setFaults(
        { credentialTaskOutcome: 'INCONSISTENT' },
        { environmentId: 'east' },
      );
      const started = await request(app)
        .post(`/credentials/${credential.id}/rotate`)
        .send({});
      const task = await finish(started.body.taskId);
      expect(task.status).toBe('INCONSISTENT');
      expect(task.errors[0]).toMatch(/remediate/);
      expect(simulator.listCredentials('east')[12].password).toBe(
        upstream.password,
      );
    });

    it('finishes a task although the access token expired between two polls', async () => {
      const { app, ours, finish, lifecycle, clock, tasks } = await setup();
      const credential = await ours(
        'east',
        simulator.listCredentials('east')[13],
      );
      const started = await request(app)
        .post(`/credentials/${credential.id}/rotate`)
        .send({});
      clock.advance(6_000);
      await lifecycle.pollDueTasks();
      expect((await tasks.get(started.body.taskId))?.status).toBe(
        'IN_PROGRESS',
      );
      simulator.expireAccessTokens('east');
      expect((await finish(started.body.taskId)).status).toBe('SUCCESSFUL');
    });

    it('lets exactly one of two replicas poll a task', async () => {
      const { app, ours, createLifecycle, clock, tasks, finish } =
        await setup();
      simulator.setFaults(
        { credentialTaskPolls: 1 },
        { environmentId: 'east' },
      );
      const credential = await ours(
        'east',
        simulator.listCredentials('east')[14],
      );
      const started = await request(app)
        .post(`/credentials/${credential.id}/rotate`)
        .send({});
      const [a, b] = [
        createLifecycle('replica-1'),
        createLifecycle('replica-2'),
      ];
      clock.advance(6_000);
      await Promise.all([
        a.pollDueTasks(),
        b.pollDueTasks(),
        a.pollDueTasks(),
        b.pollDueTasks(),
      ]);
      // One poll only: with two, the simulator would already have finished the task.
      expect((await tasks.get(started.body.taskId))?.status).toBe(
        'IN_PROGRESS',
      );
      expect((await finish(started.body.taskId, b)).status).toBe('SUCCESSFUL');
    });

    it('tells whoever started a task how it ended, once per ending, when two replicas poll it', async () => {
      const { app, ours, createLifecycle, clock, tasks, notices } =
        await setup();
      const upstream = simulator.listCredentials('east')[15];
      const credential = await ours('east', upstream);
      simulator.setFaults(
        { credentialTaskOutcome: 'FAILED' },
        { environmentId: 'east' },
      );
      const started = await request(app)
        .post(`/credentials/${credential.id}/rotate`)
        .send({});
      const replicas = [
        createLifecycle('replica-1'),
        createLifecycle('replica-2'),
      ];
      const pollUntilFinished = async () => {
        for (let i = 0; i < 10; i++) {
          clock.advance(6_000);
          await Promise.all(replicas.map(r => r.pollDueTasks()));
          const task = await tasks.get(started.body.taskId);
          if (task && FINISHED_CREDENTIAL_TASK_STATUSES.includes(task.status))
            return task;
        }
        throw new Error('The task did not end');
      };
      expect((await pollUntilFinished()).status).toBe('FAILED');
      expect(notices).toEqual([
        {
          recipients: { type: 'entity', entityRef: 'user:default/mock' },
          payload: expect.objectContaining({
            title: `Password rotation of ${upstream.username}@${upstream.resource.resourceName} failed`,
            link: '/vcf/environments/east/credential-tasks',
            topic: 'vcf-credential-task',
          }),
        },
      ]);

      simulator.setFaults(
        { credentialTaskOutcome: 'SUCCESSFUL' },
        { environmentId: 'east' },
      );
      await request(app).post(`/credential-tasks/${started.body.taskId}/retry`);
      expect((await pollUntilFinished()).status).toBe('SUCCESSFUL');
      expect(notices.map(n => n.payload.title)).toEqual([
        expect.stringMatching(/failed$/),
        expect.stringMatching(/succeeded$/),
      ]);
      const newPassword = simulator.listCredentials('east')[15].password;
      expect(JSON.stringify(notices)).not.toContain(upstream.password);
      expect(JSON.stringify(notices)).not.toContain(newPassword);
    });

    it('denies a caller without vcf.credential.rotate and audits the denial', async () => {
      const { app, ours, deny, auditStore, tasks } = await setup();
      deny('vcf.credential.rotate');
      const credential = await ours(
        'east',
        simulator.listCredentials('east')[15],
      );
      expect(
        (
          await request(app)
            .post(`/credentials/${credential.id}/rotate`)
            .send({})
        ).status,
      ).toBe(403);
      expect(
        (
          await request(app)
            .post(`/credentials/${credential.id}/update`)
            .send({ password: CANARY_UPDATE })
        ).status,
      ).toBe(403);
      expect(
        (await request(app).post('/environments/east/expiry-check').send())
          .status,
      ).toBe(403);
      const other = await ours('east', simulator.listCredentials('east')[16]);
      const bulk = await request(app)
        .post('/environments/east/credentials/rotate')
        .send({ credentialIds: [credential.id, other.id] });
      expect(bulk.status).toBe(403);
      expect(bulk.body.error.message).toBe(
        'You are not allowed to change 2 of these credentials (vcf.credential.rotate)',
      );
      const rows = (await auditStore.list({ offset: 0, limit: 100 })).items;
      expect(
        rows.filter(
          r => r.action === 'credential.rotate' && r.result === 'denied',
        ),
      ).toHaveLength(2);
      expect(rows.map(r => `${r.action}:${r.result}`)).toEqual(
        expect.arrayContaining([
          'credential.rotate:denied',
          'credential.update:denied',
          'credential.expiry-check:denied',
        ]),
      );
      expect(JSON.stringify(rows)).not.toContain(CANARY_UPDATE);
      expect(
        (await tasks.list({ environmentId: 'east', offset: 0, limit: 10 }))
          .totalCount,
      ).toBe(0);
    });

    describe('rotate-after-reveal', () => {
      const esxiIndex = () => REVEALED_INDEX;

      it('schedules one rotation per reveal, pushes it back on a second reveal, and runs it once after the delay', async () => {
        const { app, ours, clock, lifecycle, createLifecycle, tasks, finish } =
          await setup();
        const index = esxiIndex();
        const upstream = simulator.listCredentials('east')[index];
        const credential = await ours('east', upstream);

        const first = await request(app).post(
          `/credentials/${credential.id}/reveal`,
        );
        expect(first.body.rotatesAt).toBe(
          new Date(clock.now().getTime() + 60 * 60_000).toISOString(),
        );
        clock.advance(10 * 60_000);
        const second = await request(app).post(
          `/credentials/${credential.id}/reveal`,
        );
        const schedules = await request(app).get(
          '/environments/east/credential-schedules',
        );
        expect(schedules.body).toEqual([
          { credentialId: credential.id, rotatesAt: second.body.rotatesAt },
        ]);

        // 55 minutes after the first reveal, the pushed-back rotation is not due yet.
        clock.advance(55 * 60_000);
        await lifecycle.runDueRotations();
        expect(
          (await tasks.list({ environmentId: 'east', offset: 0, limit: 10 }))
            .totalCount,
        ).toBe(0);

        // Due now; two replicas try at once, one starts it.
        clock.advance(6 * 60_000);
        await Promise.all([
          createLifecycle('replica-1').runDueRotations(),
          createLifecycle('replica-2').runDueRotations(),
        ]);
        await lifecycle.runDueRotations();
        const started = await tasks.list({
          environmentId: 'east',
          offset: 0,
          limit: 10,
        });
        expect(started.items).toEqual([
          expect.objectContaining({
            operation: 'rotate',
            requestedBy: ROTATE_AFTER_REVEAL_REQUESTER,
            items: [expect.objectContaining({ credentialId: credential.id })],
          }),
        ]);
        expect(
          (await request(app).get('/environments/east/credential-schedules'))
            .body,
        ).toEqual([]);
        expect((await finish(started.items[0].id)).status).toBe('SUCCESSFUL');
      });

      it('keeps the schedule over a restart and leaves other resource types alone', async () => {
        const { app, ours, clock, createLifecycle, tasks, finish } =
          await setup();
        const upstream = simulator.listCredentials('east')[esxiIndex()];
        const credential = await ours('east', upstream);
        await request(app).post(`/credentials/${credential.id}/reveal`);
        const other = simulator
          .listCredentials('east')
          .find(c => c.resource.resourceType !== revealedType())!;
        const notScheduled = await request(app).post(
          `/credentials/${(await ours('east', other)).id}/reveal`,
        );
        expect(notScheduled.body.rotatesAt).toBeUndefined();

        // A new instance (as after a restart) finds the schedule in the database.
        clock.advance(61 * 60_000);
        const restarted = createLifecycle('after-restart');
        await restarted.runDueRotations();
        const [task] = (
          await tasks.list({ environmentId: 'east', offset: 0, limit: 10 })
        ).items;
        expect(task.items.map(i => i.credentialId)).toEqual([credential.id]);
        expect((await finish(task.id, restarted)).status).toBe('SUCCESSFUL');
        expect(
          (await request(app).post(`/credentials/${credential.id}/reveal`)).body
            .password,
        ).toBe(simulator.listCredentials('east')[esxiIndex()].password);
      });
    });
  },
);

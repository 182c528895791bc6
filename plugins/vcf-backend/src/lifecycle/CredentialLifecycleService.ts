import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  FINISHED_CREDENTIAL_TASK_STATUSES,
  type AutoRotatePolicyInput,
  type CredentialOperation,
  type CredentialTask,
  type CredentialTaskStatus,
} from '@vcf-backstage/plugin-vcf-common';
import { SddcManagerClient } from '../clients/vcf/SddcManagerClient';
import { UpstreamError } from '../http/UpstreamError';
import type {
  SddcCredentialChange,
  SddcOperationType,
} from '../clients/vcf/sddcCredentialOperations';
import {
  createSourceClient,
  credentialTargetId,
  type VcfClientSettings,
} from '../credentials/CredentialSyncRunner';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { CredentialResource } from '../permissions/resourceRefs';
import type { SyncTargetStore } from '../sync/SyncTargetStore';
import type {
  ClaimedCredentialTask,
  CredentialTaskStore,
} from './CredentialTaskStore';

/**
 * Who a rotation scheduled by rotate-after-reveal is requested by.
 * @internal
 */
export const ROTATE_AFTER_REVEAL_REQUESTER = 'vcf:rotate-after-reveal';

/**
 * A source of the current time, injectable so that tests move time instead of sleeping.
 * @internal
 */
export interface Clock {
  now(): Date;
}

const systemClock: Clock = { now: () => new Date() };

const OPERATION_TYPES: Record<
  Exclude<CredentialOperation, 'expiry-check'>,
  SddcOperationType
> = {
  rotate: 'ROTATE',
  update: 'UPDATE',
  remediate: 'REMEDIATE',
  'auto-rotate-policy': 'UPDATE_AUTO_ROTATE_POLICY',
};

/** The change a task sent, as stored (encrypted) for a retry. */
interface StoredChange {
  change: SddcCredentialChange;
}

/**
 * A password operation to start.
 * @internal
 */
export interface CredentialOperationRequest {
  operation: Exclude<CredentialOperation, 'expiry-check'>;
  credentials: CredentialResource[];
  /** The new password of an update or remediation: sent to SDDC Manager, kept encrypted for a retry, nowhere else. */
  password?: string;
  autoRotatePolicy?: AutoRotatePolicyInput;
  requestedBy: string;
}

/**
 * Options of the {@link CredentialLifecycleService}.
 * @internal
 */
export interface CredentialLifecycleServiceOptions {
  environments: EnvironmentStore;
  credentials: CredentialStore;
  tasks: CredentialTaskStore;
  syncTargets: SyncTargetStore;
  logger: LoggerService;
  /** Starts the sync dispatcher after a successful task made an environment's credentials due. */
  onSyncRequested: () => void;
  /**
   * Called once a task reached a final state (succeeded, failed, inconsistent, cancelled), by the instance that
   * recorded it; e.g. to tell the user who started it. Its failure is logged and does not affect the task.
   */
  onTaskFinished?: (task: CredentialTask) => Promise<void>;
  clientSettings?: VcfClientSettings;
  clock?: Clock;
  /** Seconds between two polls of a running task (default 5). */
  pollIntervalSeconds?: number;
  /** Lease on a task while one instance polls it (default 60). */
  leaseSeconds?: number;
  /** Identifies this backend instance in leases. */
  owner: string;
}

/**
 * SDDC Manager refusing a request (4xx) is the caller's problem and keeps SDDC Manager's reason (400); SDDC Manager
 * being unreachable or failing is a 503. Messages never carry a password (see {@link UpstreamError}).
 */
function toApiError(error: unknown): Error {
  if (!(error instanceof UpstreamError)) return error as Error;
  if (error.kind === 'http' && error.status && error.status < 500)
    return new InputError(error.message);
  return new ServiceUnavailableError(error.message);
}

function readableError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > 1000 ? `${message.slice(0, 1000)}…` : message;
}

/**
 * Credential operations through SDDC Manager: starts rotations, updates, remediations, auto-rotate policy changes
 * and expiry checks, records each as a task, polls the tasks under a lease (one instance per task), re-syncs an
 * environment's SDDC Manager credentials when a task succeeds, and runs the rotations that rotate-after-reveal
 * schedules. We never change a password ourselves: the new one arrives through the normal sync.
 * @internal
 */
export class CredentialLifecycleService {
  private readonly clock: Clock;
  private readonly pollIntervalMs: number;
  private readonly leaseSeconds: number;

  constructor(private readonly options: CredentialLifecycleServiceOptions) {
    this.clock = options.clock ?? systemClock;
    this.pollIntervalMs = (options.pollIntervalSeconds ?? 5) * 1000;
    this.leaseSeconds = options.leaseSeconds ?? 60;
  }

  /** Starts a password operation on credentials of one environment; returns our task id. */
  async startOperation(request: CredentialOperationRequest): Promise<string> {
    const { credentials } = request;
    if (credentials.length === 0)
      throw new InputError('No credentials to change');
    const environmentId = credentials[0].environmentId;
    for (const credential of credentials) {
      if (credential.environmentId !== environmentId) {
        throw new InputError(
          'All credentials of one operation must belong to the same environment',
        );
      }
      if (credential.source !== 'sddc-manager') {
        throw new InputError(
          `Credential ${credential.username} on ${credential.resourceName} comes from the VCF Installer: only SDDC Manager credentials can be changed`,
        );
      }
      if (credential.removedAt) {
        throw new InputError(
          `Credential ${credential.username} on ${credential.resourceName} was removed from SDDC Manager`,
        );
      }
    }
    const busy = await this.options.tasks.busyCredentials(
      credentials.map(c => c.id),
    );
    if (busy.length) {
      throw new ConflictError(
        `A task is already running for ${busy.length} of these credentials; wait until it ends`,
      );
    }
    const change: SddcCredentialChange = {
      operationType: OPERATION_TYPES[request.operation],
      credentials: credentials.map(c => ({
        resourceName: c.resourceName,
        resourceType: c.resourceType,
        username: c.username,
        credentialType: c.credentialType,
        accountType: c.accountType,
      })),
      ...(request.password !== undefined ? { password: request.password } : {}),
      ...(request.autoRotatePolicy
        ? { autoRotatePolicy: request.autoRotatePolicy }
        : {}),
    };
    const upstreamId = await this.withClient(environmentId, client =>
      client.startCredentialChange(change),
    );
    return this.options.tasks.add(
      {
        environmentId,
        operation: request.operation,
        upstreamIds: [upstreamId],
        change: { change } satisfies StoredChange,
        requestedBy: request.requestedBy,
        items: credentials.map(c => ({
          credentialId: c.id,
          resourceName: c.resourceName,
          username: c.username,
        })),
      },
      this.clock.now(),
    );
  }

  /** Starts an expiry check of every current SDDC Manager credential of an environment (one check per resource type). */
  async startExpiryCheck(
    environmentId: string,
    credentials: CredentialResource[],
    requestedBy: string,
  ): Promise<string> {
    const current = credentials.filter(
      c => c.source === 'sddc-manager' && !c.removedAt,
    );
    if (!current.length)
      throw new InputError(
        `Environment ${environmentId} has no SDDC Manager credentials to check`,
      );
    const resourceTypes = [...new Set(current.map(c => c.resourceType))].sort();
    const upstreamIds = await this.withClient(environmentId, async client => {
      const ids: string[] = [];
      for (const resourceType of resourceTypes)
        ids.push(await client.startExpirationCheck({ resourceType }));
      return ids;
    });
    return this.options.tasks.add(
      {
        environmentId,
        operation: 'expiry-check',
        upstreamIds,
        requestedBy,
        items: current.map(c => ({
          credentialId: c.id,
          resourceName: c.resourceName,
          username: c.username,
        })),
      },
      this.clock.now(),
    );
  }

  /** Retries a failed task with the change it sent (SDDC Manager retries failed tasks only). */
  async retry(taskId: string): Promise<void> {
    const task = await this.requireTask(taskId);
    if (task.status !== 'FAILED' || task.operation === 'expiry-check') {
      throw new ConflictError(
        `Only a failed operation can be retried; this task is ${task.status}`,
      );
    }
    const stored = await this.options.tasks.readChange<StoredChange>(taskId);
    const upstreamId = await this.upstreamIdOf(taskId);
    await this.withClient(task.environmentId, client =>
      client.retryCredentialTask(upstreamId, stored!.change),
    );
    const now = this.clock.now();
    await this.options.tasks.recordProgress(taskId, undefined, {
      status: 'IN_PROGRESS',
      errors: [],
      nextPollAt: now,
    });
  }

  /** Cancels a failed task. */
  async cancel(taskId: string): Promise<void> {
    const task = await this.requireTask(taskId);
    if (task.status !== 'FAILED' || task.operation === 'expiry-check') {
      throw new ConflictError(
        `Only a failed operation can be cancelled; this task is ${task.status}`,
      );
    }
    const upstreamId = await this.upstreamIdOf(taskId);
    await this.withClient(task.environmentId, client =>
      client.cancelCredentialTask(upstreamId),
    );
    await this.options.tasks.recordProgress(taskId, undefined, {
      status: 'USER_CANCELLED',
      errors: task.errors,
      completedAt: this.clock.now(),
    });
    await this.announceFinished(taskId);
  }

  /**
   * Polls every task whose next poll is due and that no other instance holds. Called on a short schedule by every
   * instance; the lease makes sure each task is polled by one of them.
   */
  async pollDueTasks(): Promise<void> {
    const now = this.clock.now();
    const claimed = await this.options.tasks.claimDue({
      owner: this.options.owner,
      limit: 20,
      leaseSeconds: this.leaseSeconds,
      now,
    });
    for (const task of claimed) {
      try {
        await this.pollTask(task);
      } catch (error) {
        // SDDC Manager unreachable or refusing: keep the task's state, try again at the next poll.
        this.options.logger.warn('Could not poll a credential task', {
          taskId: task.id,
          error: readableError(error),
        });
        await this.options.tasks.recordProgress(task.id, this.options.owner, {
          status: task.status,
          errors: [],
          nextPollAt: new Date(
            this.clock.now().getTime() + this.pollIntervalMs,
          ),
        });
      }
    }
  }

  /**
   * Rotate-after-reveal: called after a password was revealed. When the environment opted in for the credential's
   * resource type, schedules (or pushes back) its one rotation. Returns when it is due, if scheduled.
   */
  async noteReveal(
    credential: CredentialResource,
    actor: string,
  ): Promise<Date | undefined> {
    if (credential.source !== 'sddc-manager') return undefined;
    const settings = (
      await this.options.environments.get(credential.environmentId)
    )?.rotateAfterReveal;
    if (!settings) return undefined;
    if (!settings.resourceTypes.includes(credential.resourceType))
      return undefined;
    const dueAt = new Date(
      this.clock.now().getTime() + settings.afterMinutes * 60_000,
    );
    await this.options.tasks.scheduleRotation({
      credentialId: credential.id,
      environmentId: credential.environmentId,
      dueAt,
      scheduledBy: actor,
    });
    return dueAt;
  }

  /** Starts the scheduled rotations that are due, each on one instance (leased). */
  async runDueRotations(): Promise<void> {
    const { owner } = this.options;
    const claimed = await this.options.tasks.claimDueRotations({
      owner,
      limit: 20,
      leaseSeconds: this.leaseSeconds,
      now: this.clock.now(),
    });
    for (const rotation of claimed) {
      const credential = await this.options.credentials.get(
        rotation.credentialId,
      );
      try {
        if (credential && !credential.removedAt) {
          await this.startOperation({
            operation: 'rotate',
            credentials: [credential],
            requestedBy: ROTATE_AFTER_REVEAL_REQUESTER,
          });
          this.options.logger.info('Rotated a revealed credential', {
            credentialId: rotation.credentialId,
            revealedBy: rotation.scheduledBy,
          });
        }
        await this.options.tasks.completeRotation(rotation.credentialId, owner);
      } catch (error) {
        this.options.logger.warn(
          'Could not start a scheduled rotation; it is tried again later',
          {
            credentialId: rotation.credentialId,
            error: readableError(error),
          },
        );
        await this.options.tasks.postponeRotation(
          rotation.credentialId,
          owner,
          new Date(this.clock.now().getTime() + 5 * 60_000),
        );
      }
    }
  }

  private async pollTask(task: ClaimedCredentialTask): Promise<void> {
    const { tasks } = this.options;
    if (task.operation === 'expiry-check') {
      await this.pollExpiryCheck(task);
      return;
    }
    const upstream = await this.withClient(task.environmentId, client =>
      client.getCredentialTask(task.upstreamIds[0]),
    );
    const finished = FINISHED_CREDENTIAL_TASK_STATUSES.includes(
      upstream.status,
    );
    const itemStatuses = new Map<string, CredentialTaskStatus>();
    for (const item of task.items) {
      const subTask = upstream.subTasks.find(
        s =>
          s.resourceName === item.resourceName && s.username === item.username,
      );
      if (subTask) itemStatuses.set(item.credentialId, subTask.status);
    }
    const now = this.clock.now();
    const recorded = await tasks.recordProgress(task.id, this.options.owner, {
      status: upstream.status,
      errors: upstream.errors,
      itemStatuses,
      completedAt: finished ? now : undefined,
      nextPollAt: finished
        ? undefined
        : new Date(now.getTime() + this.pollIntervalMs),
    });
    // Rotations, updates and remediations bring new passwords, policy changes a new policy: both arrive by sync.
    if (recorded && upstream.status === 'SUCCESSFUL') {
      await this.resyncCredentials(task.environmentId, task.id);
    }
    if (recorded && finished) await this.announceFinished(task.id);
  }

  private async pollExpiryCheck(task: ClaimedCredentialTask): Promise<void> {
    const checks = await this.withClient(task.environmentId, async client => {
      const results = [];
      for (const id of task.upstreamIds)
        results.push(await client.getExpirationCheck(id));
      return results;
    });
    const now = this.clock.now();
    if (checks.some(c => c.status === 'IN_PROGRESS')) {
      await this.options.tasks.recordProgress(task.id, this.options.owner, {
        status: 'IN_PROGRESS',
        errors: [],
        nextPollAt: new Date(now.getTime() + this.pollIntervalMs),
      });
      return;
    }
    const failed = checks.filter(c => c.status === 'FAILED').length;
    const updated = await this.options.credentials.applyExpiryCheck({
      environmentId: task.environmentId,
      results: checks.flatMap(c => c.results),
    });
    const recorded = await this.options.tasks.recordProgress(
      task.id,
      this.options.owner,
      {
        status: failed ? 'FAILED' : 'SUCCESSFUL',
        errors: failed
          ? [
              `SDDC Manager could not check ${failed} of ${checks.length} resource types`,
            ]
          : [],
        completedAt: now,
      },
    );
    this.options.logger.info('Credential expiry check finished', {
      taskId: task.id,
      updated,
    });
    if (recorded) await this.announceFinished(task.id);
  }

  /** Hands the finished task to `onTaskFinished`; a failure there never fails the task. */
  private async announceFinished(taskId: string): Promise<void> {
    const { onTaskFinished, logger } = this.options;
    if (!onTaskFinished) return;
    try {
      const task = await this.options.tasks.get(taskId);
      if (task) await onTaskFinished(task);
    } catch (error) {
      logger.warn('Could not announce a finished credential task', {
        taskId,
        error: readableError(error),
      });
    }
  }

  private async resyncCredentials(environmentId: string, taskId: string) {
    await this.options.syncTargets.requestRun(
      credentialTargetId(environmentId, 'sddc-manager'),
      `credential-task:${taskId}`,
    );
    this.options.onSyncRequested();
  }

  private async requireTask(taskId: string) {
    const task = await this.options.tasks.get(taskId);
    if (!task)
      throw new NotFoundError(`No credential task with the id "${taskId}"`);
    return task;
  }

  private async upstreamIdOf(taskId: string): Promise<string> {
    const [upstreamId] = await this.options.tasks.upstreamIds(taskId);
    if (!upstreamId)
      throw new NotFoundError(`No credential task with the id "${taskId}"`);
    return upstreamId;
  }

  private async withClient<T>(
    environmentId: string,
    use: (client: SddcManagerClient) => Promise<T>,
  ): Promise<T> {
    const endpoint = await this.options.environments.getEndpointWithPassword(
      environmentId,
      'sddc-manager',
    );
    if (!endpoint)
      throw new InputError(
        `Environment ${environmentId} has no SDDC Manager endpoint`,
      );
    const client = createSourceClient(
      'sddc-manager',
      endpoint,
      this.options.clientSettings ?? {},
      this.options.logger,
    );
    if (!(client instanceof SddcManagerClient))
      throw new Error('Expected an SDDC Manager client');
    try {
      return await use(client);
    } catch (error) {
      throw toApiError(error);
    } finally {
      await client.close();
    }
  }
}

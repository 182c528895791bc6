import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SyncRun } from '@vcf-backstage/plugin-vcf-common';
import type {
  SyncTarget,
  SyncTargetKind,
  SyncTargetStore,
} from './SyncTargetStore';
import type { SyncRunner } from './SyncRunner';
import {
  STARTUP_REQUESTER,
  instanceOwnerPrefix,
} from './DatabaseSyncTargetStore';
import { describeError } from '../errors/describeError';
import { PersistedSyncProgressReporter } from './SyncProgressReporter';

/**
 * Options of the {@link SyncDispatcher}.
 * @internal
 */
export interface SyncDispatcherOptions {
  store: SyncTargetStore;
  runners: SyncRunner[];
  logger: LoggerService;
  /** Targets synced at the same time by this instance. */
  concurrency: number;
  /** Lease length; renewed every third of it while a run goes on. */
  leaseSeconds: number;
  /**
   * What identifies this backend instance across restarts (`vcf.sync.instanceId`, by default the host name). Two
   * replicas must not share it.
   */
  instanceId?: string;
  /** Called after each run (audit, metrics). */
  onRunFinished?: (event: {
    target: SyncTarget;
    trigger: SyncRun['trigger'];
    triggeredBy?: string;
    status: 'succeeded' | 'failed';
    counts?: Record<string, number>;
    error?: string;
    durationMs: number;
  }) => void | Promise<void>;
}

/** Sync errors are shown to users: a database error names its cause, never the statement. */
const readableError = describeError;

/**
 * Runs due sync targets. Every backend instance runs one; the lease rows in the database make sure a target is
 * synced by one instance at a time, and a target whose instance died is picked up once its lease expires.
 * `coreServices.scheduler` calls {@link SyncDispatcher.runDueTargets} on a short interval.
 * @internal
 */
export class SyncDispatcher {
  /** What identifies this backend instance across restarts. */
  readonly instanceId: string;
  /** Identifies this process of the instance in leases and run rows: `<instance id>/<pid>:<random>`. */
  readonly owner: string;
  private readonly runners: Map<SyncTargetKind, SyncRunner>;
  private readonly active = new Set<Promise<void>>();
  private draining?: Promise<void>;
  /** Set when a run was requested during a drain, so the drain claims once more before it stops. */
  private wakeUpRequested = false;
  /** Ends the drain's wait for a running sync when a run is requested ("Sync now" while another target syncs). */
  private wakeUp?: () => void;

  constructor(private readonly options: SyncDispatcherOptions) {
    this.runners = new Map(options.runners.map(r => [r.kind, r]));
    this.instanceId = options.instanceId ?? hostname();
    this.owner = `${instanceOwnerPrefix(this.instanceId)}${
      process.pid
    }:${randomBytes(3).toString('hex')}`;
  }

  /**
   * Call once at startup, before the first {@link SyncDispatcher.runDueTargets}: ends the runs an earlier process
   * of this instance left open (it was killed or crashed), so they show as interrupted now rather than when their
   * lease expires. Runs of other instances are recovered when their lease expires.
   */
  async interruptEarlierRuns(): Promise<void> {
    const released = await this.options.store.interruptRunsOfEarlierInstance({
      instanceId: this.instanceId,
      owner: this.owner,
    });
    if (released.length) {
      this.options.logger.warn(
        'Ended sync runs an earlier process of this instance left running',
        {
          targets: released.join(', '),
        },
      );
    }
  }

  /**
   * Claims and runs due targets, with at most `concurrency` at once, until none is due. Concurrent calls share
   * the same drain instead of starting a second one.
   */
  runDueTargets(): Promise<void> {
    if (this.draining) {
      this.wakeUpRequested = true;
      this.wakeUp?.();
    } else {
      this.draining = this.drain().finally(() => {
        this.draining = undefined;
      });
    }
    return this.draining;
  }

  private async drain(): Promise<void> {
    const { store, concurrency, leaseSeconds, logger } = this.options;
    this.wakeUpRequested = false;
    for (;;) {
      const free = concurrency - this.active.size;
      if (free > 0) {
        let claimed: SyncTarget[] = [];
        try {
          claimed = await store.claimDueTargets({
            owner: this.owner,
            limit: free,
            leaseSeconds,
          });
        } catch (error) {
          logger.error('Could not claim due sync targets', {
            error: readableError(error),
          });
        }
        for (const target of claimed) {
          const run = this.runTarget(target).finally(() =>
            this.active.delete(run),
          );
          this.active.add(run);
        }
        if (claimed.length === 0 && this.active.size === 0) {
          if (!this.wakeUpRequested) return;
          this.wakeUpRequested = false;
          continue;
        }
        if (claimed.length === 0) {
          // A slot is free: claim again as soon as a run ends or another run is requested.
          await this.runEndOrRequest();
          continue;
        }
      }
      if (this.active.size >= concurrency) await Promise.race(this.active);
    }
  }

  /** Resolves when one of the active runs ends or {@link SyncDispatcher.runDueTargets} is called again. */
  private async runEndOrRequest(): Promise<void> {
    if (this.wakeUpRequested) {
      this.wakeUpRequested = false;
      return;
    }
    const requested = new Promise<void>(resolve => {
      this.wakeUp = resolve;
    });
    try {
      await Promise.race([...this.active, requested]);
    } finally {
      this.wakeUp = undefined;
      this.wakeUpRequested = false;
    }
  }

  private async runTarget(target: SyncTarget): Promise<void> {
    const { store, logger, leaseSeconds } = this.options;
    const runner = this.runners.get(target.kind);
    let trigger: SyncRun['trigger'] = 'schedule';
    if (target.requestedBy === STARTUP_REQUESTER) trigger = 'startup';
    else if (target.requestedBy) trigger = 'manual';
    const triggeredBy = trigger === 'manual' ? target.requestedBy : undefined;
    const startedAt = new Date();
    const runId = await store.startRun(target, {
      owner: this.owner,
      trigger,
      triggeredBy,
    });
    const heartbeat = setInterval(() => {
      store.renewLease(target.id, this.owner, leaseSeconds).catch(error =>
        logger.warn('Could not renew sync lease', {
          target: target.id,
          error: readableError(error),
        }),
      );
    }, (leaseSeconds * 1000) / 3);
    heartbeat.unref?.();
    const progress = new PersistedSyncProgressReporter({
      store,
      targetId: target.id,
      owner: this.owner,
      logger,
    });

    let status: 'succeeded' | 'failed' = 'succeeded';
    let counts: Record<string, number> | undefined;
    let error: string | undefined;
    try {
      if (!runner)
        throw new Error(`No sync runner for targets of kind ${target.kind}`);
      const result = await runner.run(target, {
        logger: logger.child({ syncTarget: target.id }),
        progress,
      });
      counts = result.counts;
      logger.info('Sync succeeded', { target: target.id, trigger, ...counts });
    } catch (e) {
      status = 'failed';
      error = readableError(e);
      logger.warn('Sync failed; the last good data is kept', {
        target: target.id,
        trigger,
        error,
      });
    } finally {
      clearInterval(heartbeat);
      // The last progress write must land before finishRun clears it.
      await progress.flush();
    }
    await store.finishRun(target, runId, {
      owner: this.owner,
      startedAt,
      outcome: { status, counts, error },
    });
    await this.options.onRunFinished?.({
      target,
      trigger,
      triggeredBy,
      status,
      counts,
      error,
      durationMs: Date.now() - startedAt.getTime(),
    });
  }
}

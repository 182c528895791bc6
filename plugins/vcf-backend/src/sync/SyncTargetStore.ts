import type {
  Page,
  SyncProgress,
  SyncRun,
  SyncStatus,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * What a sync target syncs: an environment source's credentials or a vCenter's inventory.
 * @internal
 */
export type SyncTargetKind = 'credentials' | 'inventory';

/**
 * One row of `sync_targets`.
 * @internal
 */
export interface SyncTarget {
  id: string;
  kind: SyncTargetKind;
  environmentId?: string;
  vcenterId?: string;
  enabled: boolean;
  intervalSeconds: number;
  nextRunAt: string;
  status: SyncStatus;
  leaseOwner?: string;
  leaseExpiresAt?: string;
  lastStartedAt?: string;
  lastFinishedAt?: string;
  lastSucceededAt?: string;
  lastDurationMs?: number;
  lastError?: string;
  lastCounts?: Record<string, number>;
  requestedBy?: string;
  /** What the queued or running sync is doing; undefined when idle. */
  progress?: SyncProgress;
}

/**
 * What the owner of a target declares; the store keeps the schedule state.
 * @internal
 */
export interface SyncTargetDeclaration {
  id: string;
  kind: SyncTargetKind;
  environmentId?: string;
  vcenterId?: string;
  enabled: boolean;
  intervalSeconds: number;
}

/**
 * How a finished run ended.
 * @internal
 */
export interface SyncRunOutcome {
  status: 'succeeded' | 'failed';
  counts?: Record<string, number>;
  error?: string;
}

/**
 * Persistence of the sync engine: targets with their schedule and lease, and the run history.
 * @internal
 */
export interface SyncTargetStore {
  /** Creates the target (due now) or updates its kind, links, interval and enabled flag. */
  declareTarget(target: SyncTargetDeclaration): Promise<void>;
  /** Removes targets of a kind that are not in `keepIds` (e.g. vCenters removed from config). */
  removeTargetsExcept(
    kind: SyncTargetKind,
    keepIds: string[],
    where?: { environmentId?: string },
  ): Promise<void>;
  removeTarget(id: string): Promise<void>;
  getTarget(id: string): Promise<SyncTarget | undefined>;
  listTargets(filter?: {
    kind?: SyncTargetKind;
    environmentId?: string;
    ids?: string[];
  }): Promise<SyncTarget[]>;
  /** Makes a target due now, remembering who asked. */
  requestRun(id: string, requestedBy?: string): Promise<void>;
  /** Makes every enabled target due now (startup sync). */
  requestAllRuns(): Promise<void>;
  /**
   * Leases up to `limit` due, enabled targets that nobody holds (or whose lease expired) to `owner`.
   * Safe against other backend instances: each target is claimed by exactly one of them.
   */
  claimDueTargets(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now?: Date;
  }): Promise<SyncTarget[]>;
  /**
   * Ends at once what an earlier process of the same backend instance (`instanceId`) left running: its leases are
   * released and its open runs marked interrupted, so a restarted instance does not show them running until the
   * lease expires. Leases of other instances are left to expire. Returns the ids of the targets released.
   */
  interruptRunsOfEarlierInstance(options: {
    instanceId: string;
    owner: string;
    now?: Date;
  }): Promise<string[]>;
  /** Extends the lease while a long run goes on. Returns false when the lease was lost. */
  renewLease(id: string, owner: string, leaseSeconds: number): Promise<boolean>;
  /** Records what the run of the lease holder `owner` is doing now (ignored once the lease is lost). */
  saveProgress(
    id: string,
    owner: string,
    progress: Omit<SyncProgress, 'updatedAt'>,
  ): Promise<void>;
  /** Records the start of a run and marks the target running. */
  startRun(
    target: SyncTarget,
    options: {
      owner: string;
      trigger: SyncRun['trigger'];
      triggeredBy?: string;
    },
  ): Promise<number>;
  /** Records the end of a run, releases the lease and schedules the next run. */
  finishRun(
    target: SyncTarget,
    runId: number,
    options: { owner: string; startedAt: Date; outcome: SyncRunOutcome },
  ): Promise<void>;
  listRuns(
    targetIds: string[],
    options: { offset: number; limit: number },
  ): Promise<Page<SyncRun>>;
}

import type { Knex } from 'knex';
import type {
  Page,
  SyncProgress,
  SyncRun,
  SyncStatus,
} from '@vcf-backstage/plugin-vcf-common';
import {
  chunk,
  isoOrUndefined,
  nowIso,
  orUndefined,
  parseJsonColumn,
  toBoolean,
} from '../database/rowValues';
import type {
  SyncRunOutcome,
  SyncTarget,
  SyncTargetDeclaration,
  SyncTargetKind,
  SyncTargetStore,
} from './SyncTargetStore';

type TargetRow = Record<string, any>;

/**
 * Lease owners are `<instance id>/<process>`: the instance id survives a restart, the process part does not.
 * @internal
 */
export function instanceOwnerPrefix(instanceId: string): string {
  return `${instanceId}/`;
}

/** `requested_by` of the runs the backend asks for when it starts. @internal */
export const STARTUP_REQUESTER = 'system:startup';

/** What a target shows when the backend instance that ran it stopped before finishing. @internal */
export const INTERRUPTED_ERROR =
  'The sync was interrupted: the backend instance running it stopped. It runs again when it is next due.';

function toTarget(row: TargetRow): SyncTarget {
  const leaseExpiresAt = isoOrUndefined(row.lease_expires_at);
  // A run whose lease lapsed is not running any more, whatever its row says.
  const interrupted =
    row.status === 'running' && (!leaseExpiresAt || leaseExpiresAt < nowIso());
  return {
    id: row.id,
    kind: row.kind,
    environmentId: orUndefined(row.environment_id),
    vcenterId: orUndefined(row.vcenter_id),
    enabled: toBoolean(row.enabled),
    intervalSeconds: Number(row.interval_seconds),
    nextRunAt: isoOrUndefined(row.next_run_at)!,
    status: interrupted ? 'failed' : (row.status as SyncStatus),
    leaseOwner: orUndefined(row.lease_owner),
    leaseExpiresAt,
    lastStartedAt: isoOrUndefined(row.last_started_at),
    lastFinishedAt: isoOrUndefined(row.last_finished_at),
    lastSucceededAt: isoOrUndefined(row.last_succeeded_at),
    lastDurationMs: orUndefined(row.last_duration_ms) ?? undefined,
    lastError: interrupted ? INTERRUPTED_ERROR : orUndefined(row.last_error),
    lastCounts: parseJsonColumn(row.last_counts),
    requestedBy: orUndefined(row.requested_by),
    progress: interrupted ? undefined : parseJsonColumn(row.progress),
  };
}

function progressColumn(progress: Omit<SyncProgress, 'updatedAt'>): string {
  return JSON.stringify({ ...progress, updatedAt: nowIso() });
}

function toRun(row: Record<string, any>): SyncRun {
  return {
    id: Number(row.id),
    targetId: row.target_id,
    trigger: row.trigger,
    triggeredBy: orUndefined(row.triggered_by),
    startedAt: isoOrUndefined(row.started_at)!,
    finishedAt: isoOrUndefined(row.finished_at),
    status: row.status,
    durationMs: orUndefined(row.duration_ms) ?? undefined,
    counts: parseJsonColumn(row.counts),
    error: orUndefined(row.error),
  };
}

/**
 * {@link SyncTargetStore} on the plugin's database (SQLite or PostgreSQL).
 * Claiming uses a conditional UPDATE per candidate, which is atomic on both databases: when two instances race for
 * a target, the second one's WHERE no longer matches once the first one's lease is written.
 * @internal
 */
export class DatabaseSyncTargetStore implements SyncTargetStore {
  /** A store on the plugin's database, migrated by `openVcfDatabase`. */
  static create(options: { db: Knex }): DatabaseSyncTargetStore {
    return new DatabaseSyncTargetStore(options.db);
  }

  private constructor(private readonly db: Knex) {}

  async declareTarget(target: SyncTargetDeclaration): Promise<void> {
    const existing = await this.db('sync_targets')
      .where({ id: target.id })
      .first();
    if (!existing) {
      await this.db('sync_targets').insert({
        id: target.id,
        kind: target.kind,
        environment_id: target.environmentId ?? null,
        vcenter_id: target.vcenterId ?? null,
        enabled: target.enabled,
        interval_seconds: target.intervalSeconds,
        next_run_at: nowIso(),
        status: target.enabled ? 'never' : 'disabled',
      });
      return;
    }
    const wasEnabled = toBoolean(existing.enabled);
    const update: Record<string, unknown> = {
      kind: target.kind,
      environment_id: target.environmentId ?? null,
      vcenter_id: target.vcenterId ?? null,
      enabled: target.enabled,
      interval_seconds: target.intervalSeconds,
    };
    if (!target.enabled) {
      update.status = 'disabled';
    } else if (!wasEnabled) {
      update.status = existing.last_finished_at ? 'succeeded' : 'never';
      update.next_run_at = nowIso();
    }
    await this.db('sync_targets').where({ id: target.id }).update(update);
  }

  async removeTargetsExcept(
    kind: SyncTargetKind,
    keepIds: string[],
    where?: { environmentId?: string },
  ): Promise<void> {
    const query = this.db('sync_targets').where({ kind });
    if (where?.environmentId)
      query.andWhere({ environment_id: where.environmentId });
    if (keepIds.length) query.whereNotIn('id', keepIds);
    const gone = await query.clone().select('id');
    if (!gone.length) return;
    const ids = gone.map(r => r.id);
    await this.db('sync_runs').whereIn('target_id', ids).delete();
    await this.db('sync_targets').whereIn('id', ids).delete();
  }

  async removeTarget(id: string): Promise<void> {
    await this.db('sync_runs').where({ target_id: id }).delete();
    await this.db('sync_targets').where({ id }).delete();
  }

  async getTarget(id: string): Promise<SyncTarget | undefined> {
    const row = await this.db('sync_targets').where({ id }).first();
    return row ? toTarget(row) : undefined;
  }

  async listTargets(filter?: {
    kind?: SyncTargetKind;
    environmentId?: string;
    ids?: string[];
  }): Promise<SyncTarget[]> {
    const query = this.db('sync_targets').orderBy('id');
    if (filter?.kind) query.where({ kind: filter.kind });
    if (filter?.environmentId)
      query.where({ environment_id: filter.environmentId });
    if (filter?.ids) query.whereIn('id', filter.ids);
    return (await query).map(toTarget);
  }

  async requestRun(id: string, requestedBy?: string): Promise<void> {
    await this.db('sync_targets')
      .where({ id })
      .update({
        next_run_at: nowIso(),
        requested_by: requestedBy ?? null,
        // A running target keeps showing its run; the new request shows once that run ends.
        progress: this.db.raw(
          "case when status = 'running' then progress else ? end",
          [progressColumn({ phase: 'queued' })],
        ),
      });
  }

  async saveProgress(
    id: string,
    owner: string,
    progress: Omit<SyncProgress, 'updatedAt'>,
  ): Promise<void> {
    await this.db('sync_targets')
      .where({ id, lease_owner: owner })
      .update({ progress: progressColumn(progress) });
  }

  async requestAllRuns(): Promise<void> {
    await this.db('sync_targets')
      .where({ enabled: true })
      .update({ next_run_at: nowIso(), requested_by: STARTUP_REQUESTER });
  }

  async claimDueTargets(options: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now?: Date;
  }): Promise<SyncTarget[]> {
    const now = options.now ?? new Date();
    const nowText = nowIso(now);
    const leaseUntil = nowIso(
      new Date(now.getTime() + options.leaseSeconds * 1000),
    );
    const notLeased = (q: Knex.QueryBuilder) =>
      q.whereNull('lease_expires_at').orWhere('lease_expires_at', '<', nowText);

    const candidates = await this.db('sync_targets')
      .where({ enabled: true })
      .andWhere('next_run_at', '<=', nowText)
      .andWhere(notLeased)
      .orderBy('next_run_at')
      .limit(options.limit * 2)
      .select('id');

    const claimed: SyncTarget[] = [];
    for (const { id } of candidates) {
      if (claimed.length >= options.limit) break;
      const updated = await this.db('sync_targets')
        .where({ id, enabled: true })
        .andWhere('next_run_at', '<=', nowText)
        .andWhere(notLeased)
        .update({ lease_owner: options.owner, lease_expires_at: leaseUntil });
      if (updated === 1) {
        const row = await this.db('sync_targets').where({ id }).first();
        if (row && row.lease_owner === options.owner) {
          // Runs left open by an instance that died are closed as interrupted.
          await this.db('sync_runs')
            .where({ target_id: id, status: 'running' })
            .update({
              status: 'failed',
              finished_at: nowText,
              error: INTERRUPTED_ERROR,
            });
          claimed.push(toTarget(row));
        }
      }
    }
    return claimed;
  }

  async interruptRunsOfEarlierInstance(options: {
    instanceId: string;
    owner: string;
    now?: Date;
  }): Promise<string[]> {
    const nowText = nowIso(options.now ?? new Date());
    const prefix = instanceOwnerPrefix(options.instanceId);
    const isEarlier = (owner: unknown) =>
      typeof owner === 'string' &&
      owner.startsWith(prefix) &&
      owner !== options.owner;
    // Few rows hold a lease or an open run at any time; the prefix is compared here, not with LIKE and its escapes.
    const leased = (
      await this.db('sync_targets')
        .whereNotNull('lease_owner')
        .select('id', 'lease_owner')
    ).filter(row => isEarlier(row.lease_owner));
    for (const row of leased) {
      await this.db('sync_targets')
        .where({ id: row.id, lease_owner: row.lease_owner })
        .update({
          status: 'failed',
          last_error: INTERRUPTED_ERROR,
          last_finished_at: nowText,
          lease_owner: null,
          lease_expires_at: null,
        });
    }
    const openRuns = (
      await this.db('sync_runs')
        .where({ status: 'running' })
        .select('id', 'runner')
    ).filter(row => isEarlier(row.runner));
    for (const ids of chunk(
      openRuns.map(row => row.id),
      500,
    )) {
      await this.db('sync_runs').whereIn('id', ids).update({
        status: 'failed',
        finished_at: nowText,
        error: INTERRUPTED_ERROR,
      });
    }
    return leased.map(row => row.id);
  }

  async renewLease(
    id: string,
    owner: string,
    leaseSeconds: number,
  ): Promise<boolean> {
    const updated = await this.db('sync_targets')
      .where({ id, lease_owner: owner })
      .update({
        lease_expires_at: nowIso(new Date(Date.now() + leaseSeconds * 1000)),
      });
    return updated === 1;
  }

  async startRun(
    target: SyncTarget,
    options: {
      owner: string;
      trigger: SyncRun['trigger'];
      triggeredBy?: string;
    },
  ): Promise<number> {
    const startedAt = nowIso();
    return this.db.transaction(async tx => {
      const [inserted] = await tx('sync_runs')
        .insert({
          target_id: target.id,
          trigger: options.trigger,
          triggered_by: options.triggeredBy ?? null,
          runner: options.owner,
          started_at: startedAt,
          status: 'running',
        })
        .returning('id');
      await tx('sync_targets')
        .where({ id: target.id, lease_owner: options.owner })
        .update({
          status: 'running',
          last_started_at: startedAt,
          requested_by: null,
          progress: progressColumn({ phase: 'starting' }),
        });
      return Number(typeof inserted === 'object' ? inserted.id : inserted);
    });
  }

  async finishRun(
    target: SyncTarget,
    runId: number,
    options: { owner: string; startedAt: Date; outcome: SyncRunOutcome },
  ): Promise<void> {
    const finished = new Date();
    const durationMs = finished.getTime() - options.startedAt.getTime();
    const { outcome } = options;
    const counts = outcome.counts ? JSON.stringify(outcome.counts) : null;
    await this.db.transaction(async tx => {
      await tx('sync_runs')
        .where({ id: runId })
        .update({
          finished_at: nowIso(finished),
          status: outcome.status,
          duration_ms: durationMs,
          counts,
          error: outcome.error ?? null,
        });
      const current = await tx('sync_targets').where({ id: target.id }).first();
      const update: Record<string, unknown> = {
        status: outcome.status,
        last_finished_at: nowIso(finished),
        last_duration_ms: durationMs,
        last_error: outcome.error ?? null,
        lease_owner: null,
        lease_expires_at: null,
        // A "sync now" that arrived during the run is queued again.
        progress: current?.requested_by
          ? progressColumn({ phase: 'queued' })
          : null,
      };
      if (outcome.status === 'succeeded') {
        update.last_succeeded_at = nowIso(finished);
        update.last_counts = counts;
      }
      // A "sync now" that arrived during the run keeps the target due; otherwise wait one interval.
      if (!current?.requested_by) {
        const interval = Number(
          current?.interval_seconds ?? target.intervalSeconds,
        );
        update.next_run_at = nowIso(
          new Date(finished.getTime() + interval * 1000),
        );
      }
      if (current && !toBoolean(current.enabled)) update.status = 'disabled';
      await tx('sync_targets')
        .where({ id: target.id, lease_owner: options.owner })
        .update(update);
    });
  }

  async listRuns(
    targetIds: string[],
    options: { offset: number; limit: number },
  ): Promise<Page<SyncRun>> {
    if (!targetIds.length) return { items: [], totalCount: 0 };
    const base = this.db('sync_runs').whereIn('target_id', targetIds);
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = await base
      .clone()
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(options.offset)
      .limit(options.limit);
    return { items: rows.map(toRun), totalCount: Number(count) };
  }
}

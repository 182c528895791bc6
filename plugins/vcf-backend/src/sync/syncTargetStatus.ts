import type { SyncTargetStatus } from '@vcf-backstage/plugin-vcf-common';
import type { SyncTarget } from './SyncTargetStore';

/** The status part of a sync target, as the API shows it. @internal */
export function toSyncTargetStatus(target: SyncTarget): SyncTargetStatus {
  return {
    targetId: target.id,
    status: target.status,
    lastStartedAt: target.lastStartedAt,
    lastFinishedAt: target.lastFinishedAt,
    lastSucceededAt: target.lastSucceededAt,
    lastDurationMs: target.lastDurationMs,
    lastError: target.lastError,
    lastCount: target.lastCounts?.total,
    lastCounts: target.lastCounts,
    progress: target.progress,
    nextRunAt: target.enabled ? target.nextRunAt : undefined,
  };
}

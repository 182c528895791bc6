import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SyncProgress } from '@vcf-backstage/plugin-vcf-common';
import type { SyncTargetStore } from './SyncTargetStore';

/**
 * What a {@link SyncRunner} tells about its run: phase changes, and pages as they arrive.
 * @internal
 */
export interface SyncProgressReporter {
  report(progress: Omit<SyncProgress, 'updatedAt'>): void;
}

/** Minimum time between two page updates written to the database. */
const PAGE_UPDATE_INTERVAL_MS = 500;

/**
 * Persists a run's progress on its target row (so any replica can serve it): a new phase is written
 * at once, page updates at most every {@link PAGE_UPDATE_INTERVAL_MS}, each after the previous write.
 * A failed write is logged and never fails the sync.
 * @internal
 */
export class PersistedSyncProgressReporter implements SyncProgressReporter {
  private lastPhase?: SyncProgress['phase'];
  private lastWriteAt = 0;
  private pending?: Omit<SyncProgress, 'updatedAt'>;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      store: SyncTargetStore;
      targetId: string;
      owner: string;
      logger: LoggerService;
      now?: () => number;
    },
  ) {}

  report(progress: Omit<SyncProgress, 'updatedAt'>): void {
    const now = (this.options.now ?? Date.now)();
    const phaseChanged = progress.phase !== this.lastPhase;
    if (!phaseChanged && now - this.lastWriteAt < PAGE_UPDATE_INTERVAL_MS) {
      this.pending = progress;
      return;
    }
    this.write(progress, now);
  }

  /** Writes the last skipped update, then resolves once every write has ended. */
  async flush(): Promise<void> {
    if (this.pending)
      this.write(this.pending, (this.options.now ?? Date.now)());
    await this.writing;
  }

  private write(progress: Omit<SyncProgress, 'updatedAt'>, now: number) {
    const { store, targetId, owner, logger } = this.options;
    this.pending = undefined;
    this.lastPhase = progress.phase;
    this.lastWriteAt = now;
    this.writing = this.writing
      .then(() => store.saveProgress(targetId, owner, progress))
      .catch(error =>
        logger.debug('Could not record sync progress', {
          target: targetId,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
  }
}

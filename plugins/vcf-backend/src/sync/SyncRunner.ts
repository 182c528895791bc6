import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SyncProgressReporter } from './SyncProgressReporter';
import type { SyncTarget, SyncTargetKind } from './SyncTargetStore';

/**
 * Does the work of one sync for one kind of target. It must fetch everything before it writes anything, and
 * replace the stored data in one transaction only after a complete, valid fetch; a thrown error leaves the last
 * good data in place and becomes the target's visible error (so its message must be readable and secret-free).
 * @internal
 */
export interface SyncRunner {
  readonly kind: SyncTargetKind;
  run(
    target: SyncTarget,
    context: {
      logger: LoggerService;
      /** Live progress (logging in, page n of m, writing), shown while the run goes on. */
      progress: SyncProgressReporter;
    },
  ): Promise<{ counts: Record<string, number> }>;
}

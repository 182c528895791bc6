import type { SyncTargetStatus } from '@vcf-backstage/plugin-vcf-common';
import type {
  SyncTarget,
  SyncTargetDeclaration,
  SyncTargetKind,
  SyncTargetStore,
} from './SyncTargetStore';
import { toSyncTargetStatus } from './syncTargetStatus';

/**
 * The sync targets of one kind as their owner sees them: environments own the `credentials` targets (one per
 * source), vCenters the `inventory` targets (one each). The owner declares a target for every definition, removes
 * it with the definition, makes it due on request and shows its status; the schedule state stays in the store.
 * @internal
 */
export class SyncTargetOwner {
  constructor(
    private readonly store: SyncTargetStore,
    readonly kind: SyncTargetKind,
  ) {}

  /** Creates the targets (due now) or updates their links, interval and enabled flag. */
  async declare(
    targets: Array<Omit<SyncTargetDeclaration, 'kind'>>,
  ): Promise<void> {
    for (const target of targets) {
      await this.store.declareTarget({ ...target, kind: this.kind });
    }
  }

  /** Removes every target of this kind that is not in `keepIds` (definitions gone from config). */
  async keepOnly(keepIds: string[]): Promise<void> {
    await this.store.removeTargetsExcept(this.kind, keepIds);
  }

  async remove(ids: string[]): Promise<void> {
    for (const id of ids) await this.store.removeTarget(id);
  }

  async list(filter?: { environmentId?: string }): Promise<SyncTarget[]> {
    return this.store.listTargets({ ...filter, kind: this.kind });
  }

  /** Makes the targets due now, in the name of `requestedBy`; returns their status after the request. */
  async requestRuns(
    ids: string[],
    requestedBy: string,
  ): Promise<SyncTargetStatus[]> {
    for (const id of ids) await this.store.requestRun(id, requestedBy);
    const statuses = await this.statuses();
    return ids.flatMap(id => {
      const status = statuses.get(id);
      return status ? [status] : [];
    });
  }

  /** The status of every target of this kind, by target id, as the API shows it. */
  async statuses(filter?: {
    environmentId?: string;
  }): Promise<Map<string, SyncTargetStatus>> {
    const targets = await this.list(filter);
    return new Map(targets.map(t => [t.id, toSyncTargetStatus(t)]));
  }
}

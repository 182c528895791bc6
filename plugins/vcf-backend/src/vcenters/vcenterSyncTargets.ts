import type { SyncTargetStore } from '../sync/SyncTargetStore';
import { SyncTargetOwner } from '../sync/SyncTargetOwner';
import { inventoryTargetId } from '../sync/syncTargetIds';
import type { StoredVcenter } from './VcenterStore';

/**
 * The inventory targets of vCenters, one per vCenter: a disabled vCenter's target is disabled, so the dispatcher
 * never syncs it.
 * @internal
 */
export class VcenterSyncTargets extends SyncTargetOwner {
  constructor(store: SyncTargetStore) {
    super(store, 'inventory');
  }

  /** Declares (or updates) the inventory target of each vCenter. */
  async declareFor(vcenters: StoredVcenter[]): Promise<void> {
    await this.declare(
      vcenters.map(vcenter => ({
        id: inventoryTargetId(vcenter.id),
        vcenterId: vcenter.id,
        environmentId: vcenter.environmentId,
        enabled: vcenter.enabled,
        intervalSeconds: vcenter.intervalMinutes * 60,
      })),
    );
  }

  /** Removes the inventory targets of vCenters that were deleted. */
  async removeFor(vcenterIds: string[]): Promise<void> {
    await this.remove(vcenterIds.map(inventoryTargetId));
  }
}

import type { StoredEnvironment } from '../environments/EnvironmentStore';
import type { StoredVcenter } from './VcenterStore';

/**
 * Where a vCenter belongs: its environment, and the group that owns it.
 * @internal
 */
export interface VcenterPlacement {
  environmentId?: string;
  /** The vCenter's own owner, else its environment's. */
  owner?: string;
}

/**
 * The placement of each vCenter by id. A vCenter without an owner of its own is owned by its environment's owner.
 * @internal
 */
export function vcenterPlacements(
  environments: Array<Pick<StoredEnvironment, 'id' | 'owner'>>,
  vcenters: Array<Pick<StoredVcenter, 'id' | 'environmentId' | 'owner'>>,
): Map<string, VcenterPlacement> {
  const environmentOwners = new Map(environments.map(e => [e.id, e.owner]));
  return new Map(
    vcenters.map(v => [
      v.id,
      {
        environmentId: v.environmentId,
        owner:
          v.owner ??
          (v.environmentId
            ? environmentOwners.get(v.environmentId)
            : undefined),
      },
    ]),
  );
}

import type { Entity } from '@backstage/catalog-model';
import {
  getVcfEntityScope,
  getVcfEnvironmentId,
  getVsphereHostRefs,
  getVsphereVmRefs,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * Whether an entity names a VCF environment (`vcf-backstage.io/environment`), so the
 * VCF tab and environment card apply to it.
 * @public
 */
export function isVcfEnvironmentAvailable(entity: Entity): boolean {
  return getVcfEnvironmentId(entity) !== undefined;
}

/**
 * Whether an entity names vSphere VMs or ESXi hosts (`vcf-backstage.io/vsphere-vms`,
 * `vcf-backstage.io/vsphere-hosts`), so the vSphere card applies to it.
 * @public
 */
export function isVsphereResourceAvailable(entity: Entity): boolean {
  return (
    getVsphereVmRefs(entity).length > 0 || getVsphereHostRefs(entity).length > 0
  );
}

/**
 * Whether an entity gets the "VCF" tab: an environment (the provider's entity or a user's annotated one), a
 * vCenter, a cluster or an ESXi host. Each shows what belongs to it, see `EntityVcfEnvironmentContent`.
 * @public
 */
export function isVcfEntityContentAvailable(entity: Entity): boolean {
  const scope = getVcfEntityScope(entity);
  return scope !== undefined && scope.kind !== 'other';
}

/**
 * Whether an entity gets the environment card (status and "Sync now"): environment entities and users' entities
 * annotated with an environment, not the vCenters, clusters and hosts inside one.
 * @public
 */
export function isVcfEnvironmentCardAvailable(entity: Entity): boolean {
  return getVcfEntityScope(entity)?.kind === 'environment';
}

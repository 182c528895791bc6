import type { Entity } from '@backstage/catalog-model';
import {
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

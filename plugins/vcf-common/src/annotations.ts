import type { Entity } from '@backstage/catalog-model';

/**
 * Links a catalog entity to a VCF environment by its id (`vcf.environments[].id`).
 * The environment tab and card appear on entities that carry it.
 * @public
 */
export const VCF_ENVIRONMENT_ANNOTATION = 'vcf-backstage.io/environment';

/**
 * Links a catalog entity to a vCenter by its id (`vcf.vcenters[].id`).
 * @public
 */
export const VCF_VCENTER_ANNOTATION = 'vcf-backstage.io/vcenter';

/**
 * Comma-separated vSphere VM names (or `vcenterId/name`) that a catalog entity runs on.
 * @public
 */
export const VSPHERE_VMS_ANNOTATION = 'vcf-backstage.io/vsphere-vms';

/**
 * Comma-separated ESXi host names (or `vcenterId/name`) that a catalog entity runs on.
 * @public
 */
export const VSPHERE_HOSTS_ANNOTATION = 'vcf-backstage.io/vsphere-hosts';

function annotation(entity: Entity, name: string): string | undefined {
  const value = entity.metadata.annotations?.[name]?.trim();
  return value ? value : undefined;
}

function annotationList(entity: Entity, name: string): string[] {
  return (annotation(entity, name) ?? '')
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
}

/**
 * The VCF environment id an entity is linked to, if any.
 * @public
 */
export function getVcfEnvironmentId(entity: Entity): string | undefined {
  return annotation(entity, VCF_ENVIRONMENT_ANNOTATION);
}

/**
 * The vSphere VM references an entity is linked to.
 * @public
 */
export function getVsphereVmRefs(entity: Entity): string[] {
  return annotationList(entity, VSPHERE_VMS_ANNOTATION);
}

/**
 * The ESXi host references an entity is linked to.
 * @public
 */
export function getVsphereHostRefs(entity: Entity): string[] {
  return annotationList(entity, VSPHERE_HOSTS_ANNOTATION);
}

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

/**
 * `vcenterId/name` of the vSphere cluster a catalog entity stands for (set by the VCF catalog provider).
 * @public
 */
export const VSPHERE_CLUSTER_ANNOTATION = 'vcf-backstage.io/vsphere-cluster';

/**
 * The `spec.type` of each kind of Resource the VCF catalog provider emits.
 * @public
 */
export const VCF_RESOURCE_TYPES = {
  environment: 'vcf-environment',
  vcenter: 'vcenter',
  cluster: 'vsphere-cluster',
  host: 'esxi-host',
  datastore: 'vsphere-datastore',
  vm: 'vsphere-vm',
} as const;

/**
 * What a catalog entity stands for, so entity pages show what belongs to it: an environment (its own entity or a
 * user's entity annotated with one), a vCenter, a cluster or an ESXi host of the provider, or another vSphere
 * object (datastore, VM) that has no VCF tab of its own.
 * @public
 */
export type VcfEntityScope =
  | { kind: 'environment'; environmentId: string }
  | { kind: 'vcenter'; vcenterId: string; environmentId?: string }
  | {
      kind: 'cluster' | 'host';
      vcenterId: string;
      /** The cluster's or host's name in vCenter. */
      name: string;
      environmentId?: string;
    }
  | { kind: 'other' };

/** `vc01/esxi-01` → `esxi-01`; a bare name stays as it is. */
function withoutVcenter(ref: string): string {
  const slash = ref.indexOf('/');
  return slash > 0 ? ref.slice(slash + 1) : ref;
}

/**
 * The {@link VcfEntityScope} of an entity, or undefined when it has nothing to do with VCF.
 * @public
 */
export function getVcfEntityScope(entity: Entity): VcfEntityScope | undefined {
  const environmentId = getVcfEnvironmentId(entity);
  const vcenterId = annotation(entity, VCF_VCENTER_ANNOTATION);
  const type = entity.kind === 'Resource' ? entity.spec?.type : undefined;
  const hostRef = getVsphereHostRefs(entity)[0];
  const clusterRef = annotation(entity, VSPHERE_CLUSTER_ANNOTATION);
  if (vcenterId && type === VCF_RESOURCE_TYPES.host && hostRef)
    return {
      kind: 'host',
      vcenterId,
      name: withoutVcenter(hostRef),
      environmentId,
    };
  if (vcenterId && type === VCF_RESOURCE_TYPES.cluster && clusterRef)
    return {
      kind: 'cluster',
      vcenterId,
      name: withoutVcenter(clusterRef),
      environmentId,
    };
  if (vcenterId && type === VCF_RESOURCE_TYPES.vcenter)
    return { kind: 'vcenter', vcenterId, environmentId };
  if (type === VCF_RESOURCE_TYPES.datastore || type === VCF_RESOURCE_TYPES.vm)
    return { kind: 'other' };
  if (environmentId) return { kind: 'environment', environmentId };
  return undefined;
}

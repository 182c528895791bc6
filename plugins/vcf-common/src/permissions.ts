import {
  createPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Resource type of a VCF environment (one SDDC Manager and/or VCF Installer).
 * @public
 */
export const VCF_ENVIRONMENT_RESOURCE_TYPE = 'vcf-environment';

/**
 * Resource type of one synced credential.
 * @public
 */
export const VCF_CREDENTIAL_RESOURCE_TYPE = 'vcf-credential';

/** @public */
export type VcfEnvironmentPermission = ResourcePermission<
  typeof VCF_ENVIRONMENT_RESOURCE_TYPE
>;

/** @public */
export type VcfCredentialPermission = ResourcePermission<
  typeof VCF_CREDENTIAL_RESOURCE_TYPE
>;

/**
 * See a VCF environment, its sync status and sync history.
 * @public
 */
export const vcfEnvironmentReadPermission = createPermission({
  name: 'vcf.environment.read',
  attributes: { action: 'read' },
  resourceType: VCF_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Add a VCF environment through the API.
 * @public
 */
export const vcfEnvironmentCreatePermission = createPermission({
  name: 'vcf.environment.create',
  attributes: { action: 'create' },
});

/**
 * Change an API-managed VCF environment (config-defined ones are read-only).
 * @public
 */
export const vcfEnvironmentUpdatePermission = createPermission({
  name: 'vcf.environment.update',
  attributes: { action: 'update' },
  resourceType: VCF_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Remove an API-managed VCF environment and everything synced from it.
 * @public
 */
export const vcfEnvironmentDeletePermission = createPermission({
  name: 'vcf.environment.delete',
  attributes: { action: 'delete' },
  resourceType: VCF_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * Start a sync of an environment (or a vCenter) now.
 * @public
 */
export const vcfSyncTriggerPermission = createPermission({
  name: 'vcf.sync.trigger',
  attributes: { action: 'update' },
  resourceType: VCF_ENVIRONMENT_RESOURCE_TYPE,
});

/**
 * List credentials (metadata only: never a password).
 * @public
 */
export const vcfCredentialReadPermission = createPermission({
  name: 'vcf.credential.read',
  attributes: { action: 'read' },
  resourceType: VCF_CREDENTIAL_RESOURCE_TYPE,
});

/**
 * Reveal the password of one credential, and see its password history.
 * @public
 */
export const vcfCredentialRevealPermission = createPermission({
  name: 'vcf.credential.reveal',
  attributes: { action: 'read' },
  resourceType: VCF_CREDENTIAL_RESOURCE_TYPE,
});

/**
 * Export credentials with their passwords. Without it, exports carry metadata only.
 * @public
 */
export const vcfCredentialExportPermission = createPermission({
  name: 'vcf.credential.export',
  attributes: { action: 'read' },
  resourceType: VCF_CREDENTIAL_RESOURCE_TYPE,
});

/**
 * Have SDDC Manager change credentials: rotate, update, remediate, set the auto-rotate policy, run an expiry
 * check, and retry or cancel those tasks. A resource permission of `vcf-credential`, so the same conditional rules
 * as reveal apply (environment, resource type, owner of the environment…).
 * @public
 */
export const vcfCredentialRotatePermission = createPermission({
  name: 'vcf.credential.rotate',
  attributes: { action: 'update' },
  resourceType: VCF_CREDENTIAL_RESOURCE_TYPE,
});

/**
 * See the vSphere inventory (VMs, hosts, clusters, datastores, networks, alarms, tasks, events).
 * @public
 */
export const vcfInventoryReadPermission = createPermission({
  name: 'vcf.inventory.read',
  attributes: { action: 'read' },
});

/**
 * Add, change, remove, purge and sync vCenters.
 * @public
 */
export const vcfVcenterManagePermission = createPermission({
  name: 'vcf.vcenter.manage',
  attributes: { action: 'update' },
});

/**
 * Read the audit trail of reveals, exports, syncs and changes.
 * @public
 */
export const vcfAuditReadPermission = createPermission({
  name: 'vcf.audit.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the VCF plugin, for registration with the permission framework.
 * @public
 */
export const vcfPermissions = [
  vcfEnvironmentReadPermission,
  vcfEnvironmentCreatePermission,
  vcfEnvironmentUpdatePermission,
  vcfEnvironmentDeletePermission,
  vcfSyncTriggerPermission,
  vcfCredentialReadPermission,
  vcfCredentialRevealPermission,
  vcfCredentialExportPermission,
  vcfCredentialRotatePermission,
  vcfInventoryReadPermission,
  vcfVcenterManagePermission,
  vcfAuditReadPermission,
];

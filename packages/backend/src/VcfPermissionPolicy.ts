import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  vcfCredentialExportPermission,
  vcfCredentialReadPermission,
  vcfCredentialRevealPermission,
  vcfCredentialRotatePermission,
  vcfEnvironmentReadPermission,
  vcfInventoryReadPermission,
  vcfSyncTriggerPermission,
} from '@vcf-backstage/plugin-vcf-common';
import {
  createVcfCredentialConditionalDecision,
  createVcfEnvironmentConditionalDecision,
  vcfCredentialConditions,
  vcfEnvironmentConditions,
} from '@vcf-backstage/plugin-vcf-backend';

/** Members may do everything in the VCF plugin. */
export const VCF_ADMINS_GROUP = 'group:default/vcf-admins';

/**
 * The demo's permission policy, a realistic starting point for a VCF estate:
 * - members of `group:default/vcf-admins` may do everything;
 * - every signed-in user sees environments, credential metadata (never passwords) and the inventory;
 * - members of the group that owns an environment (its `owner`) may also reveal, export and have SDDC Manager
 *   rotate/update/remediate that environment's passwords, and sync it;
 * - the rest of the VCF plugin (creating/changing environments, managing vCenters, the audit trail) is for
 *   admins only.
 * Permissions of other plugins (catalog, …) are allowed.
 */
export class VcfPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!permission.name.startsWith('vcf.'))
      return { result: AuthorizeResult.ALLOW };
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(VCF_ADMINS_GROUP))
      return { result: AuthorizeResult.ALLOW };

    if (
      isPermission(permission, vcfEnvironmentReadPermission) ||
      isPermission(permission, vcfCredentialReadPermission) ||
      isPermission(permission, vcfInventoryReadPermission)
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      isPermission(permission, vcfCredentialRevealPermission) ||
      isPermission(permission, vcfCredentialExportPermission) ||
      isPermission(permission, vcfCredentialRotatePermission)
    ) {
      return createVcfCredentialConditionalDecision(
        permission,
        vcfCredentialConditions.isEnvironmentOwnedBy({ claims }),
      );
    }
    if (isPermission(permission, vcfSyncTriggerPermission)) {
      return createVcfEnvironmentConditionalDecision(
        permission,
        vcfEnvironmentConditions.isOwnedBy({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}

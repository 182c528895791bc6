import { NotAllowedError } from '@backstage/errors';
import type {
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  vcfCredentialReadPermission,
  vcfEnvironmentReadPermission,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfAuditAction } from '../audit/VcfAuditLog';
import type { StoredEnvironment } from '../environments/EnvironmentStore';
import {
  narrowToEnvironment,
  type VcfQueryFilter,
} from '../permissions/VcfQueryFilter';
import {
  requireVisibleEnvironment,
  type EnvironmentVisibilityOptions,
} from './environmentAccess';
import { toListFilter, type RouteContext } from './routeContext';

/**
 * The credential read filter of an existing environment the caller may see: 404 for an unknown or hidden
 * environment, 403 (audited as `action`) when no credential may be read. The read decisions and any further ones
 * a caller needs (`alsoDecide`, returned in that order as `further`) come from one request to the permission
 * backend. The filter holds only the conditions that are not about the environment (see
 * {@link narrowToEnvironment}); the environment is returned for deciding further conditions the same way.
 * Shared by the credential routes and the MCP actions.
 * @internal
 */
export async function readableCredentialFilter(
  ctx: RouteContext,
  environmentId: string,
  options: EnvironmentVisibilityOptions & {
    credentialFilter: ConditionTransformer<VcfQueryFilter>;
  },
  action: VcfAuditAction,
  alsoDecide: ResourcePermission[] = [],
): Promise<{
  filter: PermissionCriteria<VcfQueryFilter> | undefined;
  further: PolicyDecision[];
  environment: StoredEnvironment;
}> {
  const [environmentRead, credentialRead, ...further] = await ctx.decide([
    vcfEnvironmentReadPermission,
    vcfCredentialReadPermission,
    ...alsoDecide,
  ]);
  const environment = await requireVisibleEnvironment(
    ctx,
    environmentRead,
    environmentId,
    options,
  );
  const filter = toListFilter(credentialRead, options.credentialFilter);
  if (filter === false) {
    throw await ctx.denied(
      action,
      { environmentId },
      new NotAllowedError(
        'You are not allowed to list credentials (vcf.credential.read)',
      ),
    );
  }
  if (filter === undefined) return { filter, further, environment };
  // The conditions on the environment itself are decided here, so that the query needs no join for them. When
  // they allow no credential of this environment, the list is empty, not forbidden: the criteria stay as they
  // are and the query finds no row.
  const narrowed = narrowToEnvironment(filter, environment);
  return {
    filter: narrowed === false ? filter : narrowed,
    further,
    environment,
  };
}

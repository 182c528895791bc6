import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type {
  PermissionCriteria,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  vcfCredentialReadPermission,
  vcfEnvironmentReadPermission,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfAuditEvent } from '../audit/VcfAuditLog';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type { EnvironmentVisibilityOptions } from './environmentAccess';
import { isEnvironmentVisible } from './environmentVisibility';
import { toListFilter, type RouteContext } from './routeContext';

/**
 * The credential read filter for an environment the caller may see: 404 when the environment is not readable,
 * 403 when no credential is (a 403 is audited when an audit event is given). The read decisions and any further
 * ones a caller needs (`alsoDecide`, returned in that order as `further`) come from one request to the permission
 * backend. Shared by the credential routes and the MCP actions.
 * @internal
 */
export async function readableCredentialFilter(
  ctx: RouteContext,
  environmentId: string,
  options: EnvironmentVisibilityOptions & {
    credentialFilter: ConditionTransformer<VcfQueryFilter>;
  },
  beginDenialAudit?: () => Promise<VcfAuditEvent>,
  alsoDecide: ResourcePermission[] = [],
): Promise<{
  filter: PermissionCriteria<VcfQueryFilter> | undefined;
  further: Awaited<ReturnType<RouteContext['decide']>>;
}> {
  const [environmentRead, credentialRead, ...further] = await ctx.decide([
    vcfEnvironmentReadPermission,
    vcfCredentialReadPermission,
    ...alsoDecide,
  ]);
  if (!(await isEnvironmentVisible(environmentRead, environmentId, options))) {
    throw new NotFoundError(`No environment with the id "${environmentId}"`);
  }
  const filter = toListFilter(credentialRead, options.credentialFilter);
  if (filter === false) {
    const error = new NotAllowedError(
      'You are not allowed to list credentials (vcf.credential.read)',
    );
    if (beginDenialAudit) await (await beginDenialAudit()).denied(error);
    throw error;
  }
  return { filter, further };
}

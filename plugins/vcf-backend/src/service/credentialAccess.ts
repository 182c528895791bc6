import { NotAllowedError } from '@backstage/errors';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import { vcfCredentialReadPermission } from '@vcf-backstage/plugin-vcf-common';
import type { VcfAuditEvent } from '../audit/VcfAuditLog';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import { requireReadableEnvironment } from './environmentAccess';
import type { RouteContext } from './routeContext';

/**
 * The credential read filter for an environment the caller may see: 404 when the environment is not readable,
 * 403 when no credential is (a 403 is audited when an audit event is given). Shared by the credential routes and
 * the MCP actions.
 * @internal
 */
export async function readableCredentialFilter(
  ctx: RouteContext,
  environmentId: string,
  credentialFilter: ConditionTransformer<VcfQueryFilter>,
  beginDenialAudit?: () => Promise<VcfAuditEvent>,
): Promise<PermissionCriteria<VcfQueryFilter> | undefined> {
  await requireReadableEnvironment(ctx, environmentId);
  const filter = await ctx.listFilter(
    vcfCredentialReadPermission,
    credentialFilter,
  );
  if (filter === false) {
    const error = new NotAllowedError(
      'You are not allowed to list credentials (vcf.credential.read)',
    );
    if (beginDenialAudit) await (await beginDenialAudit()).denied(error);
    throw error;
  }
  return filter;
}

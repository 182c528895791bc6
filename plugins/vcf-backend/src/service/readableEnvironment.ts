import { NotFoundError } from '@backstage/errors';
import { vcfEnvironmentReadPermission } from '@vcf-backstage/plugin-vcf-common';
import type { EnvironmentService } from '../environments/EnvironmentService';
import type { RouteContext } from './routeContext';

/**
 * Checks that an environment exists and that the caller may read it, before any of its sub-resources is served.
 * Both failures answer the same 404, so ids are not confirmed to those who may not see them; a denial is audited.
 * @internal
 */
export async function readableEnvironment(
  ctx: RouteContext,
  environments: Pick<EnvironmentService, 'get'>,
  id: string,
): Promise<void> {
  const notFound = new NotFoundError(`No environment with the id "${id}"`);
  await ctx.require(vcfEnvironmentReadPermission, {
    action: 'environment.read',
    subject: { environmentId: id },
    resourceRef: id,
    hiddenAs: notFound,
  });
  await environments.get(id);
}

import { NotFoundError } from '@backstage/errors';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  vcfEnvironmentReadPermission,
  vcfSyncTriggerPermission,
  type SyncTargetStatus,
  type VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';
import type { EnvironmentService } from '../environments/EnvironmentService';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { RouteContext } from './routeContext';
import { isEnvironmentVisible } from './environmentVisibility';

/*
 * The permission checks of the environment operations, shared by the HTTP routes and the MCP actions so that
 * both decide, and refuse, the same way.
 */

/**
 * What deciding whether a caller sees one environment needs: the stored environments and the SQL translation of
 * `vcf.environment.read` conditions.
 * @internal
 */
export interface EnvironmentVisibilityOptions {
  environments: EnvironmentStore;
  environmentFilter: ConditionTransformer<VcfQueryFilter>;
}

/**
 * 404 unless the environment exists and the caller may read it: both failures give the same answer, so that ids
 * are not confirmed to those who may not see them (a denial is audited as `environment.read`). One request to the
 * permission backend (the decision without a resource ref); conditions are checked in SQL by
 * {@link isEnvironmentVisible}.
 * @internal
 */
export async function requireReadableEnvironment(
  ctx: RouteContext,
  environmentId: string,
  options: EnvironmentVisibilityOptions,
): Promise<void> {
  const [decision] = await ctx.decide([vcfEnvironmentReadPermission]);
  await requireVisibleEnvironment(ctx, decision, environmentId, options);
}

/**
 * The 404 of {@link requireReadableEnvironment} for a decision already made.
 * @internal
 */
export async function requireVisibleEnvironment(
  ctx: RouteContext,
  decision: PolicyDecision,
  environmentId: string,
  options: EnvironmentVisibilityOptions,
): Promise<void> {
  // (made only when thrown: an error's stack trace is not free on a path every request takes)
  const notFound = () =>
    new NotFoundError(`No environment with the id "${environmentId}"`);
  if (!(await isEnvironmentVisible(decision, environmentId, options))) {
    throw await ctx.denied('environment.read', { environmentId }, notFound());
  }
  if (!(await options.environments.get(environmentId))) throw notFound();
}

/**
 * The environments the caller may read (filtered in SQL when the policy is conditional).
 * @internal
 */
export async function listReadableEnvironments(
  ctx: RouteContext,
  environmentService: EnvironmentService,
  environmentFilter: ConditionTransformer<VcfQueryFilter>,
): Promise<VcfEnvironment[]> {
  const filter = await ctx.listFilter(
    vcfEnvironmentReadPermission,
    environmentFilter,
  );
  return filter === false ? [] : environmentService.list(filter);
}

/**
 * Makes the environment's sync targets due now, under `vcf.sync.trigger` (a denial is audited), and records it
 * in the audit log.
 * @internal
 */
export async function triggerEnvironmentSync(
  ctx: RouteContext,
  options: {
    environmentService: EnvironmentService;
    onSyncRequested: () => void;
  },
  environmentId: string,
): Promise<SyncTargetStatus[]> {
  const { environmentService } = options;
  const targets = await ctx.audited(
    'sync.trigger',
    { environmentId },
    async outcome => {
      await environmentService.get(environmentId);
      const requested = await environmentService.requestSync(
        environmentId,
        ctx.actor,
      );
      outcome.addDetails({ targets: requested.map(t => t.targetId) });
      return requested;
    },
    { permission: vcfSyncTriggerPermission, resourceRef: environmentId },
  );
  options.onSyncRequested();
  return targets;
}

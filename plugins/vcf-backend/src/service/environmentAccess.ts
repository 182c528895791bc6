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
import type { EnvironmentResource } from '../permissions/resourceRefs';
import type {
  EnvironmentStore,
  StoredEnvironment,
} from '../environments/EnvironmentStore';
import type { RouteContext } from './routeContext';

/*
 * The permission checks of the environment operations, shared by the HTTP routes and the MCP actions so that
 * both decide, and refuse, the same way.
 */

/**
 * What deciding whether a caller sees one environment needs: the stored environments and the permission rules
 * for environments applied to one of them (`createConditionAuthorizer` over the environment ruleset: the same
 * rules the permission backend applies through the plugin's apply-conditions endpoint, without that round trip).
 * @internal
 */
export interface EnvironmentVisibilityOptions {
  environments: EnvironmentStore;
  isEnvironmentAllowed: (
    decision: PolicyDecision,
    environment: EnvironmentResource | undefined,
  ) => boolean;
}

/**
 * 404 unless the environment exists and the caller may read it: both failures give the same answer, so that ids
 * are not confirmed to those who may not see them (a denial is audited as `environment.read`). One request to the
 * permission backend (the decision without a resource ref); its conditions are applied to the stored environment
 * by {@link requireVisibleEnvironment}.
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
 * The 404 of {@link requireReadableEnvironment} for a decision already made; returns the environment.
 * @internal
 */
export async function requireVisibleEnvironment(
  ctx: RouteContext,
  decision: PolicyDecision,
  environmentId: string,
  options: EnvironmentVisibilityOptions,
): Promise<StoredEnvironment> {
  // (made only when thrown: an error's stack trace is not free on a path every request takes)
  const notFound = () =>
    new NotFoundError(`No environment with the id "${environmentId}"`);
  // The stored environments are read through the store's short-lived cache, so an owner changed on another
  // replica applies here within its `definitionsCacheMs`, as the decision itself is reused for
  // `decisionCacheSeconds`. An unknown environment passes an ALLOW (and is then not found) and fails conditions.
  const environment = await options.environments.get(environmentId);
  if (!options.isEnvironmentAllowed(decision, environment)) {
    throw await ctx.denied('environment.read', { environmentId }, notFound());
  }
  if (!environment) throw notFound();
  return environment;
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

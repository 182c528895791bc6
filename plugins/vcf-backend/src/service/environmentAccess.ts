import type { Request } from 'express';
import { NotFoundError } from '@backstage/errors';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  vcfEnvironmentReadPermission,
  vcfSyncTriggerPermission,
  type SyncTargetStatus,
  type VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfAuditLog } from '../audit/VcfAuditLog';
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
 * 404 unless the caller may read the environment: the same answer as for an environment that does not exist, so
 * that ids are not confirmed to those who may not see them. One request to the permission backend (the decision
 * without a resource ref); conditions are checked in SQL by {@link isEnvironmentVisible}.
 * @internal
 */
export async function requireReadableEnvironment(
  ctx: RouteContext,
  environmentId: string,
  options: EnvironmentVisibilityOptions,
): Promise<void> {
  const [decision] = await ctx.decide([vcfEnvironmentReadPermission]);
  if (!(await isEnvironmentVisible(decision, environmentId, options))) {
    throw new NotFoundError(`No environment with the id "${environmentId}"`);
  }
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
    audit: VcfAuditLog;
    onSyncRequested: () => void;
  },
  environmentId: string,
  request?: Request,
): Promise<SyncTargetStatus[]> {
  const { environmentService, audit } = options;
  const begin = () =>
    audit.begin('sync.trigger', { actor: ctx.actor, environmentId }, request);
  await ctx.require(vcfSyncTriggerPermission, environmentId, begin);
  await environmentService.get(environmentId);
  const targets = await environmentService.requestSync(
    environmentId,
    ctx.actor,
  );
  await (await begin()).succeeded({ targets: targets.map(t => t.targetId) });
  options.onSyncRequested();
  return targets;
}

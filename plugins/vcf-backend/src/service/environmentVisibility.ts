import type { PolicyDecision } from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import { toListFilter } from './routeContext';

/**
 * Whether a `vcf.environment.read` decision (asked without a resource ref, see `RouteContext.decide`) lets the
 * caller see one environment. Conditions are checked in SQL against the stored environment, with the same rules
 * the permission backend would apply through the plugin's apply-conditions endpoint, without that second round
 * trip. An environment that does not exist is visible under ALLOW (the caller then gets its empty lists or 404).
 * @internal
 */
export async function isEnvironmentVisible(
  decision: PolicyDecision,
  environmentId: string,
  options: {
    environments: EnvironmentStore;
    environmentFilter: ConditionTransformer<VcfQueryFilter>;
  },
): Promise<boolean> {
  const filter = toListFilter(decision, options.environmentFilter);
  if (filter === undefined) return true;
  if (filter === false) return false;
  const matching = await options.environments.list({
    allOf: [filter, { field: 'environmentId', values: [environmentId] }],
  });
  return matching.length > 0;
}

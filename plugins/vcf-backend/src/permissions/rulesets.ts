import type {
  PermissionRule,
  PermissionRuleset,
} from '@backstage/plugin-permission-node';
import { vcfCredentialRules, vcfEnvironmentRules } from './rules';
import type { CredentialResource, EnvironmentResource } from './resourceRefs';
import type { VcfQueryFilter } from './VcfQueryFilter';

function rulesetOf<TResource>(
  rules: Record<string, PermissionRule<TResource, VcfQueryFilter, string, any>>,
): PermissionRuleset<TResource, VcfQueryFilter> {
  const byName = new Map(Object.values(rules).map(rule => [rule.name, rule]));
  return {
    getRuleByName(name) {
      const rule = byName.get(name);
      if (!rule) throw new Error(`Unknown VCF permission rule ${name}`);
      return rule;
    },
  };
}

/**
 * The plugin's own rules as rulesets, for code that has no permissions registry at hand (tests, scripts).
 * The plugin itself uses `permissionsRegistry.getPermissionRuleset`, which also holds rules other modules add.
 * @internal
 */
export const vcfCredentialRuleset =
  rulesetOf<CredentialResource>(vcfCredentialRules);

/** @internal */
export const vcfEnvironmentRuleset =
  rulesetOf<EnvironmentResource>(vcfEnvironmentRules);

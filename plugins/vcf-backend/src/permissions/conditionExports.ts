import { createConditionExports } from '@backstage/plugin-permission-node';
import { vcfCredentialRules, vcfEnvironmentRules } from './rules';
import {
  vcfCredentialResourceRef,
  vcfEnvironmentResourceRef,
} from './resourceRefs';

const credentialExports = createConditionExports({
  resourceRef: vcfCredentialResourceRef,
  rules: vcfCredentialRules,
});

const environmentExports = createConditionExports({
  resourceRef: vcfEnvironmentResourceRef,
  rules: vcfEnvironmentRules,
});

/**
 * Condition factories for policies about credentials, e.g.
 * `vcfCredentialConditions.isEnvironmentOwnedBy({ claims: user.info.ownershipEntityRefs })`.
 * @public
 */
export const vcfCredentialConditions = credentialExports.conditions;

/** Wraps credential conditions into a conditional policy decision. @public */
export const createVcfCredentialConditionalDecision =
  credentialExports.createConditionalDecision;

/** Condition factories for policies about environments. @public */
export const vcfEnvironmentConditions = environmentExports.conditions;

/** Wraps environment conditions into a conditional policy decision. @public */
export const createVcfEnvironmentConditionalDecision =
  environmentExports.createConditionalDecision;

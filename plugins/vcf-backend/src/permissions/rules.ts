import { createPermissionRule } from '@backstage/plugin-permission-node';
import { z } from 'zod';
import {
  vcfCredentialResourceRef,
  vcfEnvironmentResourceRef,
} from './resourceRefs';

const list = (description: string) => z.array(z.string()).describe(description);

/** Matches credentials of the given environments. @public */
export const credentialIsInEnvironment = createPermissionRule({
  name: 'IS_IN_ENVIRONMENT',
  description: 'Allow credentials of the given VCF environments',
  resourceRef: vcfCredentialResourceRef,
  paramsSchema: z.object({ environmentIds: list('VCF environment ids') }),
  apply: (credential, { environmentIds }) =>
    environmentIds.includes(credential.environmentId),
  toQuery: ({ environmentIds }) => ({
    field: 'environmentId',
    values: environmentIds,
  }),
});

/** Matches credentials whose environment is owned by one of the claims (the user's ownership refs). @public */
export const credentialIsOwnedBy = createPermissionRule({
  name: 'IS_ENVIRONMENT_OWNED_BY',
  description:
    "Allow credentials of environments owned by one of the given entity refs (e.g. the user's groups)",
  resourceRef: vcfCredentialResourceRef,
  paramsSchema: z.object({
    claims: list('Entity refs, e.g. group:default/team-a'),
  }),
  apply: (credential, { claims }) =>
    !!credential.environmentOwner &&
    claims.includes(credential.environmentOwner),
  toQuery: ({ claims }) => ({ field: 'environmentOwner', values: claims }),
});

/** Matches credentials of the given resource types (ESXI, VCENTER, NSXT_MANAGER…). @public */
export const credentialHasResourceType = createPermissionRule({
  name: 'HAS_RESOURCE_TYPE',
  description:
    'Allow credentials of the given resource types, e.g. ESXI or VCENTER',
  resourceRef: vcfCredentialResourceRef,
  paramsSchema: z.object({ resourceTypes: list('Resource types') }),
  apply: (credential, { resourceTypes }) =>
    resourceTypes.includes(credential.resourceType),
  toQuery: ({ resourceTypes }) => ({
    field: 'resourceType',
    values: resourceTypes,
  }),
});

/** Matches credentials of the given account types (USER, SYSTEM, SERVICE). @public */
export const credentialHasAccountType = createPermissionRule({
  name: 'HAS_ACCOUNT_TYPE',
  description:
    'Allow credentials of the given account types: USER, SYSTEM or SERVICE',
  resourceRef: vcfCredentialResourceRef,
  paramsSchema: z.object({ accountTypes: list('Account types') }),
  apply: (credential, { accountTypes }) =>
    !!credential.accountType && accountTypes.includes(credential.accountType),
  toQuery: ({ accountTypes }) => ({
    field: 'accountType',
    values: accountTypes,
  }),
});

/** Matches credentials of the given credential types (SSH, SSO, API…). @public */
export const credentialHasCredentialType = createPermissionRule({
  name: 'HAS_CREDENTIAL_TYPE',
  description:
    'Allow credentials of the given credential types: SSH, SSO, API, FTP or AUDIT',
  resourceRef: vcfCredentialResourceRef,
  paramsSchema: z.object({ credentialTypes: list('Credential types') }),
  apply: (credential, { credentialTypes }) =>
    credentialTypes.includes(credential.credentialType),
  toQuery: ({ credentialTypes }) => ({
    field: 'credentialType',
    values: credentialTypes,
  }),
});

/** Matches credentials read from the given sources (sddc-manager, installer). @public */
export const credentialHasSource = createPermissionRule({
  name: 'HAS_SOURCE',
  description:
    'Allow credentials read from the given sources: sddc-manager or installer',
  resourceRef: vcfCredentialResourceRef,
  paramsSchema: z.object({ sources: list('Sources') }),
  apply: (credential, { sources }) => sources.includes(credential.source),
  toQuery: ({ sources }) => ({ field: 'source', values: sources }),
});

/** Matches the given environments. @public */
export const environmentIsOneOf = createPermissionRule({
  name: 'IS_ENVIRONMENT',
  description: 'Allow the given VCF environments',
  resourceRef: vcfEnvironmentResourceRef,
  paramsSchema: z.object({ environmentIds: list('VCF environment ids') }),
  apply: (environment, { environmentIds }) =>
    environmentIds.includes(environment.id),
  toQuery: ({ environmentIds }) => ({
    field: 'environmentId',
    values: environmentIds,
  }),
});

/** Matches environments owned by one of the claims. @public */
export const environmentIsOwnedBy = createPermissionRule({
  name: 'IS_OWNED_BY',
  description: 'Allow environments owned by one of the given entity refs',
  resourceRef: vcfEnvironmentResourceRef,
  paramsSchema: z.object({
    claims: list('Entity refs, e.g. group:default/team-a'),
  }),
  apply: (environment, { claims }) =>
    !!environment.owner && claims.includes(environment.owner),
  toQuery: ({ claims }) => ({ field: 'environmentOwner', values: claims }),
});

/** Every rule for credentials. @public */
export const vcfCredentialRules = {
  isInEnvironment: credentialIsInEnvironment,
  isEnvironmentOwnedBy: credentialIsOwnedBy,
  hasResourceType: credentialHasResourceType,
  hasAccountType: credentialHasAccountType,
  hasCredentialType: credentialHasCredentialType,
  hasSource: credentialHasSource,
};

/** Every rule for environments. @public */
export const vcfEnvironmentRules = {
  isEnvironment: environmentIsOneOf,
  isOwnedBy: environmentIsOwnedBy,
};

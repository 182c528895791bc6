import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  VCF_CREDENTIAL_RESOURCE_TYPE,
  VCF_ENVIRONMENT_RESOURCE_TYPE,
  type CredentialSummary,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfQueryFilter } from './VcfQueryFilter';

/**
 * A credential as permission rules see it: its metadata and the owner of its environment.
 * @public
 */
export type CredentialResource = CredentialSummary & {
  environmentOwner?: string;
};

/**
 * An environment as permission rules see it.
 * @public
 */
export interface EnvironmentResource {
  id: string;
  owner?: string;
}

/** @public */
export const vcfCredentialResourceRef = createPermissionResourceRef<
  CredentialResource,
  VcfQueryFilter
>().with({ pluginId: 'vcf', resourceType: VCF_CREDENTIAL_RESOURCE_TYPE });

/** @public */
export const vcfEnvironmentResourceRef = createPermissionResourceRef<
  EnvironmentResource,
  VcfQueryFilter
>().with({ pluginId: 'vcf', resourceType: VCF_ENVIRONMENT_RESOURCE_TYPE });

/**
 * The VMware Cloud Foundation backend plugin for Backstage.
 *
 * @packageDocumentation
 */

export { vcfPlugin as default } from './plugin';
export * from './permissions/conditionExports';
export * from './permissions/rules';
export {
  vcfCredentialResourceRef,
  vcfEnvironmentResourceRef,
  type CredentialResource,
  type EnvironmentResource,
} from './permissions/resourceRefs';
export type { VcfQueryFilter } from './permissions/VcfQueryFilter';

/**
 * Catalog entities for VMware Cloud Foundation environments, their vCenters, clusters, ESXi hosts and datastores.
 *
 * @packageDocumentation
 */

export { catalogModuleVcf as default } from './module';
export { VcfEntityProvider } from './VcfEntityProvider';
export {
  VcfEntityBuilder,
  VCF_ENTITY_NAMESPACE,
  VCF_PART_OF_ANNOTATION,
  VCF_RESOURCE_TYPES,
} from './VcfEntityBuilder';
export { VcfPartOfProcessor } from './VcfPartOfProcessor';
export { VcfEnvironmentLinkProcessor } from './VcfEnvironmentLinkProcessor';
export { toEntityName } from './entityNames';

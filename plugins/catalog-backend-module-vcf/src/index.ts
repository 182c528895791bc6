/**
 * Catalog entities for VMware Cloud Foundation environments (and, as the inventory grows, their vCenters,
 * clusters, hosts and datastores).
 *
 * @packageDocumentation
 */

export { catalogModuleVcf as default } from './module';
export { VcfEntityProvider, VCF_ENTITY_NAMESPACE } from './VcfEntityProvider';

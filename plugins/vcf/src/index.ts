/**
 * Frontend plugin for VMware Cloud Foundation: credentials synced from SDDC Manager and the
 * VCF Installer, and the vSphere inventory of many vCenters.
 *
 * This entry point is for apps on the legacy frontend system; the new frontend system uses
 * `@vcf-backstage/plugin-vcf/alpha`.
 *
 * @packageDocumentation
 */

export {
  vcfPlugin,
  VcfPage,
  EntityVcfEnvironmentContent,
  EntityVcfEnvironmentCard,
  EntityVsphereResourcesCard,
} from './plugin';
export { rootRouteRef } from './routes';
export {
  VcfSearchResultListItem,
  type VcfSearchResultListItemProps,
} from './components/VcfSearchResultListItem';
export {
  isVcfEntityContentAvailable,
  isVcfEnvironmentAvailable,
  isVcfEnvironmentCardAvailable,
  isVsphereResourceAvailable,
} from './conditions';
export { vcfApiRef, VcfClient } from './api';
export type {
  VcfApi,
  VcfDownload,
  VcfExportFormat,
  SyncTriggerResponse,
  CredentialFacets,
  CredentialFilterName,
  InventoryListQuery,
  InventoryRowsByKind,
  InventoryRow,
  TopItemsQuery,
  AuditListQuery,
  InventoryScope,
  SyncRunListQuery,
} from './api';

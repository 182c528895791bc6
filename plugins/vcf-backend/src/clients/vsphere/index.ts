/*
 * A typed vim25 SOAP client for vCenter: sessions, paged PropertyCollector retrievals over ContainerViews, and
 * the inventory fetcher that maps a vCenter to inventory rows.
 */

export { VimSoapClient } from './VimSoapClient';
export type { VimSoapClientOptions, VimStreamedReply } from './VimSoapClient';
export { escapeXml, xmlChildren, xmlElement, XmlFragment } from './vimXml';
export type { XmlValue } from './vimXml';
export { VimFaultError } from './VimFaultError';
export { PropertyCollectorPager } from './PropertyCollectorPager';
export type {
  PropertyCollectorPageHandlers,
  PropertyCollectorPagerOptions,
} from './PropertyCollectorPager';
export { containerViewTraversal } from './propertyFilterSpec';
export type {
  ObjectSpecInput,
  PropertyFilterSpecInput,
  PropertySpecInput,
  TraversalSpecInput,
} from './propertyFilterSpec';
export {
  VSPHERE_PROPERTY_PATHS,
  VSPHERE_VIEW_RETRIEVALS,
} from './vspherePropertyPaths';
export type { VsphereViewRetrieval } from './vspherePropertyPaths';
export { VsphereInventoryFetcher } from './VsphereInventoryFetcher';
export type {
  VsphereInventory,
  VsphereInventoryFetcherOptions,
  VsphereInventoryFetchSummary,
  VsphereInventorySink,
} from './VsphereInventoryFetcher';
export type { VsphereInventoryRows } from './vsphereRowMappers';
export type {
  ManagedObjectReference,
  ObjectContent,
  VimNode,
  VimServiceContent,
} from './types';
export {
  asArray,
  child,
  moRefKey,
  readArrayOf,
  readBoolean,
  readDate,
  readMoRef,
  readMoRefs,
  readNumber,
  readString,
  readStrings,
  xsiType,
} from './vimValues';

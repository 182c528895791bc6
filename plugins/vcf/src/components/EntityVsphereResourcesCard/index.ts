export {
  EntityVsphereResourcesCard,
  hostColumns,
  parseVsphereRef,
  ResourceTable,
} from './EntityVsphereResourcesCard';

export {
  EntityVsphereResourcesCard,
  parseVsphereRef,
} from './EntityVsphereResourcesCard';

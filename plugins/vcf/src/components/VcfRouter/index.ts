export { VcfRouter } from './VcfRouter';
export { LegacyVcfPage } from './LegacyVcfPage';

export { vcfApiRef } from './VcfApi';
export type { VcfApi } from './VcfApi';
export { VcfClient } from './VcfClient';
export type * from './types';

export { VcenterStatusPanel } from './VcenterStatusPanel';
export { VcenterStatus } from './VcenterStatus';

/**
 * Builds and starts vcsim, VMware's vCenter simulator from govmomi, with a chosen inventory, for the tests and
 * benchmarks of the vSphere inventory client. See tools/vcsim/README.md for what the launcher adds to vcsim.
 *
 * @packageDocumentation
 */

export {
  buildVcsim,
  buildGoProgram,
  buildGovmomiInventory,
} from './buildVcsim';
export type { BuildGoProgramOptions } from './buildVcsim';
export { startVcsim, DEFAULT_VCSIM_TOPOLOGY } from './startVcsim';
export type {
  StartVcsimOptions,
  VcsimCounts,
  VcsimInstance,
  VcsimSamples,
  VcsimStats,
  VcsimTopology,
} from './types';

/**
 * Search backend module that indexes VMware Cloud Foundation environments and vSphere inventory.
 *
 * @packageDocumentation
 */

export { searchModuleVcfCollator as default } from './module';
export {
  VcfEnvironmentCollatorFactory,
  VcfInventoryCollatorFactory,
} from './VcfCollatorFactory';
export {
  VcfSearchSourceReader,
  type VcfSearchSourceReaderOptions,
} from './VcfSearchSourceReader';
export type { VcfSearchDocument } from './VcfSearchDocument';

/**
 * An SDDC Manager and VCF Installer API simulator that follows VMware's
 * official OpenAPI specs, with scale and fault knobs, plus a validator that
 * checks requests and responses against those specs.
 *
 * @packageDocumentation
 */

export { startVcfSimulator } from './simulator/startVcfSimulator';
export type {
  CredentialTaskOutcome,
  FaultScope,
  RotatedPassword,
  ServiceAccount,
  SimulatedEnvironment,
  SimulatedEnvironmentOptions,
  SimulatedService,
  SimulatedVcenterOptions,
  SimulatorFaults,
  TruncatedPageMode,
  VcfSimulator,
  VcfSimulatorOptions,
  VcfSpecFlavor,
} from './simulator/types';
export { NO_FAULTS } from './state/FaultSettings';
export type {
  ApplianceInfo,
  AuthenticatedResource,
  AutoRotateCredentialPolicy,
  Credential,
  CredentialExpirationCheck,
  CredentialsExpiration,
  CredentialsSubTask,
  CredentialsTask,
  Domain,
  DomainReference,
  ExpirationDetails,
  PageMetadata,
  PageOf,
  SddcManager,
  SddcSpec,
  SddcTask,
  Task,
  TokenPair,
  Vcenter,
  VcfErrorBody,
} from './data/apiTypes';
export {
  createSpecValidator,
  SPEC_FILES,
  SpecFolderAbsentError,
  type SpecValidationResult,
  type SpecValidator,
  type SpecValidatorOptions,
} from './spec/createSpecValidator';
export {
  locateSpecFolder,
  SPECS_DIR_ENV,
  type SpecFolderLocation,
} from './spec/locateSpecFolder';

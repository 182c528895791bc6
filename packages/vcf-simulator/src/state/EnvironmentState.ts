import type {
  Credential,
  Domain,
  ExpirationDetails,
  SddcManager,
  SddcSpec,
  SddcTask,
  Vcenter,
} from '../data/apiTypes';
import { credentialsFromTopology } from '../data/credentials';
import { buildVcf52SddcSpec, buildVcf9SddcSpec } from '../data/installerSpec';
import {
  toDomains,
  toSddcManagers,
  toSddcTask,
  toVcenters,
} from '../data/inventoryViews';
import { generatePassword } from '../data/passwords';
import { SeededRandom } from '../data/SeededRandom';
import { generateTopology, type EnvironmentTopology } from '../data/topology';
import type {
  RotatedPassword,
  ServiceAccount,
  SimulatedService,
  SimulatedVcenterOptions,
  VcfSpecFlavor,
} from '../simulator/types';
import { CredentialOperations } from './CredentialOperations';
import { NotFoundError } from './NotFoundError';
import { TokenStore } from './TokenStore';

/** Everything needed to generate one environment. */
export interface EnvironmentStateInput {
  seed: string;
  id: string;
  /** 1-based position among the simulator's environments. */
  index: number;
  flavor: VcfSpecFlavor;
  credentialCount: number;
  domainCount: number;
  vcenters?: SimulatedVcenterOptions[];
  referenceDate: Date;
}

/** The account the portal uses to read SDDC Manager. */
export const SDDC_MANAGER_SERVICE_ACCOUNT_NAME = 'svc-backstage@vsphere.local';
/** The VCF Installer's built-in administrator. */
export const INSTALLER_SERVICE_ACCOUNT_NAME = 'admin@local';

/**
 * The live state of one simulated environment: its generated data, the
 * passwords as they change, and the tokens both of its APIs issued.
 */
export class EnvironmentState {
  readonly id: string;
  readonly flavor: VcfSpecFlavor;
  readonly topology: EnvironmentTopology;
  readonly credentials: Credential[];
  readonly vcenters: Vcenter[];
  readonly domains: Domain[];
  readonly sddcManagers: SddcManager[];
  readonly sddcTask: SddcTask;
  readonly sddcSpec: SddcSpec;
  readonly serviceAccounts: Record<SimulatedService, ServiceAccount>;
  /** Password tasks and expiration checks of `PATCH /v1/credentials` and friends. */
  readonly credentialOperations: CredentialOperations;
  readonly tokens: Record<SimulatedService, TokenStore> = {
    'sddc-manager': new TokenStore(),
    installer: new TokenStore(),
  };

  private readonly credentialsById: Map<string, Credential>;
  private readonly rotationRandom: SeededRandom;
  private serviceAccountLogins = 0;

  constructor(input: EnvironmentStateInput) {
    this.id = input.id;
    this.flavor = input.flavor;
    this.topology = generateTopology({
      seed: input.seed,
      environmentId: input.id,
      environmentIndex: input.index,
      flavor: input.flavor,
      credentialCount: input.credentialCount,
      domainCount: input.domainCount,
      vcenters: input.vcenters,
    });
    this.credentials = credentialsFromTopology({
      seed: input.seed,
      topology: this.topology,
      credentialCount: input.credentialCount,
      referenceDate: input.referenceDate,
    });
    this.credentialsById = new Map(this.credentials.map(c => [c.id, c]));
    this.vcenters = toVcenters(this.topology);
    this.domains = toDomains(this.topology);
    this.sddcManagers = toSddcManagers(this.topology);

    const random = SeededRandom.forKey(input.seed, input.id, 'environment');
    this.sddcTask = toSddcTask(
      this.topology,
      random.uuid(),
      input.referenceDate,
    );
    this.sddcSpec =
      input.flavor === 'vcf9'
        ? buildVcf9SddcSpec(this.topology)
        : buildVcf52SddcSpec(this.topology);
    this.serviceAccounts = {
      'sddc-manager': {
        username: SDDC_MANAGER_SERVICE_ACCOUNT_NAME,
        password: generatePassword(random),
      },
      installer: {
        username: INSTALLER_SERVICE_ACCOUNT_NAME,
        password: generatePassword(random),
      },
    };
    this.rotationRandom = SeededRandom.forKey(
      input.seed,
      input.id,
      'rotations',
    );
    this.credentialOperations = new CredentialOperations({
      flavor: this.flavor,
      credentials: this.credentials,
      generatePassword: () => generatePassword(this.rotationRandom),
      now: () => new Date(),
    });
  }

  /** Sets the expiry SDDC Manager reports (and its next expiration check finds) for a credential. */
  setCredentialExpiry(credentialId: string, expiry: ExpirationDetails): void {
    const credential = this.credentialsById.get(credentialId);
    if (!credential) {
      throw new NotFoundError(
        `Environment ${this.id} has no credential ${credentialId}`,
      );
    }
    credential.expiry = structuredClone(expiry);
  }

  /** A credential by id, as `GET /v1/credentials/{id}` looks it up. */
  findCredential(id: string): Credential | undefined {
    return this.credentialsById.get(id);
  }

  /**
   * Gives a credential a new password and modification time, as an SDDC
   * Manager rotation would. Without an id, the next one of a seeded sequence.
   */
  rotatePassword(credentialId?: string): RotatedPassword {
    if (this.credentials.length === 0) {
      throw new Error(`Environment ${this.id} has no credentials to rotate`);
    }
    const credential =
      credentialId === undefined
        ? this.rotationRandom.pick(this.credentials)
        : this.credentialsById.get(credentialId);
    if (!credential) {
      throw new NotFoundError(
        `Environment ${this.id} has no credential ${credentialId}`,
      );
    }
    credential.password = generatePassword(this.rotationRandom);
    credential.modificationTimestamp = new Date().toISOString();
    return {
      credentialId: credential.id,
      username: credential.username,
      resourceName: credential.resource.resourceName,
      password: credential.password,
    };
  }

  /**
   * Records a successful SDDC Manager service-account login; from the second
   * login on, rotates `rotationsPerLogin` passwords first so that every sync
   * after the first sees changed passwords.
   */
  recordServiceAccountLogin(rotationsPerLogin: number): void {
    this.serviceAccountLogins += 1;
    if (this.serviceAccountLogins > 1) {
      for (let i = 0; i < rotationsPerLogin; i++) {
        this.rotatePassword();
      }
    }
  }
}

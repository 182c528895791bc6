import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CredentialSource,
  ManagedBy,
  RotateAfterRevealSettings,
} from '@vcf-backstage/plugin-vcf-common';
import type {
  EndpointDefinition,
  EnvironmentDefinition,
} from '../config/readVcfConfig';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';

/**
 * An endpoint as stored, without its password.
 * @internal
 */
export type StoredEndpoint = Omit<EndpointDefinition, 'password'>;

/**
 * An environment as stored, without passwords.
 * @internal
 */
export interface StoredEnvironment {
  id: string;
  title: string;
  description?: string;
  owner?: string;
  managedBy: ManagedBy;
  discoverVcenters: boolean;
  rotateAfterReveal?: RotateAfterRevealSettings;
  endpoints: Partial<Record<CredentialSource, StoredEndpoint>>;
}

/**
 * An environment change through the API: endpoint passwords may be left out to keep the stored ones.
 * @internal
 */
export type EnvironmentChange = Omit<EnvironmentDefinition, 'endpoints'> & {
  endpoints: Partial<
    Record<
      CredentialSource,
      Omit<EndpointDefinition, 'password'> & { password?: string }
    >
  >;
};

/**
 * Environments and their endpoints; service-account passwords are stored encrypted.
 * @internal
 */
export interface EnvironmentStore {
  /** Makes the config-managed rows match `vcf.environments` (adds, updates, removes). */
  replaceConfigEnvironments(
    definitions: EnvironmentDefinition[],
  ): Promise<void>;
  create(change: EnvironmentChange): Promise<void>;
  update(change: EnvironmentChange): Promise<void>;
  delete(id: string): Promise<void>;
  get(id: string): Promise<StoredEnvironment | undefined>;
  list(
    filter?: PermissionCriteria<VcfQueryFilter>,
  ): Promise<StoredEnvironment[]>;
  /** The endpoint with its decrypted password, for a sync or a connection test. */
  getEndpointWithPassword(
    id: string,
    source: CredentialSource,
  ): Promise<EndpointDefinition | undefined>;
}

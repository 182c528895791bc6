import type { VcenterSummary } from '@vcf-backstage/plugin-vcf-common';
import type { VcenterDefinition } from '../config/readVcfConfig';
import type { ResolvedTlsSettings } from '../http/UpstreamHttpClient';

/**
 * Where a vCenter's definition comes from: `app-config.yaml`, the API, or SDDC Manager (`discoverVcenters`).
 * @internal
 */
export type VcenterManagedBy = VcenterSummary['managedBy'];

/**
 * A vCenter as stored, without its password.
 * @internal
 */
export interface StoredVcenter {
  id: string;
  title: string;
  baseUrl: string;
  username: string;
  environmentId?: string;
  owner?: string;
  enabled: boolean;
  managedBy: VcenterManagedBy;
  tls: ResolvedTlsSettings;
  intervalMinutes: number;
  apiVersion?: string;
  /** `about.instanceUuid`, as the last inventory sync read it. */
  instanceUuid?: string;
  /** The synced SSO credential a discovered vCenter logs in with. */
  credentialId?: string;
}

/**
 * What an inventory sync reads of a vCenter's `about` and keeps.
 * @internal
 */
export interface VcenterAbout {
  apiVersion: string;
  instanceUuid?: string;
}

/**
 * A vCenter change through the API: the password may be left out on update to keep the stored one.
 * @internal
 */
export type VcenterChange = Omit<VcenterDefinition, 'password'> & {
  password?: string;
};

/**
 * A vCenter found in an environment's SDDC Manager, with the synced credential to log in with (if one was found).
 * @internal
 */
export interface DiscoveredVcenter {
  id: string;
  title: string;
  baseUrl: string;
  username: string;
  credentialId?: string;
  environmentId: string;
  owner?: string;
  tls: ResolvedTlsSettings;
  intervalMinutes: number;
}

/**
 * vCenters and their service accounts; stored passwords are encrypted. Deleting a vCenter deletes its inventory.
 * @internal
 */
export interface VcenterStore {
  /** Makes the config-managed rows match `vcf.vcenters`; returns the ids it removed. */
  replaceConfigVcenters(definitions: VcenterDefinition[]): Promise<string[]>;
  /**
   * Makes the discovered vCenters of one environment match what its SDDC Manager lists. An id already used by a
   * config or API vCenter is skipped. Returns the ids removed and skipped.
   */
  replaceDiscoveredVcenters(
    environmentId: string,
    found: DiscoveredVcenter[],
  ): Promise<{ removed: string[]; skipped: string[] }>;
  create(change: VcenterChange): Promise<void>;
  update(change: VcenterChange): Promise<void>;
  delete(id: string): Promise<void>;
  get(id: string): Promise<StoredVcenter | undefined>;
  list(filter?: {
    id?: string;
    environmentId?: string;
    managedBy?: VcenterManagedBy;
  }): Promise<StoredVcenter[]>;
  /** The decrypted service-account password of a config or API vCenter, for a sync or a connection test. */
  getPassword(id: string): Promise<string | undefined>;
  /** Records what the last inventory sync read of the vCenter's `about`. */
  recordAbout(id: string, about: VcenterAbout): Promise<void>;
}

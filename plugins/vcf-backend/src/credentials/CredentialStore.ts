import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type {
  CredentialFacets,
  CredentialHistoryEntry,
  CredentialListQuery,
  CredentialSource,
  CredentialSummary,
  ExpiryStatus,
  Page,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type { CredentialResource } from '../permissions/resourceRefs';
import type { UpstreamCredential } from './UpstreamCredential';

/**
 * What a sync changed.
 * @internal
 */
export interface CredentialSyncCounts {
  total: number;
  added: number;
  updated: number;
  passwordsChanged: number;
  removed: number;
}

/**
 * Credential counts of one environment.
 * @internal
 */
export interface CredentialCounts {
  total: number;
  removed: number;
  expiringSoon: number;
  expired: number;
}

/**
 * Expired and soon-expiring credentials of one environment, for the owner's expiry digest.
 * @internal
 */
export interface CredentialExpiryGroup {
  owner: string;
  environmentId: string;
  environmentTitle: string;
  /** Credentials past their expiry date, or reported EXPIRED upstream. */
  expired: number;
  /** Credentials that expire before the asked date. */
  expiring: number;
  /** The earliest expiry date still ahead, if any. */
  nextExpiryDate?: string;
}

/**
 * Synced credentials. Passwords are encrypted at rest and leave the store only through
 * {@link CredentialStore.revealPassword}, {@link CredentialStore.listHistory} with passwords, and exports that
 * ask for them.
 * @internal
 */
export interface CredentialStore {
  /**
   * Makes the stored credentials of one environment source match a complete upstream fetch, in one transaction:
   * adds new ones, updates changed ones (an earlier password goes to the history), marks vanished ones removed.
   */
  replaceSourceSet(options: {
    environmentId: string;
    source: CredentialSource;
    credentials: UpstreamCredential[];
    now?: Date;
  }): Promise<CredentialSyncCounts>;
  list(options: {
    environmentId?: string;
    query: CredentialListQuery;
    filter?: PermissionCriteria<VcfQueryFilter>;
  }): Promise<Page<CredentialSummary>>;
  facets(options: {
    environmentId: string;
    filter?: PermissionCriteria<VcfQueryFilter>;
  }): Promise<CredentialFacets>;
  get(id: string): Promise<CredentialResource | undefined>;
  getMany(ids: string[]): Promise<Array<CredentialResource | undefined>>;
  revealPassword(id: string): Promise<string>;
  listHistory(
    id: string,
    options: { withPasswords: boolean },
  ): Promise<CredentialHistoryEntry[]>;
  /** Rows for an export in the list's order, batch by batch (constant memory), with passwords when asked. */
  iterateForExport(options: {
    environmentId: string;
    query: CredentialListQuery;
    filter?: PermissionCriteria<VcfQueryFilter>;
    /** true, false, or a per-row decision (a conditional export permission). */
    withPasswords: boolean | ((credential: CredentialResource) => boolean);
  }): AsyncIterable<CredentialResource & { password?: string }>;
  countsByEnvironment(
    environmentIds: string[],
  ): Promise<Map<string, CredentialCounts>>;
  /**
   * Writes what an SDDC Manager expiry check found (by SDDC Manager credential id) into the environment's
   * credentials; returns how many rows changed.
   */
  applyExpiryCheck(options: {
    environmentId: string;
    results: Array<{
      credentialId: string;
      expiryStatus?: ExpiryStatus;
      expiryDate?: string;
    }>;
  }): Promise<number>;
  /**
   * Per owned environment, how many of its credentials have expired and how many expire before `expiringBefore`
   * (counted in SQL; environments without an owner or without such credentials are left out).
   */
  expiryGroups(options: {
    expiringBefore: Date;
    now?: Date;
  }): Promise<CredentialExpiryGroup[]>;
}

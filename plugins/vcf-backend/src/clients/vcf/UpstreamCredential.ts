import type { ExpiryStatus } from '@vcf-backstage/plugin-vcf-common';

/**
 * A credential as read from SDDC Manager or the VCF Installer, password in clear (in memory only, until it is
 * encrypted by the store).
 * @internal
 */
export interface UpstreamCredential {
  /** Stable identity within its environment and source: the upstream id, or type/name/user for the Installer. */
  naturalKey: string;
  upstreamId?: string;
  resourceId?: string;
  resourceName: string;
  resourceIp?: string;
  resourceType: string;
  domainName?: string;
  username: string;
  password: string;
  credentialType: string;
  accountType?: string;
  expiryStatus?: ExpiryStatus;
  expiryDate?: string;
  upstreamModifiedAt?: string;
  /** SDDC Manager's auto-rotate policy of the credential, when one is set. */
  autoRotate?: { frequencyInDays: number; nextRotationAt?: string };
}

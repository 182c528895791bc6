import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CredentialSummary } from '@vcf-backstage/plugin-vcf-common';
import {
  SddcManagerClient,
  type SddcVcenter,
} from '../clients/vcf/SddcManagerClient';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { VcfClientSettings } from '../credentials/CredentialSyncRunner';
import type {
  EnvironmentStore,
  StoredEnvironment,
} from '../environments/EnvironmentStore';
import type { DiscoveredVcenter } from './VcenterStore';

/** Minutes between inventory syncs of a discovered vCenter. */
const DISCOVERED_INTERVAL_MINUTES = 15;

/**
 * The id of a discovered vCenter, `<environment>.<fqdn>`: readable, stable, and within the id pattern of the API.
 * @internal
 */
export function discoveredVcenterId(
  environmentId: string,
  fqdn: string,
): string {
  return `${environmentId}.${fqdn}`
    .toLowerCase()
    .replace(/[^a-z0-9-_.]/g, '-')
    .slice(0, 100);
}

/** Prefers the SSO administrator of the vCenter's PSC, as SDDC Manager synced it last. */
function rank(credential: CredentialSummary): number {
  return (
    (credential.username.toLowerCase().startsWith('administrator@') ? 0 : 4) +
    (credential.resourceType === 'PSC' ? 0 : 2) +
    (credential.source === 'sddc-manager' ? 0 : 1)
  );
}

/**
 * Finds the vCenters of a VCF environment in its SDDC Manager (`GET /v1/vcenters`) and, for each, the synced SSO
 * credential to log in with: a credential of resource type PSC or VCENTER for the vCenter's FQDN (or IP address)
 * whose user is an SSO account such as `administrator@vsphere.local`.
 * @internal
 */
export class VcenterDiscovery {
  constructor(
    private readonly options: {
      environments: EnvironmentStore;
      credentials: CredentialStore;
      logger: LoggerService;
      clientSettings?: VcfClientSettings;
    },
  ) {}

  async discover(environment: StoredEnvironment): Promise<DiscoveredVcenter[]> {
    const endpoint = await this.options.environments.getEndpointWithPassword(
      environment.id,
      'sddc-manager',
    );
    if (!endpoint) return [];
    const client = SddcManagerClient.create({
      baseUrl: endpoint.baseUrl,
      username: endpoint.username,
      password: endpoint.password,
      tls: endpoint.tls,
      logger: this.options.logger,
      ...this.options.clientSettings,
    });
    let vcenters: SddcVcenter[];
    try {
      vcenters = await client.listVcenters();
    } finally {
      await client.close();
    }
    const discovered: DiscoveredVcenter[] = [];
    for (const vcenter of vcenters) {
      const credential = await this.findSsoCredential(environment.id, vcenter);
      if (!credential) {
        this.options.logger.warn(
          'No SSO credential was synced for a discovered vCenter',
          {
            environment: environment.id,
            vcenter: vcenter.fqdn,
          },
        );
      }
      discovered.push({
        id: discoveredVcenterId(environment.id, vcenter.fqdn),
        title: vcenter.fqdn,
        baseUrl: `https://${vcenter.fqdn}`,
        username: credential?.username ?? '',
        credentialId: credential?.id,
        environmentId: environment.id,
        owner: environment.owner,
        // vCenter certificates come from the same VMCA as SDDC Manager's, so its trust settings apply.
        tls: endpoint.tls,
        intervalMinutes: DISCOVERED_INTERVAL_MINUTES,
      });
    }
    return discovered;
  }

  private async findSsoCredential(
    environmentId: string,
    vcenter: SddcVcenter,
  ): Promise<CredentialSummary | undefined> {
    const fqdn = vcenter.fqdn.toLowerCase();
    const candidates: CredentialSummary[] = [];
    for (const q of [vcenter.fqdn, vcenter.ipAddress]) {
      if (!q) continue;
      const page = await this.options.credentials.list({
        environmentId,
        query: { q, credentialType: 'SSO', limit: 500 },
      });
      candidates.push(
        ...page.items.filter(
          c =>
            (c.resourceType === 'PSC' || c.resourceType === 'VCENTER') &&
            c.username.includes('@') &&
            (c.resourceName.toLowerCase() === fqdn ||
              (!!vcenter.ipAddress && c.resourceIp === vcenter.ipAddress)),
        ),
      );
      if (candidates.length) break;
    }
    return candidates.sort((a, b) => rank(a) - rank(b))[0];
  }
}

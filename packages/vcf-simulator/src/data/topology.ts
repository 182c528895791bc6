import { generatePassword } from './passwords';
import { SeededRandom } from './SeededRandom';
import type {
  SimulatedVcenterOptions,
  VcfSpecFlavor,
} from '../simulator/types';

/** One account of a resource, as SDDC Manager lists it. */
export interface TopologyAccount {
  username: string;
  /** SSO, SSH, API, FTP or AUDIT */
  credentialType: string;
  /** USER, SYSTEM or SERVICE */
  accountType: string;
  password: string;
}

/** Something SDDC Manager holds credentials for: an appliance, a host, a backup target. */
export interface TopologyResource {
  id: string;
  /** FQDN, e.g. `esxi-01.vcf01.example.test` */
  name: string;
  ip: string;
  /** As in `AuthenticatedResource.resourceType`, e.g. ESXI, VCENTER, PSC, NSXT_MANAGER */
  type: string;
  domainName: string;
  accounts: TopologyAccount[];
}

/** A workload domain with its vCenter, NSX cluster and first cluster. */
export interface TopologyDomain {
  id: string;
  name: string;
  type: 'MANAGEMENT' | 'VI';
  /** Short label used in appliance names: `mgmt`, `wld01`, … */
  label: string;
  clusterId: string;
  clusterName: string;
  vcenter: { id: string; fqdn: string; ipAddress: string; version: string };
  nsxClusterId: string;
  nsxVipFqdn: string;
}

/** A management appliance only the installer knows (VCF 9 fleet management, collector, automation). */
export interface InstallerOnlyAppliance {
  hostname: string;
  rootPassword?: string;
  adminPassword?: string;
}

/** Everything generated for one environment, before it is shaped into API responses. */
export interface EnvironmentTopology {
  environmentId: string;
  flavor: VcfSpecFlavor;
  /** DNS suffix of every name, e.g. `vcf01.example.test` */
  dnsSubdomain: string;
  /** Third octet base for this environment's addresses. */
  networkPrefix: string;
  versions: { sddcManager: string; vcenter: string; nsx: string };
  sddcManager: { id: string; fqdn: string; ip: string };
  domains: TopologyDomain[];
  /** In the order SDDC Manager lists their credentials. */
  resources: TopologyResource[];
  /** The management domain's resources the deployment spec refers to. */
  management: {
    sddcManager: TopologyResource;
    vcenter: TopologyResource;
    psc: TopologyResource;
    nsxManager: TopologyResource;
    vcfOperations: TopologyResource;
    hosts: TopologyResource[];
    nsxManagerNodeNames: string[];
  };
  installerOnly: {
    fleetManagement: InstallerOnlyAppliance;
    collector: InstallerOnlyAppliance;
    automation: InstallerOnlyAppliance;
  };
}

/** Input of {@link generateTopology}. */
export interface TopologyInput {
  seed: string;
  environmentId: string;
  /** 1-based position of the environment; used in addresses. */
  environmentIndex: number;
  flavor: VcfSpecFlavor;
  credentialCount: number;
  domainCount: number;
  vcenters?: SimulatedVcenterOptions[];
}

const VERSIONS: Record<VcfSpecFlavor, EnvironmentTopology['versions']> = {
  vcf9: {
    sddcManager: '9.0.2.0.25151285',
    vcenter: '9.0.2.0.25148086',
    nsx: '9.0.2.0.25155017',
  },
  'vcf5.2': {
    sddcManager: '5.2.1.0-24307856',
    vcenter: '8.0.3.00300-24305161',
    nsx: '4.2.1.0.0.24304122',
  },
};

const MANAGEMENT_BASE_HOSTS = 4;
const VI_BASE_HOSTS = 3;
const ACCOUNTS_PER_HOST = 2;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Builds the resources of one environment: a management domain and VI domains,
 * each with a vCenter, a PSC, an NSX cluster with edges and ESXi hosts, plus SDDC
 * Manager, its backup, VCF Operations and an NSX ALB. Hosts are added until the
 * resources hold at least `credentialCount` accounts.
 */
export function generateTopology(input: TopologyInput): EnvironmentTopology {
  const random = SeededRandom.forKey(
    input.seed,
    input.environmentId,
    'topology',
  );
  const passwords = SeededRandom.forKey(
    input.seed,
    input.environmentId,
    'passwords',
  );
  const versions = VERSIONS[input.flavor];
  const dnsSubdomain = `${input.environmentId}.example.test`;
  const fqdn = (label: string) => `${label}.${dnsSubdomain}`;
  const octet = input.environmentIndex % 250;
  const ipFor = (domainIndex: number, ordinal: number) =>
    `10.${octet}.${(domainIndex * 50 + Math.floor(ordinal / 240)) % 256}.${
      10 + (ordinal % 240)
    }`;
  const account = (
    username: string,
    credentialType: string,
    accountType = 'USER',
  ): TopologyAccount => ({
    username,
    credentialType,
    accountType,
    password: generatePassword(passwords),
  });

  const domainCount = input.vcenters?.length
    ? input.vcenters.length
    : Math.max(1, input.domainCount);
  const domains: TopologyDomain[] = [];
  for (let index = 0; index < domainCount; index++) {
    const isManagement = index === 0;
    const label = isManagement ? 'mgmt' : `wld${pad(index, 2)}`;
    const name = `${input.environmentId}-${
      isManagement ? 'm01' : `w${pad(index, 2)}`
    }`;
    const vcenterOverride = input.vcenters?.[index];
    domains.push({
      id: random.uuid(),
      name,
      type: isManagement ? 'MANAGEMENT' : 'VI',
      label,
      clusterId: random.uuid(),
      clusterName: `${name}-cl01`,
      vcenter: {
        id: random.uuid(),
        fqdn: vcenterOverride?.fqdn ?? fqdn(`vcenter-${label}`),
        ipAddress: vcenterOverride?.ipAddress ?? ipFor(index, 2),
        version: vcenterOverride?.version ?? versions.vcenter,
      },
      nsxClusterId: random.uuid(),
      nsxVipFqdn: fqdn(`nsx-${label}`),
    });
  }

  const resources: TopologyResource[] = [];
  const addResource = (
    type: string,
    name: string,
    ip: string,
    domain: TopologyDomain,
    accounts: TopologyAccount[],
    id: string = random.uuid(),
  ): TopologyResource => {
    const resource = { id, name, ip, type, domainName: domain.name, accounts };
    resources.push(resource);
    return resource;
  };

  const management = domains[0];
  const sddcManager = {
    id: random.uuid(),
    fqdn: fqdn('sddc-manager'),
    ip: ipFor(0, 1),
  };
  const sddcManagerResource = addResource(
    'SDDC_MANAGER',
    sddcManager.fqdn,
    sddcManager.ip,
    management,
    [
      account('root', 'SSH'),
      account('vcf', 'SSH'),
      account('admin@local', 'API'),
    ],
    sddcManager.id,
  );
  addResource('BACKUP', sddcManager.fqdn, sddcManager.ip, management, [
    account('backup', 'SSH', 'SYSTEM'),
  ]);
  addResource('BACKUP', fqdn('sftp-backup'), ipFor(0, 9), management, [
    account('svc-vcf-backup', 'FTP'),
  ]);

  const vcenterResources: TopologyResource[] = [];
  const pscResources: TopologyResource[] = [];
  const nsxResources: TopologyResource[] = [];
  domains.forEach((domain, index) => {
    const vcenterOverride = input.vcenters?.[index];
    vcenterResources.push(
      addResource(
        'VCENTER',
        domain.vcenter.fqdn,
        domain.vcenter.ipAddress,
        domain,
        [
          account('root', 'SSH'),
          account(
            `svc-vcf-vcenter-${domain.label}@vsphere.local`,
            'SSO',
            'SERVICE',
          ),
        ],
        domain.vcenter.id,
      ),
    );
    const ssoAccount = account(
      vcenterOverride?.ssoUsername ?? 'administrator@vsphere.local',
      'SSO',
    );
    if (vcenterOverride?.ssoPassword) {
      ssoAccount.password = vcenterOverride.ssoPassword;
    }
    pscResources.push(
      addResource(
        'PSC',
        domain.vcenter.fqdn,
        domain.vcenter.ipAddress,
        domain,
        [ssoAccount],
      ),
    );
    nsxResources.push(
      addResource(
        'NSXT_MANAGER',
        domain.nsxVipFqdn,
        ipFor(index, 3),
        domain,
        [
          account('root', 'SSH'),
          account('admin', 'API'),
          account('audit', 'AUDIT'),
        ],
        domain.nsxClusterId,
      ),
    );
    for (const edge of [1, 2]) {
      addResource(
        'NSXT_EDGE',
        fqdn(`edge-${domain.label}-${pad(edge, 2)}`),
        ipFor(index, 6 + edge),
        domain,
        [
          account('root', 'SSH'),
          account('admin', 'API'),
          account('audit', 'AUDIT'),
        ],
      );
    }
    if (index === 0) {
      // VCF Operations; the 5.2.1 spec names its credentials' resource type VROPS.
      addResource('VROPS', fqdn('vcf-ops'), ipFor(0, 20), domain, [
        account('admin', 'API'),
        account('root', 'SSH'),
      ]);
    }
    if (index === 1) {
      addResource(
        'NSX_ALB',
        fqdn(`alb-${domain.label}`),
        ipFor(index, 30),
        domain,
        [account('admin', 'API')],
      );
    }
  });

  // Hosts: the base hosts of every domain first, then extra ones round-robin
  // until the credential count is reached.
  // A vCenter given with its hosts' names has at least those hosts in its domain.
  const namedHosts = domains.map(
    (_, index) => input.vcenters?.[index]?.esxiHostNames ?? [],
  );
  const baseHostsOf = domains.map((_, index) =>
    Math.max(
      index === 0 ? MANAGEMENT_BASE_HOSTS : VI_BASE_HOSTS,
      namedHosts[index].length,
    ),
  );
  const baseHosts = baseHostsOf.reduce((sum, n) => sum + n, 0);
  const accountsSoFar = resources.reduce((n, r) => n + r.accounts.length, 0);
  const extraHosts = Math.max(
    0,
    Math.ceil(
      (input.credentialCount - accountsSoFar - baseHosts * ACCOUNTS_PER_HOST) /
        ACCOUNTS_PER_HOST,
    ),
  );
  const hostCount = baseHosts + extraHosts;
  const width = Math.max(2, String(hostCount).length);
  const hostDomainIndexes: number[] = [];
  domains.forEach((_, index) => {
    for (let i = 0; i < baseHostsOf[index]; i++) hostDomainIndexes.push(index);
  });
  for (let i = 0; i < extraHosts; i++) {
    hostDomainIndexes.push(i % domains.length);
  }
  const hostOrdinals = domains.map(() => 100);
  const hostsSoFar = domains.map(() => 0);
  const managementHosts: TopologyResource[] = [];
  hostDomainIndexes.forEach((domainIndex, i) => {
    const given = namedHosts[domainIndex][hostsSoFar[domainIndex]++];
    const name = given ?? fqdn(`esxi-${pad(i + 1, width)}`);
    const shortName = name.split('.')[0];
    const host = addResource(
      'ESXI',
      name,
      ipFor(domainIndex, hostOrdinals[domainIndex]++),
      domains[domainIndex],
      [
        account('root', 'SSH'),
        account(`svc-vcf-${shortName}`, 'SSH', 'SERVICE'),
      ],
    );
    if (domainIndex === 0 && managementHosts.length < MANAGEMENT_BASE_HOSTS) {
      managementHosts.push(host);
    }
  });

  const vcfOperations = resources.find(r => r.type === 'VROPS')!;
  return {
    environmentId: input.environmentId,
    flavor: input.flavor,
    dnsSubdomain,
    networkPrefix: `10.${octet}`,
    versions,
    sddcManager,
    domains,
    resources,
    management: {
      sddcManager: sddcManagerResource,
      vcenter: vcenterResources[0],
      psc: pscResources[0],
      nsxManager: nsxResources[0],
      vcfOperations,
      hosts: managementHosts,
      nsxManagerNodeNames: ['a', 'b', 'c'].map(n => fqdn(`nsx-mgmt-${n}`)),
    },
    installerOnly: {
      fleetManagement: {
        hostname: fqdn('vcf-ops-fleet'),
        rootPassword: generatePassword(passwords),
        adminPassword: generatePassword(passwords),
      },
      collector: {
        hostname: fqdn('vcf-ops-collector'),
        rootPassword: generatePassword(passwords),
      },
      automation: {
        hostname: fqdn('vcf-automation'),
        adminPassword: generatePassword(passwords),
      },
    },
  };
}

/** The password of a resource's account; throws when the topology lacks it (a generator bug). */
export function passwordOf(
  resource: TopologyResource,
  username: string,
): string {
  const found = resource.accounts.find(a => a.username === username);
  if (!found) {
    throw new Error(`No account ${username} on ${resource.name}`);
  }
  return found.password;
}

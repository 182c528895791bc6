import type { SddcSpec } from './apiTypes';
import { passwordOf, type EnvironmentTopology } from './topology';

/** `esxi-01.vcf01.example.test` → `esxi-01` */
function shortName(fqdn: string): string {
  return fqdn.split('.')[0];
}

function networkSpecs(topology: EnvironmentTopology, mtu: number) {
  const net = (third: number) => ({
    subnet: `${topology.networkPrefix}.${third}.0/24`,
    gateway: `${topology.networkPrefix}.${third}.1`,
    subnetMask: '255.255.255.0',
  });
  return [
    { networkType: 'MANAGEMENT', vlanId: 1610, mtu: 1500, ...net(0) },
    {
      networkType: 'VM_MANAGEMENT',
      vlanId: 1611,
      mtu: 1500,
      ...net(1),
    },
    {
      networkType: 'VMOTION',
      vlanId: 1612,
      mtu,
      ...net(2),
      includeIpAddressRanges: [
        {
          startIpAddress: `${topology.networkPrefix}.2.10`,
          endIpAddress: `${topology.networkPrefix}.2.50`,
        },
      ],
    },
    {
      networkType: 'VSAN',
      vlanId: 1613,
      mtu,
      ...net(3),
      includeIpAddressRanges: [
        {
          startIpAddress: `${topology.networkPrefix}.3.10`,
          endIpAddress: `${topology.networkPrefix}.3.50`,
        },
      ],
    },
  ];
}

function hostSpecs(topology: EnvironmentTopology) {
  return topology.management.hosts.map((host, index) => ({
    // The spec wants the short name: the installer appends dnsSpec.subdomain.
    hostname: shortName(host.name),
    credentials: { username: 'root', password: passwordOf(host, 'root') },
    sslThumbprint: thumbprint(topology.environmentId, index),
  }));
}

/** A stable, SHA-256 shaped fingerprint; nothing verifies it. */
function thumbprint(environmentId: string, index: number): string {
  let hex = '';
  let state = index + 1;
  for (const ch of environmentId) state = (state * 31 + ch.charCodeAt(0)) >>> 0;
  while (hex.length < 64) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    hex += (state >>> 8).toString(16).padStart(6, '0');
  }
  return hex.slice(0, 64).toUpperCase().match(/../g)!.join(':');
}

/**
 * The VCF 9 Installer's `SddcSpec` for an environment's management domain: its
 * passwords are those of the matching SDDC Manager credentials as deployed
 * (later rotations on SDDC Manager do not change a deployment spec).
 */
export function buildVcf9SddcSpec(topology: EnvironmentTopology): SddcSpec {
  const { management, installerOnly } = topology;
  const domain = topology.domains[0];
  return {
    sddcId: domain.name,
    vcfInstanceName: topology.environmentId,
    workflowType: 'VCF',
    version: '9.0.2.0',
    ceipEnabled: false,
    skipEsxThumbprintValidation: false,
    managementPoolName: `${domain.name}-np01`,
    hostSpecs: hostSpecs(topology),
    vcenterSpec: {
      vcenterHostname: management.vcenter.name,
      rootVcenterPassword: passwordOf(management.vcenter, 'root'),
      vmSize: 'small',
      storageSize: 'lstorage',
      ssoDomain: 'vsphere.local',
      adminUserSsoUsername: management.psc.accounts[0].username,
      adminUserSsoPassword: management.psc.accounts[0].password,
      useExistingDeployment: false,
    },
    clusterSpec: {
      datacenterName: `${domain.name}-dc01`,
      clusterName: domain.clusterName,
    },
    datastoreSpec: {
      vsanSpec: {
        datastoreName: `${domain.name}-cl01-ds-vsan01`,
        failuresToTolerate: 1,
        vsanDedup: false,
        esaConfig: { enabled: true },
      },
    },
    dvsSpecs: [
      {
        dvsName: `${domain.name}-cl01-vds01`,
        mtu: 9000,
        networks: ['MANAGEMENT', 'VM_MANAGEMENT', 'VMOTION', 'VSAN'],
        vmnicsToUplinks: [
          { id: 'vmnic0', uplink: 'uplink1' },
          { id: 'vmnic1', uplink: 'uplink2' },
        ],
        nsxtSwitchConfig: {
          transportZones: [
            { name: `${domain.name}-tz-overlay01`, transportType: 'OVERLAY' },
            { name: `${domain.name}-tz-vlan01`, transportType: 'VLAN' },
          ],
        },
      },
    ],
    nsxtSpec: {
      nsxtManagers: management.nsxManagerNodeNames.map(hostname => ({
        hostname,
      })),
      vipFqdn: management.nsxManager.name,
      nsxtManagerSize: 'medium',
      rootNsxtManagerPassword: passwordOf(management.nsxManager, 'root'),
      nsxtAdminPassword: passwordOf(management.nsxManager, 'admin'),
      nsxtAuditPassword: passwordOf(management.nsxManager, 'audit'),
      transportVlanId: 1614,
      useExistingDeployment: false,
    },
    networkSpecs: networkSpecs(topology, 9000),
    dnsSpec: {
      subdomain: topology.dnsSubdomain,
      nameservers: [`${topology.networkPrefix}.0.4`],
    },
    ntpServers: [`${topology.networkPrefix}.0.5`],
    sddcManagerSpec: {
      hostname: management.sddcManager.name,
      rootPassword: passwordOf(management.sddcManager, 'root'),
      sshPassword: passwordOf(management.sddcManager, 'vcf'),
      localUserPassword: passwordOf(management.sddcManager, 'admin@local'),
      useExistingDeployment: false,
    },
    vcfOperationsSpec: {
      nodes: [
        {
          hostname: management.vcfOperations.name,
          rootUserPassword: passwordOf(management.vcfOperations, 'root'),
          type: 'master',
        },
      ],
      adminUserPassword: passwordOf(management.vcfOperations, 'admin'),
      applianceSize: 'medium',
      useExistingDeployment: false,
    },
    vcfOperationsFleetManagementSpec: {
      hostname: installerOnly.fleetManagement.hostname,
      rootUserPassword: installerOnly.fleetManagement.rootPassword,
      adminUserPassword: installerOnly.fleetManagement.adminPassword,
      useExistingDeployment: false,
    },
    vcfOperationsCollectorSpec: {
      hostname: installerOnly.collector.hostname,
      rootUserPassword: installerOnly.collector.rootPassword,
      applianceSize: 'small',
      useExistingDeployment: false,
    },
    vcfAutomationSpec: {
      hostname: installerOnly.automation.hostname,
      adminUserPassword: installerOnly.automation.adminPassword,
      ipPool: [
        `${topology.networkPrefix}.1.60`,
        `${topology.networkPrefix}.1.61`,
      ],
      nodePrefix: `${topology.environmentId}-auto`,
      internalClusterCidr: '198.18.0.0/15',
      useExistingDeployment: false,
    },
  };
}

/**
 * The VCF 5.2 (Cloud Builder) `SddcSpec`: short host names, SDDC Manager
 * accounts as `rootUserCredentials` / `secondUserCredentials`, the SSO
 * administrator password in `pscSpecs[]`, and no VCF Operations sections.
 */
export function buildVcf52SddcSpec(topology: EnvironmentTopology): SddcSpec {
  const { management } = topology;
  const domain = topology.domains[0];
  return {
    sddcId: domain.name,
    workflowType: 'VCF',
    ceipEnabled: false,
    fipsEnabled: false,
    skipEsxThumbprintValidation: false,
    managementPoolName: `${domain.name}-np01`,
    dvSwitchVersion: '8.0.3',
    hostSpecs: hostSpecs(topology).map(spec => ({
      ...spec,
      vSwitch: 'vSwitch0',
    })),
    vcenterSpec: {
      vcenterHostname: shortName(management.vcenter.name),
      rootVcenterPassword: passwordOf(management.vcenter, 'root'),
      vmSize: 'small',
      storageSize: 'lstorage',
    },
    pscSpecs: [
      {
        pscSsoSpec: { ssoDomain: 'vsphere.local' },
        adminUserSsoPassword: management.psc.accounts[0].password,
      },
    ],
    clusterSpec: {
      clusterName: domain.clusterName,
      clusterImageEnabled: true,
    },
    vsanSpec: {
      datastoreName: `${domain.name}-cl01-ds-vsan01`,
      vsanDedup: false,
      esaConfig: { enabled: false },
    },
    dvsSpecs: [
      {
        dvsName: `${domain.name}-cl01-vds01`,
        mtu: 9000,
        networks: ['MANAGEMENT', 'VM_MANAGEMENT', 'VMOTION', 'VSAN'],
        vmnicsToUplinks: [
          { id: 'vmnic0', uplink: 'uplink1' },
          { id: 'vmnic1', uplink: 'uplink2' },
        ],
      },
    ],
    nsxtSpec: {
      nsxtManagers: management.nsxManagerNodeNames.map(hostname => ({
        hostname: shortName(hostname),
      })),
      vipFqdn: shortName(management.nsxManager.name),
      nsxtManagerSize: 'medium',
      rootNsxtManagerPassword: passwordOf(management.nsxManager, 'root'),
      nsxtAdminPassword: passwordOf(management.nsxManager, 'admin'),
      nsxtAuditPassword: passwordOf(management.nsxManager, 'audit'),
      transportVlanId: 1614,
    },
    networkSpecs: networkSpecs(topology, 9000),
    dnsSpec: {
      subdomain: topology.dnsSubdomain,
      nameservers: [`${topology.networkPrefix}.0.4`],
    },
    ntpServers: [`${topology.networkPrefix}.0.5`],
    sddcManagerSpec: {
      hostname: shortName(management.sddcManager.name),
      rootUserCredentials: {
        username: 'root',
        password: passwordOf(management.sddcManager, 'root'),
      },
      secondUserCredentials: {
        username: 'vcf',
        password: passwordOf(management.sddcManager, 'vcf'),
      },
      localUserPassword: passwordOf(management.sddcManager, 'admin@local'),
    },
  };
}

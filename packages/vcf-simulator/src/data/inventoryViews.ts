import type {
  ApplianceInfo,
  Domain,
  SddcManager,
  SddcTask,
  Vcenter,
} from './apiTypes';
import type { EnvironmentTopology } from './topology';

/** The `Vcenter` list of `GET /v1/vcenters`. */
export function toVcenters(topology: EnvironmentTopology): Vcenter[] {
  return topology.domains.map(domain => ({
    id: domain.vcenter.id,
    fqdn: domain.vcenter.fqdn,
    ipAddress: domain.vcenter.ipAddress,
    version: domain.vcenter.version,
    domain: { id: domain.id, name: domain.name, type: domain.type },
    // VCF 5.2.1 has no Vcenter.status.
    ...(topology.flavor === 'vcf9' ? { status: 'ACTIVE' } : {}),
  }));
}

/** The `Domain` list of `GET /v1/domains`. */
export function toDomains(topology: EnvironmentTopology): Domain[] {
  const management = topology.domains[0];
  return topology.domains.map(domain => ({
    id: domain.id,
    name: domain.name,
    orgName: topology.environmentId,
    status: 'ACTIVE',
    type: domain.type,
    vcenters: [{ id: domain.vcenter.id, fqdn: domain.vcenter.fqdn }],
    clusters: [{ id: domain.clusterId, name: domain.clusterName }],
    nsxtCluster: { id: domain.nsxClusterId, vipFqdn: domain.nsxVipFqdn },
    ssoId: management.id,
    ssoName: 'vsphere.local',
    isManagementSsoDomain: true,
  }));
}

/** The `SddcManager` list of `GET /v1/sddc-managers`. */
export function toSddcManagers(topology: EnvironmentTopology): SddcManager[] {
  const management = topology.domains[0];
  return [
    {
      id: topology.sddcManager.id,
      fqdn: topology.sddcManager.fqdn,
      ipAddress: topology.sddcManager.ip,
      version: topology.versions.sddcManager,
      domain: {
        id: management.id,
        name: management.name,
        type: management.type,
      },
    },
  ];
}

/** `GET /v1/system/appliance-info` of SDDC Manager or of the installer. */
export function toApplianceInfo(
  topology: EnvironmentTopology,
  role: 'SddcManager' | 'VcfInstaller',
): ApplianceInfo {
  return { role, version: topology.versions.sddcManager };
}

/** The one deployment task the installer reports for an environment. */
export function toSddcTask(
  topology: EnvironmentTopology,
  taskId: string,
  referenceDate: Date,
): SddcTask {
  return {
    id: taskId,
    name: `Deploy VCF instance ${topology.environmentId}`,
    status: 'COMPLETED_WITH_SUCCESS',
    creationTimestamp: new Date(
      referenceDate.getTime() - 400 * 24 * 60 * 60 * 1000,
    ).toISOString(),
    sddcSubTasks: [],
    // VCF 5.2.1 has no SddcTask.milestones.
    ...(topology.flavor === 'vcf9' ? { milestones: [] } : {}),
  };
}

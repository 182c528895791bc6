import type { UpstreamCredential } from './UpstreamCredential';

type Json = Record<string, any>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Turns the deployment spec that the VCF Installer holds (`GET /v1/sddcs/{id}/spec`, schema `SddcSpec`) into
 * credentials: ESXi hosts, vCenter root and SSO admin, NSX root/admin/audit, SDDC Manager root/vcf/local admin,
 * VCF Operations (admin and each node's root), fleet management, collector and automation. It reads the VCF 9
 * field names and the VCF 5.2 ones where they differ (`sddcManagerSpec.rootUserCredentials`,
 * `secondUserCredentials`, `pscSpecs[].adminUserSsoPassword`). Fields without a password are skipped.
 * @internal
 */
export class InstallerSpecParser {
  private readonly credentials: UpstreamCredential[] = [];
  private readonly seen = new Set<string>();

  /** Parses one SddcSpec. */
  static parse(
    spec: unknown,
    options: { domainName?: string } = {},
  ): UpstreamCredential[] {
    const parser = new InstallerSpecParser(options.domainName);
    parser.read((spec ?? {}) as Json);
    return parser.credentials;
  }

  private constructor(private readonly domainName?: string) {}

  private add(entry: {
    resourceType: string;
    resourceName?: string;
    username?: string;
    password?: unknown;
    credentialType: 'SSH' | 'SSO' | 'API' | 'AUDIT';
    accountType?: 'USER' | 'SYSTEM' | 'SERVICE';
  }) {
    const password = text(entry.password);
    const resourceName = text(entry.resourceName);
    const username = text(entry.username);
    if (!password || !resourceName || !username) return;
    const naturalKey = `${entry.resourceType}:${resourceName}:${username}`;
    if (this.seen.has(naturalKey)) return;
    this.seen.add(naturalKey);
    this.credentials.push({
      naturalKey,
      resourceName,
      resourceType: entry.resourceType,
      domainName: this.domainName,
      username,
      password,
      credentialType: entry.credentialType,
      accountType: entry.accountType ?? 'USER',
    });
  }

  private read(spec: Json) {
    // Host names in a deployment spec are short; the DNS subdomain makes them the FQDNs SDDC Manager reports.
    const subdomain = text(spec.dnsSpec?.subdomain);
    const fqdn = (name: unknown) => {
      const short = text(name);
      return short && subdomain && !short.includes('.')
        ? `${short}.${subdomain}`
        : short;
    };
    for (const host of (spec.hostSpecs ?? []) as Json[]) {
      this.add({
        resourceType: 'ESXI',
        resourceName: fqdn(host.hostname),
        username: host.credentials?.username ?? 'root',
        password: host.credentials?.password,
        credentialType: 'SSH',
      });
    }

    const vcenter = (spec.vcenterSpec ?? {}) as Json;
    const vcenterName =
      text(vcenter.vcenterHostname) ?? text(vcenter.vcenterIp);
    this.add({
      resourceType: 'VCENTER',
      resourceName: vcenterName,
      username: 'root',
      password: vcenter.rootVcenterPassword,
      credentialType: 'SSH',
    });
    const ssoDomain = text(vcenter.ssoDomain) ?? 'vsphere.local';
    this.add({
      resourceType: 'PSC',
      resourceName: vcenterName,
      username:
        text(vcenter.adminUserSsoUsername) ?? `administrator@${ssoDomain}`,
      password: vcenter.adminUserSsoPassword,
      credentialType: 'SSO',
    });
    for (const psc of (spec.pscSpecs ?? []) as Json[]) {
      const domain = text(psc.pscSsoSpec?.ssoDomain) ?? ssoDomain;
      this.add({
        resourceType: 'PSC',
        resourceName: vcenterName,
        username: `administrator@${domain}`,
        password: psc.adminUserSsoPassword,
        credentialType: 'SSO',
      });
    }

    const nsx = (spec.nsxtSpec ?? {}) as Json;
    const nsxName =
      text(nsx.vipFqdn) ??
      text(nsx.nsxtManagers?.[0]?.hostname) ??
      text(nsx.vip);
    this.add({
      resourceType: 'NSXT_MANAGER',
      resourceName: nsxName,
      username: 'root',
      password: nsx.rootNsxtManagerPassword,
      credentialType: 'SSH',
    });
    this.add({
      resourceType: 'NSXT_MANAGER',
      resourceName: nsxName,
      username: 'admin',
      password: nsx.nsxtAdminPassword,
      credentialType: 'API',
    });
    this.add({
      resourceType: 'NSXT_MANAGER',
      resourceName: nsxName,
      username: 'audit',
      password: nsx.nsxtAuditPassword,
      credentialType: 'AUDIT',
      accountType: 'SYSTEM',
    });

    const sddc = (spec.sddcManagerSpec ?? {}) as Json;
    const sddcName = text(sddc.hostname) ?? text(sddc.ipAddress);
    this.add({
      resourceType: 'SDDC_MANAGER',
      resourceName: sddcName,
      username: text(sddc.rootUserCredentials?.username) ?? 'root',
      password: sddc.rootPassword ?? sddc.rootUserCredentials?.password,
      credentialType: 'SSH',
    });
    this.add({
      resourceType: 'SDDC_MANAGER',
      resourceName: sddcName,
      username: text(sddc.secondUserCredentials?.username) ?? 'vcf',
      password: sddc.sshPassword ?? sddc.secondUserCredentials?.password,
      credentialType: 'SSH',
    });
    this.add({
      resourceType: 'SDDC_MANAGER',
      resourceName: sddcName,
      username: 'admin@local',
      password: sddc.localUserPassword,
      credentialType: 'API',
    });

    const ops = (spec.vcfOperationsSpec ?? {}) as Json;
    const opsNodes = (ops.nodes ?? []) as Json[];
    this.add({
      resourceType: 'VCF_OPERATIONS',
      resourceName: text(ops.loadBalancerFqdn) ?? text(opsNodes[0]?.hostname),
      username: 'admin',
      password: ops.adminUserPassword,
      credentialType: 'API',
    });
    for (const node of opsNodes) {
      this.add({
        resourceType: 'VCF_OPERATIONS',
        resourceName: node.hostname,
        username: 'root',
        password: node.rootUserPassword,
        credentialType: 'SSH',
      });
    }

    const fleet = (spec.vcfOperationsFleetManagementSpec ?? {}) as Json;
    this.add({
      resourceType: 'VCF_OPERATIONS_FLEET_MANAGEMENT',
      resourceName: fleet.hostname,
      username: 'root',
      password: fleet.rootUserPassword,
      credentialType: 'SSH',
    });
    this.add({
      resourceType: 'VCF_OPERATIONS_FLEET_MANAGEMENT',
      resourceName: fleet.hostname,
      username: 'admin@local',
      password: fleet.adminUserPassword,
      credentialType: 'API',
    });

    const collector = (spec.vcfOperationsCollectorSpec ?? {}) as Json;
    this.add({
      resourceType: 'VCF_OPERATIONS_COLLECTOR',
      resourceName: collector.hostname,
      username: 'root',
      password: collector.rootUserPassword,
      credentialType: 'SSH',
    });

    const automation = (spec.vcfAutomationSpec ?? {}) as Json;
    this.add({
      resourceType: 'VCF_AUTOMATION',
      resourceName: automation.hostname,
      username: 'admin',
      password: automation.adminUserPassword,
      credentialType: 'API',
    });
  }
}

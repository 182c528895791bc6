/*
 * The demo estate behind `./scripts/start`: the SDDC Manager + VCF Installer simulator with two environments
 * (vcf-east on VCF 9, vcf-lab imitating VCF 5.2) and, when Go and govmomi are installed, vcsim as the vCenter
 * of vcf-east. It writes the app-config fragment that points the portal at them, then runs until stopped.
 *
 *   node scripts/run-ts.js packages/vcf-simulator/src/demo/startDemoEstate.ts <demo-dir>
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startVcfSimulator } from '../simulator/startVcfSimulator';
import type { SimulatedEnvironment } from '../simulator/types';

interface DemoVcenter {
  url: string;
  username: string;
  password: string;
  /** The FQDNs of its ESXi hosts. */
  hostNames: string[];
  stop(): Promise<void> | void;
}

/** The environment whose vCenter vcsim is; its hosts are named in its DNS domain, as the simulator names hosts. */
const EAST = 'vcf-east';

/**
 * Starts vcsim through @vcf-backstage/vcsim when it can; the demo runs without a vCenter otherwise. Its hosts are
 * named by FQDN in vcf-east's domain, and the simulator lists vcf-east's ESXi credentials for those hosts, so a
 * host's catalog page finds its credentials.
 */
async function startDemoVcenter(): Promise<DemoVcenter | undefined> {
  try {
    // Optional at run time: the simulator package does not need Go to work.
    // eslint-disable-next-line @backstage/no-undeclared-imports
    const vcsim = require('@vcf-backstage/vcsim');
    // A small but complete estate: two clusters, datastore clusters, distributed portgroups, snapshots and
    // triggered alarms, so every inventory page has something to show.
    const started = await vcsim.startVcsim({
      datacenters: 1,
      clustersPerDatacenter: 2,
      hostsPerCluster: 3,
      vmsPerHost: 4,
      standaloneHostsPerDatacenter: 1,
      datastoresPerDatacenter: 4,
      datastoreClustersPerDatacenter: 1,
      datastoresPerDatastoreCluster: 2,
      distributedPortgroupsPerDatacenter: 3,
      snapshots: 6,
      alarms: 5,
      hostDomain: `${EAST}.example.test`,
    });
    return started;
  } catch (error) {
    process.stderr.write(
      `vcsim is not available, the demo runs without a vCenter: ${
        (error as Error).message
      }\n`,
    );
    return undefined;
  }
}

/**
 * Credentials per SDDC Manager page in the demo: small, so that a sync of vcf-east (about 258 credentials) reads
 * six pages and its progress says "page n of m", as a large estate's would.
 */
const DEMO_SDDC_MANAGER_PAGE_SIZE = 50;

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function endpointYaml(
  baseUrl: string,
  account: { username: string; password: string },
  ca: string,
  indent: string,
) {
  return [
    `${indent}baseUrl: ${yamlString(baseUrl)}`,
    `${indent}username: ${yamlString(account.username)}`,
    `${indent}password: ${yamlString(account.password)}`,
    `${indent}tls:`,
    `${indent}  ca: ${yamlString(ca)}`,
  ].join('\n');
}

function environmentYaml(
  env: SimulatedEnvironment,
  meta: { title: string; description: string; owner: string },
  ca: string,
) {
  return [
    `    - id: ${env.id}`,
    `      title: ${yamlString(meta.title)}`,
    `      description: ${yamlString(meta.description)}`,
    `      owner: ${meta.owner}`,
    `      sddcManager:`,
    endpointYaml(
      env.sddcManagerUrl,
      env.sddcManagerServiceAccount,
      ca,
      '        ',
    ),
    `      installer:`,
    endpointYaml(env.installerUrl, env.installerServiceAccount, ca, '        '),
  ].join('\n');
}

async function main() {
  const demoDir = process.argv[2] ?? '.vcf-demo';
  mkdirSync(demoDir, { recursive: true });
  const vcenter = await startDemoVcenter();
  const simulator = await startVcfSimulator({
    port: Number(process.env.VCF_DEMO_SIMULATOR_PORT ?? 5443),
    seed: 'demo',
    environments: [
      {
        id: EAST,
        credentialCount: 240,
        specFlavor: 'vcf9',
        ...(vcenter
          ? {
              vcenters: [
                {
                  fqdn: new URL(vcenter.url).host,
                  ssoUsername: vcenter.username,
                  ssoPassword: vcenter.password,
                  esxiHostNames: vcenter.hostNames,
                },
              ],
            }
          : {}),
      },
      { id: 'vcf-lab', credentialCount: 60, specFlavor: 'vcf5.2' },
    ],
  });
  const [east, lab] = simulator.environments;
  const ca = simulator.certificatePem;
  const lines = [
    '# Written by startDemoEstate.ts: the demo estate the portal syncs from. Regenerated at every start.',
    'vcf:',
    '  sync:',
    `    sddcManagerPageSize: ${DEMO_SDDC_MANAGER_PAGE_SIZE}`,
    '  environments:',
    environmentYaml(
      east,
      {
        title: 'VCF East (production)',
        description: 'Management and workload domains in the east data centre',
        owner: 'group:default/platform-east',
      },
      ca,
    ),
    environmentYaml(
      lab,
      {
        title: 'VCF Lab',
        description: "The platform team's lab (VCF 5.2)",
        owner: 'group:default/vcf-admins',
      },
      ca,
    ),
  ];
  if (vcenter) {
    lines.push(
      '  vcenters:',
      '    - id: vcenter-east',
      '      title: vCenter East (vcsim)',
      `      baseUrl: ${yamlString(new URL(vcenter.url).origin)}`,
      `      username: ${yamlString(vcenter.username)}`,
      `      password: ${yamlString(vcenter.password)}`,
      `      environment: ${EAST}`,
      '      owner: group:default/platform-east',
      '      intervalMinutes: 5',
      '      tls:',
      '        verify: false',
    );
  }
  const configFile = join(demoDir, 'app-config.demo.yaml');
  writeFileSync(configFile, `${lines.join('\n')}\n`, { mode: 0o600 });
  writeFileSync(join(demoDir, 'estate.ready'), `${simulator.url}\n`);
  process.stdout.write(
    `Demo estate ready: simulator ${simulator.url}${
      vcenter ? `, vCenter ${vcenter.url}` : ''
    }\n`,
  );

  const stop = async () => {
    await simulator.stop();
    await vcenter?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch(error => {
  process.stderr.write(
    `The demo estate failed to start: ${error?.stack ?? error}\n`,
  );
  process.exit(1);
});

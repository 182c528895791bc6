import { Agent, request } from 'node:https';
import { statSync } from 'node:fs';
import { buildVcsim, startVcsim, VcsimInstance } from './index';

function postSoap(
  url: string,
  ca: string,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: new Agent({ ca, keepAlive: false }),
        headers: {
          'content-type': 'text/xml; charset=utf-8',
          soapaction: 'urn:vim25',
        },
      },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const RETRIEVE_SERVICE_CONTENT = `<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Body>
    <RetrieveServiceContent xmlns="urn:vim25"><_this type="ServiceInstance">ServiceInstance</_this></RetrieveServiceContent>
  </soapenv:Body>
</soapenv:Envelope>`;

describe('startVcsim', () => {
  let vcsim: VcsimInstance;

  beforeAll(async () => {
    vcsim = await startVcsim({ vmsPerHost: 3, snapshots: 3, alarms: 4 });
  });

  afterAll(async () => {
    await vcsim?.stop();
  });

  it('serves the SOAP API on /sdk over TLS with the printed certificate', async () => {
    expect(vcsim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/sdk$/);
    const res = await postSoap(
      vcsim.url,
      vcsim.certificatePem,
      RETRIEVE_SERVICE_CONTENT,
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('<apiVersion>');
    expect(res.text).toContain('<propertyCollector type="PropertyCollector">');
  });

  it('reports the inventory it built from the requested topology', () => {
    expect(vcsim.counts).toMatchObject({
      datacenters: 1,
      clusters: 1,
      hosts: 3,
      vms: 9,
      datastores: 2,
      datastoreClusters: 1,
      datastoresInClusters: 2,
      distributedPortgroups: 2,
      standardPortgroups: 2,
      snapshots: 3,
      vmsWithSnapshots: 2,
      triggeredAlarms: 4,
      redAlarms: 2,
      yellowAlarms: 2,
    });
    expect(vcsim.samples.vm?.snapshotCount).toBe(2);
    expect(vcsim.hostNames).toEqual(['DC0_C0_H0', 'DC0_C0_H1', 'DC0_C0_H2']);
  });

  it('answers the test endpoints', async () => {
    const stats = await vcsim.stats();
    expect(stats).toMatchObject({ retrievePropertiesEx: 0, sessions: 0 });
    await expect(vcsim.terminateSessions()).resolves.toBeUndefined();
  });

  it('ends the process on stop', async () => {
    const other = await startVcsim({ hostsPerCluster: 1, vmsPerHost: 1 });
    expect(() => process.kill(other.pid, 0)).not.toThrow();
    await other.stop();
    expect(() => process.kill(other.pid, 0)).toThrow();
  });
});

describe('startVcsim with hostDomain', () => {
  it('names every host by FQDN in the domain, as a real vCenter does, and VMs as before', async () => {
    const named = await startVcsim({
      clustersPerDatacenter: 1,
      hostsPerCluster: 2,
      standaloneHostsPerDatacenter: 1,
      vmsPerHost: 1,
      hostDomain: 'vcf-east.example.test',
    });
    try {
      expect(named.hostNames).toEqual([
        'dc0-c0-h0.vcf-east.example.test',
        'dc0-c0-h1.vcf-east.example.test',
        'dc0-h0.vcf-east.example.test',
      ]);
      expect(named.hostNames).toContain(named.samples.host?.name);
      expect(named.hostNames).toContain(named.samples.vm?.host);
      expect(named.samples.vm?.name).toMatch(/^DC0_(C0_)?H\d_VM\d$/);
    } finally {
      await named.stop();
    }
  });

  it('refuses a host domain that is not a DNS domain', async () => {
    await expect(
      startVcsim({
        hostsPerCluster: 1,
        vmsPerHost: 1,
        hostDomain: 'Not A_Domain',
      }),
    ).rejects.toThrow(/-host-domain "Not A_Domain" is not a DNS domain/);
  });
});

describe('buildVcsim', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('says how to install govmomi when it is missing', async () => {
    process.env.VCSIM_GOPATH = '/nonexistent-gopath';
    await expect(buildVcsim({ force: true })).rejects.toThrow(
      /govmomi is not installed .*apt-get install -y golang-go golang-github-vmware-govmomi-dev/,
    );
  });

  it('says how to install Go when it is missing', async () => {
    process.env.PATH = '/nonexistent-bin';
    await expect(buildVcsim({ force: true })).rejects.toThrow(
      /The Go toolchain \(go\) is not on PATH; install them with: apt-get install -y golang-go golang-github-vmware-govmomi-dev/,
    );
  });

  it('reuses an up-to-date binary', async () => {
    const binary = await buildVcsim();
    expect(binary).toMatch(/\.tools\/vcsim\/vcsim$/);
    const built = statSync(binary);
    await expect(buildVcsim()).resolves.toBe(binary);
    // Not built again: the same file, untouched.
    const reused = statSync(binary);
    expect(reused.ino).toBe(built.ino);
    expect(reused.mtimeMs).toBe(built.mtimeMs);
  });
});

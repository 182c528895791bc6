import { TestApiClient } from '../__testUtils__/httpsRequest';
import { startVcfSimulator } from './startVcfSimulator';
import type { VcfSimulator, VcfSimulatorOptions } from './types';

const referenceDate = new Date('2026-03-01T00:00:00Z');

async function snapshot(options: VcfSimulatorOptions) {
  const simulator = await startVcfSimulator({ referenceDate, ...options });
  try {
    return simulator.environments.map(environment => ({
      serviceAccounts: [
        environment.sddcManagerServiceAccount,
        environment.installerServiceAccount,
      ],
      sddcTaskId: environment.sddcTaskId,
      credentials: simulator.listCredentials(environment.id),
      spec: simulator.getSddcSpec(environment.id),
    }));
  } finally {
    await simulator.stop();
  }
}

describe('determinism', () => {
  it('gives the same environments, credentials, passwords and specs for the same seed', async () => {
    const options = {
      seed: 'same',
      environments: 2,
      credentialsPerEnvironment: 300,
    };
    const [a, b] = [await snapshot(options), await snapshot(options)];
    expect(a[0].credentials).toHaveLength(300);
    expect(b).toEqual(a);
  });

  it('gives different data for another seed', async () => {
    const [a] = await snapshot({ seed: 'one' });
    const [b] = await snapshot({ seed: 'two' });
    expect(b.credentials.map(c => c.id)).not.toEqual(
      a.credentials.map(c => c.id),
    );
    expect(b.credentials.map(c => c.password)).not.toEqual(
      a.credentials.map(c => c.password),
    );
    // Names come from the layout, not the seed.
    expect(b.credentials.map(c => c.resource.resourceName)).toEqual(
      a.credentials.map(c => c.resource.resourceName),
    );
  });

  it('keeps an environment the same when others are added after it', async () => {
    const [alone] = await snapshot({ seed: 's', environments: 1 });
    const [firstOfThree] = await snapshot({ seed: 's', environments: 3 });
    expect(firstOfThree).toEqual(alone);
  });

  it('rotates in the same seeded sequence', async () => {
    const rotations = async () => {
      const simulator = await startVcfSimulator({ seed: 'rot', referenceDate });
      try {
        return [1, 2, 3].map(() => {
          const { credentialId, password } = simulator.rotatePassword('vcf01');
          return { credentialId, password };
        });
      } finally {
        await simulator.stop();
      }
    };
    expect(await rotations()).toEqual(await rotations());
  });
});

describe('installer deployment spec', () => {
  let simulator: VcfSimulator;

  beforeAll(async () => {
    simulator = await startVcfSimulator({
      environments: [{ id: 'nine' }, { id: 'five', specFlavor: 'vcf5.2' }],
    });
  });
  afterAll(() => simulator.stop());

  it('carries the passwords SDDC Manager lists for the same management accounts', async () => {
    const [nine] = simulator.environments;
    const api = TestApiClient.forInstaller(simulator, nine);
    await api.login();
    const spec = await api.getJson(`/v1/sddcs/${nine.sddcTaskId}/spec`);
    const credentials = simulator.listCredentials('nine');
    const passwordOf = (
      resourceType: string,
      resourceName: string,
      username: string,
    ) =>
      credentials.find(
        c =>
          c.resource.resourceType === resourceType &&
          c.resource.resourceName === resourceName &&
          c.username === username,
      )?.password;

    expect(spec.vcenterSpec.rootVcenterPassword).toBe(
      passwordOf('VCENTER', spec.vcenterSpec.vcenterHostname, 'root'),
    );
    expect(spec.nsxtSpec.nsxtAuditPassword).toBe(
      passwordOf('NSXT_MANAGER', spec.nsxtSpec.vipFqdn, 'audit'),
    );
    expect(spec.sddcManagerSpec.sshPassword).toBe(
      passwordOf('SDDC_MANAGER', spec.sddcManagerSpec.hostname, 'vcf'),
    );
    // Host names are short; the installer appends dnsSpec.subdomain.
    const firstHost = `${spec.hostSpecs[0].hostname}.${spec.dnsSpec.subdomain}`;
    expect(spec.hostSpecs[0].credentials.password).toBe(
      passwordOf('ESXI', firstHost, 'root'),
    );
  });

  it('accepts HTTP Basic auth on the VCF 5.2 (Cloud Builder) flavor only', async () => {
    const [nine, five] = simulator.environments;
    const basic = (account: { username: string; password: string }) =>
      `Basic ${Buffer.from(`${account.username}:${account.password}`).toString(
        'base64',
      )}`;
    const fiveApi = TestApiClient.forInstaller(simulator, five);
    const ok = await fiveApi.request('/v1/sddcs', {
      headers: { Authorization: basic(five.installerServiceAccount) },
    });
    expect(ok.status).toBe(200);
    const wrong = await fiveApi.request('/v1/sddcs', {
      headers: {
        Authorization: basic({ username: 'admin@local', password: 'nope' }),
      },
    });
    expect(wrong.status).toBe(401);
    const nineApi = TestApiClient.forInstaller(simulator, nine);
    const refused = await nineApi.request('/v1/sddcs', {
      headers: { Authorization: basic(nine.installerServiceAccount) },
    });
    expect(refused.status).toBe(401);
  });
});

describe('configured vCenters', () => {
  it('lists the given vCenters, one domain each, with their SSO credentials', async () => {
    const simulator = await startVcfSimulator({
      environments: [
        {
          vcenters: [
            {
              fqdn: '127.0.0.1:18989',
              ssoUsername: 'user',
              ssoPassword: 'pass',
            },
            { fqdn: '127.0.0.1:18990', version: '8.0.3' },
          ],
        },
      ],
    });
    try {
      const [environment] = simulator.environments;
      const api = TestApiClient.forSddcManager(simulator, environment);
      await api.login();
      const vcenters = (await api.getJson('/v1/vcenters')).elements;
      expect(vcenters.map((v: any) => [v.fqdn, v.version])).toEqual([
        ['127.0.0.1:18989', '9.0.2.0.25148086'],
        ['127.0.0.1:18990', '8.0.3'],
      ]);
      const domains = (await api.getJson('/v1/domains')).elements;
      expect(domains.map((d: any) => d.type)).toEqual(['MANAGEMENT', 'VI']);
      const sso = await api.getJson(
        '/v1/credentials?resourceType=PSC&resourceName=127.0.0.1:18989',
      );
      expect(sso.elements.map((c: any) => [c.username, c.password])).toEqual([
        ['user', 'pass'],
      ]);
    } finally {
      await simulator.stop();
    }
  });

  it("names the ESXi credentials of a vCenter's domain after the hosts it was given", async () => {
    // More hosts than the management domain's usual four, as vcsim's demo topology has.
    const hostNames = Array.from(
      { length: 6 },
      (_, i) => `dc0-c0-h${i}.vcf-east.example.test`,
    );
    const simulator = await startVcfSimulator({
      environments: [
        {
          id: 'vcf-east',
          credentialCount: 60,
          vcenters: [{ fqdn: '127.0.0.1:18989', esxiHostNames: hostNames }],
        },
      ],
    });
    try {
      const esxi = simulator
        .listCredentials('vcf-east')
        .filter(c => c.resource.resourceType === 'ESXI');
      const names = [...new Set(esxi.map(c => c.resource.resourceName))];
      expect(names.slice(0, hostNames.length)).toEqual(hostNames);
      // Every given host has its root and service accounts, in the vCenter's (management) domain.
      for (const name of hostNames) {
        expect(
          esxi
            .filter(c => c.resource.resourceName === name)
            .map(c => [c.username, c.resource.domainName]),
        ).toEqual([
          ['root', 'vcf-east-m01'],
          [`svc-vcf-${name.split('.')[0]}`, 'vcf-east-m01'],
        ]);
      }
      // The rest of the estate keeps its generated names and the requested credential count.
      expect(names.length).toBeGreaterThan(hostNames.length);
      expect(new Set(names).size).toBe(names.length);
      expect(
        simulator.listCredentials('vcf-east').length,
      ).toBeGreaterThanOrEqual(60);
    } finally {
      await simulator.stop();
    }
  });
});

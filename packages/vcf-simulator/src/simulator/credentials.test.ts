import { TestApiClient } from '../__testUtils__/httpsRequest';
import { startVcfSimulator } from './startVcfSimulator';
import type { VcfSimulator } from './types';

describe('GET /v1/credentials', () => {
  let simulator: VcfSimulator;
  let api: TestApiClient;

  beforeAll(async () => {
    simulator = await startVcfSimulator({
      seed: 'paging',
      environments: [{ id: 'big', credentialCount: 2600 }],
    });
    api = TestApiClient.forSddcManager(simulator, simulator.environments[0]);
    await api.login();
  });
  afterAll(() => simulator.stop());

  it('pages through 2,600 credentials without losing or repeating one', async () => {
    const first = await api.getJson(
      '/v1/credentials?pageNumber=0&pageSize=100',
    );
    expect(first.pageMetadata).toEqual({
      pageNumber: 0,
      pageSize: 100,
      totalElements: 2600,
      totalPages: 26,
    });
    const ids: string[] = first.elements.map((c: { id: string }) => c.id);
    for (let page = 1; page < first.pageMetadata.totalPages; page++) {
      const body = await api.getJson(
        `/v1/credentials?pageNumber=${page}&pageSize=100`,
      );
      expect(body.pageMetadata.pageNumber).toBe(page);
      ids.push(...body.elements.map((c: { id: string }) => c.id));
    }
    expect(ids).toHaveLength(2600);
    expect(new Set(ids).size).toBe(2600);
    expect(ids).toEqual(simulator.listCredentials('big').map(c => c.id));
  });

  it('returns everything in one page for pageSize 0, as the spec says', async () => {
    const body = await api.getJson('/v1/credentials?pageSize=0');
    expect(body.elements).toHaveLength(2600);
    expect(body.pageMetadata).toMatchObject({
      totalElements: 2600,
      totalPages: 1,
    });
  });

  it('answers an empty page past the end and 400 for a negative page number', async () => {
    const past = await api.getJson(
      '/v1/credentials?pageNumber=26&pageSize=100',
    );
    expect(past.elements).toEqual([]);
    expect(past.pageMetadata.totalElements).toBe(2600);
    const invalid = await api.request('/v1/credentials?pageNumber=-1');
    expect(invalid.status).toBe(400);
    expect(invalid.json().errorCode).toBe('INVALID_PAGE_PARAMETERS');
  });

  it('filters by resource type, domain, account type and resource name', async () => {
    const hosts = await api.getJson(
      '/v1/credentials?resourceType=ESXI&pageSize=0',
    );
    expect(hosts.elements.length).toBeGreaterThan(2000);
    expect(
      new Set(hosts.elements.map((c: any) => c.resource.resourceType)),
    ).toEqual(new Set(['ESXI']));

    const managementEsxi = await api.getJson(
      '/v1/credentials?resourceType=ESXI&domainName=big-m01&accountType=SERVICE&pageSize=0',
    );
    expect(managementEsxi.elements.length).toBeGreaterThan(0);
    for (const credential of managementEsxi.elements) {
      expect(credential.resource.domainNames).toEqual(['big-m01']);
      expect(credential.accountType).toBe('SERVICE');
      expect(credential.username).toMatch(/^svc-vcf-esxi-\d+$/);
    }

    const one = await api.getJson(
      '/v1/credentials?resourceName=sddc-manager.big.example.test&resourceType=SDDC_MANAGER',
    );
    expect(one.elements.map((c: any) => c.username)).toEqual([
      'root',
      'vcf',
      'admin@local',
    ]);
  });

  it('returns one credential by id, and 404 for an unknown id', async () => {
    const [credential] = simulator.listCredentials('big');
    expect(await api.getJson(`/v1/credentials/${credential.id}`)).toEqual(
      credential,
    );
    expect((await api.request('/v1/credentials/nope')).status).toBe(404);
  });

  it('holds realistic data: every resource type, credential type, account type and expiry status', () => {
    const credentials = simulator.listCredentials('big');
    const distinct = (
      pick: (c: (typeof credentials)[number]) => string | undefined,
    ) => [...new Set(credentials.map(pick))].sort();
    expect(distinct(c => c.resource.resourceType)).toEqual([
      'BACKUP',
      'ESXI',
      'NSXT_EDGE',
      'NSXT_MANAGER',
      'NSX_ALB',
      'PSC',
      'SDDC_MANAGER',
      'VCENTER',
      'VROPS',
    ]);
    expect(distinct(c => c.credentialType)).toEqual([
      'API',
      'AUDIT',
      'FTP',
      'SSH',
      'SSO',
    ]);
    expect(distinct(c => c.accountType)).toEqual(['SERVICE', 'SYSTEM', 'USER']);
    expect(distinct(c => c.expiry?.status)).toEqual([
      'ACTIVE',
      'EXPIRED',
      'EXPIRING',
      'UNKNOWN',
      undefined,
    ]);
    expect(
      credentials.find(c => c.resource.resourceType === 'ESXI')?.resource
        .resourceName,
    ).toBe('esxi-0001.big.example.test');
  });
});

describe('scale', () => {
  // How fast is measured by bench/credentials (the first sync of 10,000 credentials), not here: a time limit in a
  // test fails on a busy machine without anything being wrong.
  it('generates and serves 10,000 credentials, paged', async () => {
    const simulator = await startVcfSimulator({
      credentialsPerEnvironment: 10_000,
    });
    try {
      const api = TestApiClient.forSddcManager(
        simulator,
        simulator.environments[0],
      );
      await api.login();
      const page = await api.getJson(
        '/v1/credentials?pageNumber=99&pageSize=100',
      );
      expect(page.elements).toHaveLength(100);
      expect(page.pageMetadata.totalElements).toBe(10_000);
    } finally {
      await simulator.stop();
    }
  });
});

import { httpsRequest, TestApiClient } from '../__testUtils__/httpsRequest';
import { startVcfSimulator } from './startVcfSimulator';
import type { SimulatedEnvironment, VcfSimulator } from './types';

describe('fault knobs', () => {
  let simulator: VcfSimulator;
  let first: SimulatedEnvironment;
  let second: SimulatedEnvironment;
  let api: TestApiClient;

  beforeAll(async () => {
    simulator = await startVcfSimulator({
      seed: 'faults',
      environments: 2,
      credentialsPerEnvironment: 100,
    });
    [first, second] = simulator.environments;
  });
  afterAll(() => simulator.stop());
  beforeEach(async () => {
    simulator.resetFaults();
    api = TestApiClient.forSddcManager(simulator, first);
    const login = await api.login();
    if (login.status !== 201) {
      throw new Error(`Login failed: ${login.status} ${login.text}`);
    }
  });

  it('delays answers by latencyMs', async () => {
    simulator.setFaults({ latencyMs: 150 });
    const started = Date.now();
    await api.getJson('/v1/vcenters');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('answers the share errorRate of calls with 500 and the spec Error body', async () => {
    simulator.setFaults({ errorRate: 1 });
    const failed = await api.request('/v1/credentials');
    expect(failed.status).toBe(500);
    expect(failed.json()).toMatchObject({ errorCode: 'INTERNAL_SERVER_ERROR' });

    simulator.setFaults({ errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 100 }, () =>
        api.request('/v1/vcenters').then(r => r.status),
      ),
    );
    const errors = statuses.filter(s => s === 500).length;
    expect(errors).toBeGreaterThan(25);
    expect(errors).toBeLessThan(75);
    expect(statuses.filter(s => s !== 500 && s !== 200)).toEqual([]);
  });

  it('leaves logins alone under request faults unless paths names /v1/tokens', async () => {
    simulator.setFaults({ errorRate: 1, malformedJson: true });
    expect((await api.login()).status).toBe(201);
    simulator.setFaults({ paths: ['/v1/tokens'] });
    expect((await api.login()).status).toBe(500);
    expect((await api.request('/v1/vcenters')).status).toBe(200);
  });

  it('expires access tokens after tokenTtlSeconds; a new login or a refresh works again', async () => {
    const login = (await api.login()).json();
    // Only lower bounds on time: the token is at least 250 ms old when it is checked against a 0.2 s TTL, however
    // busy the machine. (That a token works before it expires, every other test shows.)
    simulator.setFaults({ tokenTtlSeconds: 0.2 });
    await new Promise(resolve => setTimeout(resolve, 250));

    const expired = await api.request('/v1/vcenters');
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ errorCode: 'TOKEN_EXPIRED' });
    // The tokens issued from here on are used at once, but "at once" has no bound on a busy machine: no TTL.
    simulator.resetFaults();

    const refreshed = await api.request('/v1/tokens/access-token/refresh', {
      method: 'PATCH',
      body: JSON.stringify(login.refreshToken.id),
    });
    expect(refreshed.status).toBe(200);
    const freshToken = refreshed.json();
    expect(typeof freshToken).toBe('string');
    expect(freshToken).not.toBe(login.accessToken);
    const withFreshToken = await api.request('/v1/vcenters', {
      headers: { Authorization: `Bearer ${freshToken}` },
    });
    expect(withFreshToken.status).toBe(200);

    expect((await api.login()).status).toBe(201);
    expect((await api.request('/v1/vcenters')).status).toBe(200);
  });

  it('expires every access token on demand', async () => {
    simulator.expireAccessTokens(first.id);
    expect((await api.request('/v1/vcenters')).status).toBe(401);
  });

  it('answers malformed JSON with status 200 when malformedJson is on', async () => {
    simulator.setFaults({ malformedJson: true });
    const response = await api.request('/v1/credentials');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(() => response.json()).toThrow(SyntaxError);
  });

  it('returns a short last page while pageMetadata counts every element', async () => {
    simulator.setFaults({ truncatedPage: 'last-page-short' });
    const ids: string[] = [];
    for (let page = 0; page < 4; page++) {
      const body = await api.getJson(
        `/v1/credentials?pageNumber=${page}&pageSize=30`,
      );
      expect(body.pageMetadata).toMatchObject({
        totalElements: 100,
        totalPages: 4,
      });
      ids.push(...body.elements.map((c: { id: string }) => c.id));
    }
    expect(ids).toHaveLength(95);
  });

  it('returns an empty middle page when truncatedPage is page-missing', async () => {
    simulator.setFaults({ truncatedPage: 'page-missing' });
    const counts: number[] = [];
    for (let page = 0; page < 4; page++) {
      const body = await api.getJson(
        `/v1/credentials?pageNumber=${page}&pageSize=30`,
      );
      counts.push(body.elements.length);
    }
    expect(counts).toEqual([30, 30, 0, 10]);
  });

  it('never answers when hang is on, until the client gives up', async () => {
    simulator.setFaults({ hang: true });
    await expect(
      api.request('/v1/credentials', { timeoutMs: 300 }),
    ).rejects.toThrow('request timed out');
  });

  it('holds list pages from holdPagesFrom on until the fault is lifted, then answers them', async () => {
    simulator.setFaults({ holdPagesFrom: 1 }, { environmentId: first.id });
    const page = (n: number, timeoutMs?: number) =>
      api.request(`/v1/credentials?pageNumber=${n}&pageSize=40`, {
        timeoutMs,
      });
    // Pages before the held one are answered, the held one is not.
    const firstPage = await page(0);
    expect(firstPage.status).toBe(200);
    expect(firstPage.json().elements).toHaveLength(40);
    await expect(page(1, 300)).rejects.toThrow('request timed out');

    const held = page(1);
    const other = TestApiClient.forSddcManager(simulator, second);
    await other.login();
    // Another environment's pages are not held.
    expect(
      (await other.request('/v1/credentials?pageNumber=1&pageSize=40')).status,
    ).toBe(200);
    simulator.setFaults(
      { holdPagesFrom: undefined },
      { environmentId: first.id },
    );
    const released = await held;
    expect(released.status).toBe(200);
    expect(released.json().pageMetadata).toMatchObject({ pageNumber: 1 });
    expect(released.json().elements).toHaveLength(40);
  });

  it('rejects the service account with 401 when rejectServiceAccount is on', async () => {
    simulator.setFaults({ rejectServiceAccount: true });
    const login = await api.login();
    expect(login.status).toBe(401);
    expect(login.json()).toMatchObject({ errorCode: 'AUTHENTICATION_FAILED' });
  });

  it('rotates one chosen password on request', async () => {
    const [credential] = simulator.listCredentials(first.id);
    const rotated = simulator.rotatePassword(first.id, credential.id);
    expect(rotated).toMatchObject({
      credentialId: credential.id,
      username: credential.username,
    });
    expect(rotated.password).not.toBe(credential.password);
    expect(
      (await api.getJson(`/v1/credentials/${credential.id}`)).password,
    ).toBe(rotated.password);
    expect(() => simulator.rotatePassword(first.id, 'nope')).toThrow(
      'no credential nope',
    );
  });

  it('applies faults only in their scope, narrower scopes winning', async () => {
    simulator.setFaults({ errorRate: 1 }, { environmentId: first.id });
    simulator.setFaults(
      { errorRate: 0 },
      { environmentId: first.id, service: 'installer' },
    );
    const other = TestApiClient.forSddcManager(simulator, second);
    await other.login();
    expect((await other.request('/v1/vcenters')).status).toBe(200);
    expect((await api.request('/v1/vcenters')).status).toBe(500);
    const installer = TestApiClient.forInstaller(simulator, first);
    await installer.login();
    expect((await installer.request('/v1/sddcs')).status).toBe(200);
    expect(simulator.getFaults({ environmentId: first.id }).errorRate).toBe(1);
    expect(simulator.getFaults({ environmentId: second.id }).errorRate).toBe(0);
  });

  it('restricts request faults to the listed paths', async () => {
    simulator.setFaults({ errorRate: 1, paths: ['/v1/credentials'] });
    expect((await api.request('/v1/vcenters')).status).toBe(200);
    expect((await api.request('/v1/credentials')).status).toBe(500);
  });

  it('refuses tokens of another environment', async () => {
    const other = TestApiClient.forSddcManager(simulator, second);
    const login = (await api.login()).json();
    const response = await other.request('/v1/vcenters', {
      headers: { Authorization: `Bearer ${login.accessToken}` },
    });
    expect(response.status).toBe(401);
    expect(response.json()).toMatchObject({ errorCode: 'TOKEN_INVALID' });
  });
});

describe('faults that need a simulator of their own', () => {
  it('rotates passwords on every login after the first when passwordRotationsPerLogin is set', async () => {
    const simulator = await startVcfSimulator({
      credentialsPerEnvironment: 50,
      faults: { passwordRotationsPerLogin: 2 },
    });
    try {
      const [environment] = simulator.environments;
      const passwords = () =>
        new Map(
          simulator
            .listCredentials(environment.id)
            .map(c => [c.id, c.password]),
        );
      const changedSince = (before: Map<string, string>) =>
        simulator
          .listCredentials(environment.id)
          .filter(c => before.get(c.id) !== c.password);
      const api = TestApiClient.forSddcManager(simulator, environment);

      const initial = passwords();
      await api.login();
      expect(changedSince(initial)).toEqual([]);

      const afterFirstSync = passwords();
      const startedSecondSync = Date.now();
      await api.login();
      const changed = changedSince(afterFirstSync);
      expect(changed.length).toBeGreaterThanOrEqual(1);
      expect(changed.length).toBeLessThanOrEqual(2);
      const served = await api.getJson(`/v1/credentials/${changed[0].id}`);
      expect(served.password).toBe(changed[0].password);
      expect(Date.parse(served.modificationTimestamp)).toBeGreaterThanOrEqual(
        startedSecondSync - 1000,
      );
    } finally {
      await simulator.stop();
    }
  });

  it('stops while a request hangs, closing it', async () => {
    const simulator = await startVcfSimulator({ faults: { hang: true } });
    const api = TestApiClient.forSddcManager(
      simulator,
      simulator.environments[0],
    );
    const hanging = api.request('/v1/vcenters');
    while (simulator.heldRequestCount() === 0) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    // The hanging request never ends by itself, so stop() returning at all shows it does not wait for it.
    await simulator.stop();
    await expect(hanging).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});

describe('admin endpoint', () => {
  let simulator: VcfSimulator;
  const admin = (
    path: string,
    options: Parameters<typeof httpsRequest>[1] = {},
  ) =>
    httpsRequest(`${simulator.url}/_simulator${path}`, {
      ca: simulator.certificatePem,
      ...options,
    });

  beforeAll(async () => {
    simulator = await startVcfSimulator({ faults: { latencyMs: 1 } });
  });
  afterAll(() => simulator.stop());

  it('sets, reads and resets faults', async () => {
    const set = await admin('/faults?environmentId=vcf01&service=installer', {
      method: 'POST',
      body: { errorRate: 0.25, truncatedPage: 'page-missing' },
    });
    expect(set.status).toBe(200);
    expect(set.json()).toMatchObject({
      latencyMs: 1,
      errorRate: 0.25,
      truncatedPage: 'page-missing',
    });
    expect(
      simulator.getFaults({ environmentId: 'vcf01', service: 'installer' })
        .errorRate,
    ).toBe(0.25);
    expect(simulator.getFaults({ environmentId: 'vcf01' }).errorRate).toBe(0);

    expect((await admin('/faults', { method: 'DELETE' })).status).toBe(204);
    expect(
      simulator.getFaults({ environmentId: 'vcf01', service: 'installer' }),
    ).toMatchObject({
      latencyMs: 0,
      errorRate: 0,
    });
  });

  it('rejects invalid faults and unknown environments', async () => {
    const invalid = await admin('/faults', {
      method: 'POST',
      body: { errorRate: 2 },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.json().error).toBe('errorRate must be a number from 0 to 1');
    const unknownKey = await admin('/faults', {
      method: 'POST',
      body: { explode: true },
    });
    expect(unknownKey.status).toBe(400);
    const unknownEnvironment = await admin('/faults?environmentId=nope', {
      method: 'POST',
      body: { hang: true },
    });
    expect(unknownEnvironment.status).toBe(404);
  });

  it('rotates a password and lists environments with their service accounts', async () => {
    const environments = (await admin('/environments')).json();
    expect(environments).toEqual(simulator.environments);
    const rotated = await admin('/environments/vcf01/rotate-password', {
      method: 'POST',
      body: {},
    });
    expect(rotated.status).toBe(200);
    const credentials = (await admin('/environments/vcf01/credentials')).json();
    expect(
      credentials.find((c: any) => c.id === rotated.json().credentialId)
        .password,
    ).toBe(rotated.json().password);
  });
});

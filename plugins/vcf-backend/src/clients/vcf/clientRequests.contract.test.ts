import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, fetch } from 'undici';
import {
  createSpecValidator,
  locateSpecFolder,
  SPEC_FILES,
  startVcfSimulator,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import { SddcManagerClient } from './SddcManagerClient';
import { VcfInstallerClient } from './VcfInstallerClient';

/*
 * Our clients' requests, checked against VMware's specs: the clients talk to the simulator through a recording
 * proxy, and every request they sent (method, path, query, body) is validated with the official OpenAPI file.
 */

const specs = locateSpecFolder();
const describeWithSpecs = specs.found ? describe : describe.skip;
if (!specs.found) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the client contract tests: ${specs.reason}`);
}

interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body?: unknown;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A plain-HTTP proxy in front of the simulator that records each request. */
async function startRecordingProxy(target: VcfSimulator) {
  const recorded: RecordedRequest[] = [];
  const dispatcher = new Agent({ connect: { ca: target.certificatePem } });
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://proxy');
    const body = await readBody(req);
    recorded.push({
      method: req.method!,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: body ? JSON.parse(body) : undefined,
    });
    const upstream = await fetch(`${target.url}${url.pathname}${url.search}`, {
      method: req.method,
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => ['authorization', 'content-type', 'accept'].includes(k)),
      ) as Record<string, string>,
      body: body || undefined,
      dispatcher,
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    stop: async () => {
      await new Promise(resolve => server.close(resolve));
      await dispatcher.close();
    },
  };
}

describeWithSpecs('requests of our VCF clients, validated against the official specs', () => {
  let simulator: VcfSimulator;
  let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;

  beforeAll(async () => {
    simulator = await startVcfSimulator({ environments: [{ id: 'east', credentialCount: 1200 }] });
    proxy = await startRecordingProxy(simulator);
  });
  afterAll(async () => {
    await proxy.stop();
    await simulator.stop();
  });

  function validateRecorded(specFile: string, basePath: string) {
    const validator = createSpecValidator(specFile);
    const requests = proxy.recorded.filter(r => r.path.startsWith(basePath));
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      const path = request.path.slice(basePath.length);
      const result = validator.validateRequest(request.method, path, { query: request.query, body: request.body });
      expect({ request: `${request.method} ${path}`, errors: result.errors }).toEqual({
        request: `${request.method} ${path}`,
        errors: [],
      });
    }
    return requests;
  }

  it('SddcManagerClient logs in, pages /v1/credentials and lists /v1/vcenters as the spec says', async () => {
    const env = simulator.environments[0];
    simulator.expireAccessTokens();
    const client = SddcManagerClient.create({
      baseUrl: `${proxy.url}/env/east/sddc-manager`,
      ...env.sddcManagerServiceAccount,
      pageSize: 500,
    });
    try {
      expect(await client.listCredentials()).toHaveLength(1200);
      simulator.expireAccessTokens('east');
      await client.listVcenters();
    } finally {
      await client.close();
    }
    const requests = validateRecorded(SPEC_FILES.sddcManager, '/env/east/sddc-manager');
    const paths = requests.map(r => `${r.method} ${r.path.replace('/env/east/sddc-manager', '')}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /v1/tokens',
        'GET /v1/credentials',
        'GET /v1/vcenters',
        'PATCH /v1/tokens/access-token/refresh',
      ]),
    );
    expect(requests.filter(r => r.path.endsWith('/v1/credentials')).map(r => r.query.pageNumber)).toEqual(['0', '1', '2']);
  });

  it('VcfInstallerClient logs in, lists /v1/sddcs and reads each spec as the spec says', async () => {
    const env = simulator.environments[0];
    const client = VcfInstallerClient.create({ baseUrl: `${proxy.url}/env/east/installer`, ...env.installerServiceAccount });
    try {
      expect((await client.listCredentials()).length).toBeGreaterThan(5);
    } finally {
      await client.close();
    }
    const requests = validateRecorded(SPEC_FILES.installer, '/env/east/installer');
    expect(requests.map(r => r.method + r.path.replace('/env/east/installer', '').replace(/\/v1\/sddcs\/[^/]+\/spec/, '/v1/sddcs/{id}/spec'))).toEqual(
      expect.arrayContaining(['POST/v1/tokens', 'GET/v1/sddcs', 'GET/v1/sddcs/{id}/spec']),
    );
  });
});

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
        Object.entries(req.headers).filter(([k]) =>
          ['authorization', 'content-type', 'accept'].includes(k),
        ),
      ) as Record<string, string>,
      body: body || undefined,
      dispatcher,
    });
    res.writeHead(upstream.status, {
      'content-type':
        upstream.headers.get('content-type') ?? 'application/json',
    });
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

describeWithSpecs(
  'requests of our VCF clients, validated against the official specs',
  () => {
    let simulator: VcfSimulator;
    let proxy: Awaited<ReturnType<typeof startRecordingProxy>>;

    beforeAll(async () => {
      simulator = await startVcfSimulator({
        environments: [
          { id: 'east', credentialCount: 1200 },
          { id: 'lab', credentialCount: 30, specFlavor: 'vcf5.2' },
        ],
      });
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
        const result = validator.validateRequest(request.method, path, {
          query: request.query,
          body: request.body,
        });
        expect({
          request: `${request.method} ${path}`,
          errors: result.errors,
        }).toEqual({
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
      const requests = validateRecorded(
        SPEC_FILES.sddcManager,
        '/env/east/sddc-manager',
      );
      const paths = requests.map(
        r => `${r.method} ${r.path.replace('/env/east/sddc-manager', '')}`,
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          'POST /v1/tokens',
          'GET /v1/credentials',
          'GET /v1/vcenters',
          'PATCH /v1/tokens/access-token/refresh',
        ]),
      );
      expect(
        requests
          .filter(r => r.path.endsWith('/v1/credentials'))
          .map(r => r.query.pageNumber),
      ).toEqual(['0', '1', '2']);
    });

    it('VcfInstallerClient logs in, lists /v1/sddcs and reads each spec as the spec says', async () => {
      const env = simulator.environments[0];
      const client = VcfInstallerClient.create({
        baseUrl: `${proxy.url}/env/east/installer`,
        ...env.installerServiceAccount,
      });
      try {
        expect((await client.listCredentials()).length).toBeGreaterThan(5);
      } finally {
        await client.close();
      }
      const requests = validateRecorded(
        SPEC_FILES.installer,
        '/env/east/installer',
      );
      expect(
        requests.map(
          r =>
            r.method +
            r.path
              .replace('/env/east/installer', '')
              .replace(/\/v1\/sddcs\/[^/]+\/spec/, '/v1/sddcs/{id}/spec'),
        ),
      ).toEqual(
        expect.arrayContaining([
          'POST/v1/tokens',
          'GET/v1/sddcs',
          'GET/v1/sddcs/{id}/spec',
        ]),
      );
    });
    it.each([
      ['east', SPEC_FILES.sddcManager],
      ['lab', SPEC_FILES.sddcManagerVcf52],
    ])(
      'SddcManagerClient starts, polls, retries and cancels credential tasks as the %s spec says, dropping passwords',
      async (id, specFile) => {
        const env = simulator.environments.find(e => e.id === id)!;
        const client = SddcManagerClient.create({
          baseUrl: `${proxy.url}/env/${id}/sddc-manager`,
          ...env.sddcManagerServiceAccount,
        });
        const [first, second, third] = simulator.listCredentials(id);
        const target = (c: typeof first) => ({
          resourceName: c.resource.resourceName,
          resourceId: c.resource.resourceId,
          resourceType: c.resource.resourceType,
          username: c.username,
          credentialType: c.credentialType,
          accountType: c.accountType,
        });
        const seen: string[] = [];
        try {
          simulator.setFaults(
            { credentialTaskPolls: 0 },
            { environmentId: id },
          );
          const rotation = await client.startCredentialChange({
            operationType: 'ROTATE',
            credentials: [target(first)],
          });
          const rotated = await client.getCredentialTask(rotation);
          expect(rotated.status).toBe('SUCCESSFUL');
          seen.push(JSON.stringify(rotated));
          const newPassword = simulator.listCredentials(id)[0].password;
          expect(newPassword).not.toBe(first.password);

          const update = await client.startCredentialChange({
            operationType: 'UPDATE',
            credentials: [target(second)],
            password: 'Canary!Update42x',
          });
          seen.push(JSON.stringify(await client.getCredentialTask(update)));

          const policy = await client.startCredentialChange({
            operationType: 'UPDATE_AUTO_ROTATE_POLICY',
            credentials: [target(third)],
            autoRotatePolicy: { enabled: true, frequencyInDays: 30 },
          });
          expect((await client.getCredentialTask(policy)).status).toBe(
            'SUCCESSFUL',
          );

          simulator.setFaults(
            { credentialTaskOutcome: 'FAILED' },
            { environmentId: id },
          );
          const failing = await client.startCredentialChange({
            operationType: 'REMEDIATE',
            credentials: [target(third)],
            password: 'Canary!Remedy42x',
          });
          const failed = await client.getCredentialTask(failing);
          expect(failed.status).toBe('FAILED');
          expect(failed.errors[0]).toMatch(/Failed to remediate/);
          await client.retryCredentialTask(failing, {
            operationType: 'REMEDIATE',
            credentials: [target(third)],
            password: 'Canary!Remedy42x',
          });
          expect((await client.getCredentialTask(failing)).status).toBe(
            'FAILED',
          );
          await client.cancelCredentialTask(failing);
          expect((await client.getCredentialTask(failing)).status).toBe(
            'USER_CANCELLED',
          );

          const check = await client.startExpirationCheck({
            resourceType: first.resource.resourceType,
            credentialIds: [first.id],
          });
          const expiry = await client.getExpirationCheck(check);
          expect(expiry.status).toBe('COMPLETED');
          expect(expiry.results.map(r => r.credentialId)).toEqual([first.id]);

          for (const text of seen) {
            for (const secret of [
              first.password,
              newPassword,
              second.password,
              'Canary!Update42x',
            ]) {
              expect(text).not.toContain(secret);
            }
          }
        } finally {
          simulator.resetFaults();
          await client.close();
        }
        const requests = validateRecorded(specFile, `/env/${id}/sddc-manager`);
        const operations = new Set(
          requests.map(
            r =>
              `${r.method} ${r.path
                .replace(`/env/${id}/sddc-manager`, '')
                .replace(/\/[0-9a-f-]{36}$/, '/{id}')}`,
          ),
        );
        expect([...operations]).toEqual(
          expect.arrayContaining([
            'PATCH /v1/credentials',
            'GET /v1/credentials/tasks/{id}',
            'PATCH /v1/credentials/tasks/{id}',
            'DELETE /v1/credentials/tasks/{id}',
            'POST /v1/credentials/expirations',
            'GET /v1/credentials/expirations/{id}',
          ]),
        );
      },
    );
  },
);

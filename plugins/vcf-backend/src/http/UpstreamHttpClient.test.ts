import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  startVcfSimulator,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import { mockServices } from '@backstage/backend-test-utils';
import { UpstreamError } from './UpstreamError';
import { UpstreamHttpClient } from './UpstreamHttpClient';

const CANARY_PASSWORD = 'canary-Pa55word-c0ffee';
const CANARY_TOKEN = 'Bearer canary-token-deadbeef';

interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A plain HTTP server on a free port whose answers the test scripts; it records every request it gets. */
async function startScriptedServer(
  answer: (request: ReceivedRequest, response: ServerResponse) => void,
) {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', chunk => {
      body += chunk;
    });
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
      };
      received.push(request);
      answer(request, res);
    });
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(UpstreamError);
    return error as UpstreamError;
  }
  throw new Error('expected the request to fail');
}

describe('UpstreamHttpClient', () => {
  const clients: UpstreamHttpClient[] = [];
  const servers: ScriptedServer[] = [];

  function client(
    baseUrl: string,
    options: Partial<Parameters<typeof UpstreamHttpClient.create>[0]> = {},
  ) {
    const created = UpstreamHttpClient.create({
      baseUrl,
      upstreamName: 'SDDC Manager',
      retryBaseDelayMs: 1,
      ...options,
    });
    clients.push(created);
    return created;
  }

  async function server(
    answer: (request: ReceivedRequest, response: ServerResponse) => void,
  ) {
    const started = await startScriptedServer(answer);
    servers.push(started);
    return started;
  }

  afterEach(async () => {
    await Promise.all(clients.splice(0).map(c => c.close()));
    await Promise.all(servers.splice(0).map(s => s.stop()));
  });

  it('refuses a base URL that is not a URL, without echoing more than the URL', () => {
    expect(() => client('not a url')).toThrow(
      'SDDC Manager: base URL "not a url" is not a valid URL',
    );
  });

  it('sends method, path, query, headers and a JSON body, and returns the answer', async () => {
    const upstream = await server((_req, res) =>
      sendJson(res, 200, { elements: [1, 2] }),
    );
    const answer = await client(`${upstream.url}/`).requestJson<{
      elements: number[];
    }>({
      method: 'POST',
      path: '/v1/credentials',
      query: { pageNumber: 2, type: 'SSO', skipped: undefined },
      headers: { authorization: CANARY_TOKEN },
      body: { password: CANARY_PASSWORD },
    });
    expect(answer).toEqual({ elements: [1, 2] });
    expect(upstream.received).toHaveLength(1);
    const [request] = upstream.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/credentials?pageNumber=2&type=SSO');
    expect(request.headers.authorization).toBe(CANARY_TOKEN);
    expect(request.headers.accept).toBe('application/json');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ password: CANARY_PASSWORD });
  });

  it('sends a string body as is, with the caller’s content type', async () => {
    const upstream = await server((_req, res) => res.end('<ok/>'));
    const response = await client(upstream.url).request({
      method: 'POST',
      path: '/sdk',
      headers: { 'content-type': 'text/xml' },
      body: '<Envelope/>',
    });
    expect(response).toMatchObject({ status: 200, text: '<ok/>' });
    expect(upstream.received[0].body).toBe('<Envelope/>');
    expect(upstream.received[0].headers['content-type']).toBe('text/xml');
  });

  describe('retries', () => {
    it('retries a 5xx answer and returns the first good one', async () => {
      const upstream = await server((_req, res) => {
        if (upstream.received.length < 3) sendJson(res, 503, {});
        else sendJson(res, 200, { ok: true });
      });
      const answer = await client(upstream.url, { retries: 2 }).requestJson({
        method: 'GET',
        path: '/v1/system',
      });
      expect(answer).toEqual({ ok: true });
      expect(upstream.received).toHaveLength(3);
    });

    it('gives up after the configured retries and maps the last 5xx to an UpstreamError', async () => {
      const upstream = await server((_req, res) =>
        sendJson(res, 502, { message: 'bad gateway' }),
      );
      const error = await rejectionOf(
        client(upstream.url, { retries: 3 }).requestJson({
          method: 'GET',
          path: '/v1/domains',
        }),
      );
      expect(upstream.received).toHaveLength(4);
      expect(error).toMatchObject({
        kind: 'http',
        status: 502,
        upstreamName: 'SDDC Manager',
        message: 'SDDC Manager answered HTTP 502 to GET /v1/domains',
      });
    });

    it('never retries a 4xx answer', async () => {
      const upstream = await server((_req, res) => sendJson(res, 404, {}));
      const error = await rejectionOf(
        client(upstream.url, { retries: 3 }).requestJson({
          method: 'GET',
          path: '/v1/hosts/h-1',
        }),
      );
      expect(upstream.received).toHaveLength(1);
      expect(error).toMatchObject({ kind: 'http', status: 404 });
    });

    it('lets the caller say which statuses are transient', async () => {
      const upstream = await server((_req, res) => {
        res.writeHead(500);
        res.end('<Fault/>');
      });
      const response = await client(upstream.url, { retries: 3 }).request({
        method: 'POST',
        path: '/sdk',
        body: '<Envelope/>',
        isRetryableStatus: () => false,
      });
      expect(response).toMatchObject({ status: 500, text: '<Fault/>' });
      expect(upstream.received).toHaveLength(1);
    });

    it('retries a dropped connection', async () => {
      const upstream = await server((_req, res) => {
        if (upstream.received.length === 1) res.socket?.destroy();
        else sendJson(res, 200, { ok: true });
      });
      const answer = await client(upstream.url, { retries: 1 }).requestJson({
        method: 'GET',
        path: '/v1/system',
      });
      expect(answer).toEqual({ ok: true });
      expect(upstream.received).toHaveLength(2);
    });

    it('reports a refused connection as a network error once the retries are spent', async () => {
      const closed = await server(() => {});
      const url = closed.url;
      await closed.stop();
      servers.splice(servers.indexOf(closed), 1);
      const error = await rejectionOf(
        client(url, { retries: 1 }).request({ method: 'GET', path: '/v1/x' }),
      );
      expect(error.kind).toBe('network');
      expect(error.message).toMatch(
        /^Could not reach SDDC Manager for GET \/v1\/x \(.*ECONNREFUSED.*\)$/,
      );
    });
  });

  it('times out an upstream that never answers', async () => {
    // The server takes the request and never answers; a tiny per-attempt timeout ends each attempt.
    const upstream = await server(() => {});
    const error = await rejectionOf(
      client(upstream.url, { timeoutMs: 50, retries: 1 }).request({
        method: 'GET',
        path: '/v1/credentials',
      }),
    );
    expect(error).toMatchObject({
      kind: 'timeout',
      upstreamName: 'SDDC Manager',
    });
    expect(error.message).toMatch(
      /^SDDC Manager did not answer GET \/v1\/credentials within \d+ s$/,
    );
    expect(error.retryable).toBe(true);
  });

  describe('errors', () => {
    it.each([401, 403])(
      'says that the service account was rejected on %p',
      async status => {
        const upstream = await server((_req, res) => sendJson(res, status, {}));
        const error = await rejectionOf(
          client(upstream.url).requestJson({ method: 'GET', path: '/v1/x' }),
        );
        expect(error).toMatchObject({ kind: 'auth', status });
        expect(error.message).toBe(
          `SDDC Manager rejected the service account (HTTP ${status} on GET /v1/x): check its user name and password`,
        );
      },
    );

    it('reports a 2xx answer that is not JSON as a parse error', async () => {
      const upstream = await server((_req, res) => res.end('{"cut'));
      const error = await rejectionOf(
        client(upstream.url).requestJson({ method: 'GET', path: '/v1/x' }),
      );
      expect(error.kind).toBe('parse');
      expect(error.message).toBe(
        'SDDC Manager sent a response to GET /v1/x that is not valid JSON',
      );
    });

    it.each([400, 401, 409, 500])(
      'keeps the Authorization header, the password sent and the answer out of a %p error and the logs',
      async status => {
        const logger = mockServices.logger.mock();
        // The upstream echoes what it got, as some do in their error bodies.
        const upstream = await server((req, res) =>
          sendJson(res, status, {
            message: `${req.headers.authorization} ${req.body}`,
          }),
        );
        const error = await rejectionOf(
          client(upstream.url, { retries: 1, logger }).requestJson({
            method: 'PATCH',
            path: '/v1/credentials',
            headers: { authorization: CANARY_TOKEN },
            body: { password: CANARY_PASSWORD },
          }),
        );
        expect(error.status).toBe(status);
        const everything = JSON.stringify({
          message: error.message,
          stack: error.stack,
          own: { ...error },
          logged: [logger.debug, logger.info, logger.warn, logger.error].map(
            log => (log as jest.Mock).mock.calls,
          ),
        });
        expect(everything).not.toContain('canary');
      },
    );

    it('keeps secrets out of timeout and connection errors', async () => {
      const silent = await server(() => {});
      const error = await rejectionOf(
        client(silent.url, { timeoutMs: 20, retries: 0 }).request({
          method: 'PUT',
          path: '/v1/credentials',
          headers: { authorization: CANARY_TOKEN },
          body: { password: CANARY_PASSWORD },
        }),
      );
      expect(error.kind).toBe('timeout');
      expect(`${error.message} ${error.stack}`).not.toContain('canary');
    });
  });

  describe('TLS', () => {
    let simulator: VcfSimulator;
    beforeAll(async () => {
      // A real HTTPS server with a self-signed certificate.
      simulator = await startVcfSimulator({ environments: [{ id: 'tls' }] });
    });
    afterAll(() => simulator?.stop());

    // Any HTTP answer proves that the TLS handshake succeeded.
    const probe = { method: 'GET', path: '/' } as const;

    it('refuses an untrusted certificate by default, with a hint', async () => {
      const error = await rejectionOf(
        client(simulator.url, { retries: 2 }).request(probe),
      );
      expect(error.kind).toBe('tls');
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(
        /^SDDC Manager's TLS certificate is not trusted \(.+\): add its CA to the endpoint's tls.ca, or set tls.verify to false for a lab$/,
      );
    });

    it('refuses it with verify explicitly on', async () => {
      const error = await rejectionOf(
        client(simulator.url, { tls: { verify: true } }).request(probe),
      );
      expect(error.kind).toBe('tls');
    });

    it('trusts the certificate given as CA', async () => {
      const response = await client(simulator.url, {
        tls: { verify: true, ca: simulator.certificatePem },
      }).request(probe);
      expect(response.status).toBeGreaterThanOrEqual(200);
    });

    it('accepts any certificate with verify off', async () => {
      const response = await client(simulator.url, {
        tls: { verify: false },
      }).request(probe);
      expect(response.status).toBeGreaterThanOrEqual(200);
    });
  });
});

import { Agent, request } from 'node:https';
import type { SimulatedEnvironment, VcfSimulator } from '../simulator/types';

/** A response as the tests look at it: the body stays text so malformed JSON can be asserted. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parses the body; throws on malformed JSON. */
  json(): any;
}

/** How a test request connects. */
export interface TestRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string. */
  body?: unknown;
  /** PEM to trust; without it and with `verify` unset, the system CAs are used. */
  ca?: string;
  /** Set to false to skip certificate verification. */
  verify?: boolean;
  timeoutMs?: number;
}

/** One HTTPS request with its own agent (never the global one, which tests block). */
export function httpsRequest(
  url: string,
  options: TestRequestOptions = {},
): Promise<TestResponse> {
  let body: string | undefined;
  if (options.body !== undefined) {
    body =
      typeof options.body === 'string'
        ? options.body
        : JSON.stringify(options.body);
  }
  const headers: Record<string, string> = { ...options.headers };
  if (body !== undefined && !headers['Content-Type']) {
    headers['Content-Type'] = 'application/json';
  }
  const agent = new Agent({
    ca: options.ca,
    rejectUnauthorized: options.verify ?? true,
    keepAlive: false,
  });
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers,
        agent,
        timeout: options.timeoutMs ?? 10_000,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/** A minimal API client for one service of one simulated environment, trusting the simulator's CA. */
export class TestApiClient {
  private accessToken?: string;

  constructor(
    private readonly simulator: VcfSimulator,
    readonly baseUrl: string,
    private readonly account: { username: string; password: string },
  ) {}

  static forSddcManager(
    simulator: VcfSimulator,
    environment: SimulatedEnvironment,
  ) {
    return new TestApiClient(
      simulator,
      environment.sddcManagerUrl,
      environment.sddcManagerServiceAccount,
    );
  }

  static forInstaller(
    simulator: VcfSimulator,
    environment: SimulatedEnvironment,
  ) {
    return new TestApiClient(
      simulator,
      environment.installerUrl,
      environment.installerServiceAccount,
    );
  }

  /** `POST /v1/tokens`; remembers the access token for later calls. */
  async login(): Promise<TestResponse> {
    const response = await this.request('/v1/tokens', {
      method: 'POST',
      body: this.account,
    });
    if (response.status === 201) {
      this.accessToken = response.json().accessToken;
    }
    return response;
  }

  /** A call with the bearer token of the last login. */
  request(
    path: string,
    options: TestRequestOptions = {},
  ): Promise<TestResponse> {
    return httpsRequest(`${this.baseUrl}${path}`, {
      ca: this.simulator.certificatePem,
      ...options,
      headers: {
        ...(this.accessToken
          ? { Authorization: `Bearer ${this.accessToken}` }
          : {}),
        ...options.headers,
      },
    });
  }

  /** A GET that expects 200 and returns the parsed body. */
  async getJson(path: string): Promise<any> {
    const response = await this.request(path);
    if (response.status !== 200) {
      throw new Error(
        `GET ${path} answered ${response.status}: ${response.text}`,
      );
    }
    return response.json();
  }
}

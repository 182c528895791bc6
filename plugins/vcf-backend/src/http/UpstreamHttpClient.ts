import { Agent, fetch, type Dispatcher, type Response } from 'undici';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TlsSettings } from '@vcf-backstage/plugin-vcf-common';
import { UpstreamError } from './UpstreamError';

/**
 * TLS settings of one upstream endpoint: the API's `TlsSettings`. `verify` defaults to true; false is an
 * explicit opt-out.
 * @internal
 */
export type UpstreamTlsOptions = TlsSettings;

/**
 * TLS settings as read from config or the database, with the default applied: `verify` is always set.
 * @internal
 */
export type ResolvedTlsSettings = TlsSettings & { verify: boolean };

/**
 * Options of an {@link UpstreamHttpClient}.
 * @internal
 */
export interface UpstreamHttpClientOptions {
  /** e.g. `https://sddc-manager.example.com` */
  baseUrl: string;
  /** Short name of the upstream for errors and logs, e.g. "SDDC Manager". */
  upstreamName: string;
  tls?: UpstreamTlsOptions;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Attempts after the first one on 5xx, timeouts and network errors (default 2). Never on 4xx. */
  retries?: number;
  /** First backoff delay; doubles each attempt (default 250 ms). */
  retryBaseDelayMs?: number;
  logger?: LoggerService;
}

/**
 * One request to an upstream.
 * @internal
 */
export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, e.g. `/v1/credentials`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /**
   * Decides whether a response with this status may be retried. Defaults to `status >= 500`.
   * SOAP callers, whose faults arrive as HTTP 500, say no for those.
   */
  isRetryableStatus?: (status: number, bodyText: string) => boolean;
}

/**
 * What came back: status, headers and the body as text (JSON parsing is the caller's).
 * @internal
 */
export interface UpstreamResponse {
  status: number;
  headers: Headers;
  text: string;
}

/**
 * What {@link UpstreamHttpClient.requestStreamed} returns: a 2xx answer with its body unread (`body`), or any
 * other answer read as text, as {@link UpstreamHttpClient.request} returns it.
 * @internal
 */
export type UpstreamStreamedResponse =
  | { status: number; headers: Headers; body: ReadableStream<Uint8Array> }
  | UpstreamResponse;

/**
 * The body of a response, as a stream that keeps the response referenced: undici cancels the body of a Response
 * that is garbage-collected, which would end a body still being read as if it were empty.
 */
function bodyOf(response: Response): ReadableStream<Uint8Array> {
  const body = () => response.body as unknown as ReadableStream<Uint8Array>;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        reader ??= body().getReader();
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel(reason) {
        await (reader ?? body()).cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * The HTTP layer every upstream client shares (SDDC Manager, VCF Installer, vCenter SOAP): one keep-alive
 * connection pool per endpoint with that endpoint's TLS settings, a timeout per attempt, and bounded retries with
 * exponential backoff on 5xx, timeouts and network errors, never on 4xx. Errors name the upstream and the path,
 * never a header or a body, so no token or password can leak through them.
 * @internal
 */
export class UpstreamHttpClient {
  readonly baseUrl: string;
  readonly upstreamName: string;
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryBaseDelayMs: number;
  private readonly logger?: LoggerService;

  static create(options: UpstreamHttpClientOptions): UpstreamHttpClient {
    return new UpstreamHttpClient(options);
  }

  private constructor(options: UpstreamHttpClientOptions) {
    let url: URL;
    try {
      url = new URL(options.baseUrl);
    } catch {
      throw new UpstreamError(
        `${options.upstreamName}: base URL "${options.baseUrl}" is not a valid URL`,
        { kind: 'config', upstreamName: options.upstreamName },
      );
    }
    this.baseUrl = url.toString().replace(/\/+$/, '');
    this.upstreamName = options.upstreamName;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 250;
    this.logger = options.logger;
    this.dispatcher = new Agent({
      keepAliveTimeout: 30_000,
      connections: 16,
      connect: {
        rejectUnauthorized: options.tls?.verify !== false,
        ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
      },
    });
  }

  /** Sends a request, retrying transient failures, and returns the final response whatever its status. */
  async request(request: UpstreamRequest): Promise<UpstreamResponse> {
    return (await this.send(request, false)) as UpstreamResponse;
  }

  /**
   * Like {@link UpstreamHttpClient.request}, but a 2xx answer comes back as soon as its headers arrive, with its
   * body unread, for the caller to consume as a stream (large answers then never sit in memory whole). The caller
   * must read the body to its end or cancel it. Other answers are read as text and retried as by `request`; a
   * failure while the caller reads the body is not retried (it is the stream's error, for
   * {@link UpstreamError.fromTransportError}). The per-attempt timeout also bounds the reading of the body.
   */
  async requestStreamed(
    request: UpstreamRequest,
  ): Promise<UpstreamStreamedResponse> {
    return this.send(request, true);
  }

  private async send(
    request: UpstreamRequest,
    streamed: boolean,
  ): Promise<UpstreamStreamedResponse> {
    const url = new URL(this.baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...request.headers,
    };
    let body: string | undefined;
    if (typeof request.body === 'string') {
      body = request.body;
    } else if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] ??= 'application/json';
    }
    const isRetryableStatus =
      request.isRetryableStatus ?? ((status: number) => status >= 500);
    const where = `${request.method} ${request.path}`;

    for (let attempt = 0; ; attempt++) {
      const lastAttempt = attempt >= this.retries;
      let failure: UpstreamError;
      try {
        const response = await fetch(url, {
          method: request.method,
          headers,
          body,
          dispatcher: this.dispatcher,
          signal: AbortSignal.timeout(this.timeoutMs),
        });
        if (streamed && response.ok && response.body) {
          return {
            status: response.status,
            headers: response.headers as unknown as Headers,
            body: bodyOf(response),
          };
        }
        const text = await response.text();
        if (!isRetryableStatus(response.status, text) || lastAttempt) {
          return {
            status: response.status,
            headers: response.headers as unknown as Headers,
            text,
          };
        }
        failure = new UpstreamError(
          `${this.upstreamName} answered ${response.status} to ${where}`,
          {
            kind: 'http',
            status: response.status,
            upstreamName: this.upstreamName,
          },
        );
      } catch (error) {
        failure = UpstreamError.fromTransportError(error, {
          upstreamName: this.upstreamName,
          where,
          timeoutMs: this.timeoutMs,
        });
        if (lastAttempt || !failure.retryable) throw failure;
      }
      const delay = this.retryBaseDelayMs * 2 ** attempt;
      this.logger?.debug(`Retrying ${this.upstreamName} request`, {
        where,
        attempt: attempt + 1,
        delayMs: delay,
        reason: failure.message,
      });
      await sleep(delay);
    }
  }

  /** Sends a request and parses a 2xx JSON answer; anything else becomes an {@link UpstreamError}. */
  async requestJson<T>(request: UpstreamRequest): Promise<T> {
    const response = await this.request(request);
    const where = `${request.method} ${request.path}`;
    if (response.status < 200 || response.status >= 300) {
      throw UpstreamError.fromStatus(this.upstreamName, where, response.status);
    }
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new UpstreamError(
        `${this.upstreamName} sent a response to ${where} that is not valid JSON`,
        { kind: 'parse', upstreamName: this.upstreamName },
      );
    }
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

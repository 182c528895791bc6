import type { LoggerService } from '@backstage/backend-plugin-api';
import { UpstreamError } from '../../http/UpstreamError';
import {
  UpstreamHttpClient,
  type UpstreamRequest,
  type UpstreamStreamedResponse,
  type UpstreamTlsOptions,
} from '../../http/UpstreamHttpClient';
import type {
  ManagedObjectReference,
  VimNode,
  VimServiceContent,
} from './types';
import { VimFaultError, vimFaultFromSoap } from './VimFaultError';
import { child, readMoRef, readString } from './vimValues';
import {
  parseSoapBody,
  soapRequest,
  xmlChildren,
  type XmlFragment,
} from './vimXml';
import { VimXmlStream } from './vimXmlParser';

/**
 * Options of a {@link VimSoapClient}.
 * @internal
 */
export interface VimSoapClientOptions {
  /** The vCenter, e.g. `https://vcenter.example.com` (the SOAP endpoint `/sdk` is added) or its `/sdk` URL. */
  url: string;
  username: string;
  /** Sent in the Login request only; never logged nor put in an error. */
  password: string;
  tls?: UpstreamTlsOptions;
  /** Per-request timeout (default 60 s; a large page of objects takes a while on a busy vCenter). */
  timeoutMs?: number;
  /** Retries of a request after a network error, timeout or non-SOAP 5xx answer (default 2). */
  retries?: number;
  /** Name in errors and logs (default `vCenter <host>`). */
  upstreamName?: string;
  logger?: LoggerService;
}

/**
 * A successful SOAP answer whose body is still arriving (see {@link VimSoapClient.requestStreamed}).
 * @internal
 */
export interface VimStreamedReply {
  /**
   * Reads the body as it arrives and parses it on the way: each child element of the `returnval` (e.g. the
   * `token` and each of the `objects` of a RetrieveResult) goes to `onChild` as soon as it is complete and is not
   * kept, so the answer never exists as one string or tree. Resolves once the body is read; rejects when it is
   * not the method's SOAP response, when the connection fails, or with what `onChild` throws. When given,
   * `afterChunk` is awaited after each piece of the body is parsed, before the next one is read: the caller can
   * write away what `onChild` gave it so far, so that memory holds a few objects rather than a page of them.
   */
  read(
    onChild: (name: string, value: VimNode) => void,
    afterChunk?: () => Promise<void>,
  ): Promise<void>;
  /** Lets the body go unread (frees its connection). */
  discard(): Promise<void>;
}

const SERVICE_INSTANCE: ManagedObjectReference = {
  type: 'ServiceInstance',
  value: 'ServiceInstance',
};

/** vim25 version announced before the server's own is known; every vCenter of the VCF era serves it. */
const BOOTSTRAP_API_VERSION = '6.5';

/** Methods that must not trigger a new login when they fail with NotAuthenticated. */
const NO_RELOGIN_METHODS = new Set([
  'RetrieveServiceContent',
  'Login',
  'Logout',
]);

const SESSION_COOKIE = 'vmware_soap_session';
const SESSION_COOKIE_VALUE = /(?:^|,\s*)vmware_soap_session=([^;]*)/;

function looksLikeSoapFault(text: string): boolean {
  return /<(?:[\w-]+:)?Fault[\s>]/.test(text);
}

/**
 * A vim25 SOAP client for one vCenter: RetrieveServiceContent, SessionManager.Login/Logout with the
 * `vmware_soap_session` cookie kept per client, and {@link VimSoapClient.invoke} for any other method. It speaks
 * the server's API version (`SOAPAction: urn:vim25/<about.apiVersion>`), logs in again once when a call fails with
 * NotAuthenticated (an expired or terminated session), and turns SOAP faults into readable
 * {@link VimFaultError}s. It never echoes a request body, so the password of the Login request cannot leak.
 * @internal
 */
export class VimSoapClient {
  readonly upstreamName: string;
  private readonly http: UpstreamHttpClient;
  private readonly sdkPath: string;
  private readonly username: string;
  private readonly password: string;
  private readonly logger?: LoggerService;
  private readonly timeoutMs: number;
  private content?: VimServiceContent;
  private cookie?: string;
  private relogin?: Promise<void>;
  private requests = 0;
  private logins = 0;

  static create(options: VimSoapClientOptions): VimSoapClient {
    return new VimSoapClient(options);
  }

  private constructor(options: VimSoapClientOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new UpstreamError(
        `vCenter URL "${options.url}" is not a valid URL`,
        {
          kind: 'config',
          upstreamName: options.upstreamName ?? 'vCenter',
        },
      );
    }
    this.upstreamName = options.upstreamName ?? `vCenter ${url.host}`;
    this.sdkPath = url.pathname.replace(/\/+$/, '') || '/sdk';
    this.username = options.username;
    this.password = options.password;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.http = UpstreamHttpClient.create({
      baseUrl: url.origin,
      upstreamName: this.upstreamName,
      tls: options.tls,
      timeoutMs: this.timeoutMs,
      retries: options.retries,
      logger: options.logger,
    });
  }

  /** The ServiceContent read by {@link VimSoapClient.connect}. */
  get serviceContent(): VimServiceContent {
    if (!this.content) {
      throw new Error(
        `${this.upstreamName}: call connect() before using the client`,
      );
    }
    return this.content;
  }

  /** The server's vim25 API version (`about.apiVersion`), once connected. */
  get apiVersion(): string | undefined {
    return this.content?.about.apiVersion;
  }

  /** SOAP requests sent so far (each call once, whatever its HTTP retries). */
  get requestCount(): number {
    return this.requests;
  }

  /** Successful logins so far: 1 after connect, more after sessions were lost and renewed. */
  get loginCount(): number {
    return this.logins;
  }

  /** Reads the ServiceContent (if not yet read) and logs in. */
  async connect(): Promise<VimServiceContent> {
    if (!this.content) {
      const returnval = await this.call(
        'RetrieveServiceContent',
        SERVICE_INSTANCE,
      );
      const requireMoRef = (name: string): ManagedObjectReference => {
        const ref = readMoRef(child(returnval, name));
        if (!ref) {
          throw new UpstreamError(
            `${this.upstreamName} sent a ServiceContent without ${name}`,
            { kind: 'parse', upstreamName: this.upstreamName },
          );
        }
        return ref;
      };
      this.content = {
        rootFolder: requireMoRef('rootFolder'),
        propertyCollector: requireMoRef('propertyCollector'),
        viewManager: requireMoRef('viewManager'),
        sessionManager: requireMoRef('sessionManager'),
        taskManager: readMoRef(child(returnval, 'taskManager')),
        eventManager: readMoRef(child(returnval, 'eventManager')),
        alarmManager: readMoRef(child(returnval, 'alarmManager')),
        about: {
          fullName: readString(child(returnval, 'about.fullName')) ?? '',
          apiVersion:
            readString(child(returnval, 'about.apiVersion')) ??
            BOOTSTRAP_API_VERSION,
          instanceUuid: readString(child(returnval, 'about.instanceUuid')),
          apiType: readString(child(returnval, 'about.apiType')),
        },
      };
    }
    await this.login();
    return this.content;
  }

  /** Ends the session (a no-op when not logged in). */
  async logout(): Promise<void> {
    if (!this.cookie || !this.content) return;
    try {
      await this.call('Logout', this.content.sessionManager);
    } finally {
      this.cookie = undefined;
    }
  }

  /**
   * Calls a vim25 method on `thisRef` with the given parameters (built with the `vimXml` helpers) and returns the
   * response's `returnval` (an array when the method returns several). On NotAuthenticated it logs in again once
   * and repeats the call.
   */
  async invoke(
    method: string,
    thisRef: ManagedObjectReference,
    parameters?: XmlFragment,
  ): Promise<VimNode | VimNode[] | undefined> {
    return this.withRelogin(method, () =>
      this.call(method, thisRef, parameters),
    );
  }

  /**
   * Like {@link VimSoapClient.invoke}, but returns as soon as a successful answer starts to arrive, for the caller
   * to read as a stream ({@link VimStreamedReply.read}): a pager reads a page of thousands of objects one object
   * at a time, and can send its next request while it reads. Faults are read and thrown here, as by `invoke`.
   */
  async requestStreamed(
    method: string,
    thisRef: ManagedObjectReference,
    parameters?: XmlFragment,
  ): Promise<VimStreamedReply> {
    return this.withRelogin(method, async () => {
      const response = await this.post(method, thisRef, parameters, true);
      return this.streamedReply(method, response.body);
    });
  }

  /** Calls `call`; on NotAuthenticated, logs in again once and calls it again. */
  private async withRelogin<T>(
    method: string,
    call: () => Promise<T>,
  ): Promise<T> {
    const loginsBefore = this.logins;
    try {
      return await call();
    } catch (error) {
      if (
        !(error instanceof VimFaultError) ||
        error.faultType !== 'NotAuthenticated' ||
        NO_RELOGIN_METHODS.has(method)
      ) {
        throw error;
      }
      this.logger?.info('vCenter session ended; logging in again', {
        upstream: this.upstreamName,
        method,
      });
      await this.loginAgain(loginsBefore);
      try {
        return await call();
      } catch (retryError) {
        if (
          retryError instanceof VimFaultError &&
          retryError.faultType === 'NotAuthenticated'
        ) {
          throw new VimFaultError(
            `${retryError.message}, even after logging in again`,
            {
              kind: retryError.kind,
              faultType: retryError.faultType,
              method,
              faultMessage: retryError.faultMessage,
              upstreamName: this.upstreamName,
            },
          );
        }
        throw retryError;
      }
    }
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.http.close();
  }

  /** One new login for all calls that saw the same session end. */
  private async loginAgain(loginsBefore: number): Promise<void> {
    if (this.logins !== loginsBefore) return; // another call already renewed the session
    this.relogin ??= this.login().finally(() => {
      this.relogin = undefined;
    });
    await this.relogin;
  }

  private async login(): Promise<void> {
    const content = this.serviceContent;
    // The answer is parsed, which checks that it is a LoginResponse.
    await this.call(
      'Login',
      content.sessionManager,
      xmlChildren([
        ['userName', this.username],
        ['password', this.password],
      ]),
    );
    if (!this.cookie) {
      throw new UpstreamError(
        `${this.upstreamName} accepted the login but set no ${SESSION_COOKIE} cookie`,
        { kind: 'parse', upstreamName: this.upstreamName },
      );
    }
    this.logins++;
  }

  /** One call, its whole answer parsed; no new login. */
  private async call(
    method: string,
    thisRef: ManagedObjectReference,
    parameters?: XmlFragment,
  ): Promise<VimNode | VimNode[] | undefined> {
    const response = await this.post(method, thisRef, parameters, false);
    return this.parseReturnval(method, response.text);
  }

  /**
   * Sends one call and returns its successful answer: as text, or `streamed` with the body unread. Other answers
   * are thrown: a SOAP fault as a {@link VimFaultError}, anything else as an {@link UpstreamError}.
   */
  private async post(
    method: string,
    thisRef: ManagedObjectReference,
    parameters: XmlFragment | undefined,
    streamed: false,
  ): Promise<{ text: string }>;
  private async post(
    method: string,
    thisRef: ManagedObjectReference,
    parameters: XmlFragment | undefined,
    streamed: true,
  ): Promise<{ body: ReadableStream<Uint8Array> }>;
  private async post(
    method: string,
    thisRef: ManagedObjectReference,
    parameters: XmlFragment | undefined,
    streamed: boolean,
  ): Promise<{ text: string } | { body: ReadableStream<Uint8Array> }> {
    const apiVersion = this.content?.about.apiVersion ?? BOOTSTRAP_API_VERSION;
    const headers: Record<string, string> = {
      accept: 'text/xml',
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `urn:vim25/${apiVersion}`,
    };
    if (this.cookie) headers.cookie = this.cookie;

    this.requests++;
    const request: UpstreamRequest = {
      method: 'POST',
      path: this.sdkPath,
      headers,
      body: soapRequest(method, thisRef, parameters),
      // SOAP faults come as HTTP 500 and are answers, not transient failures.
      isRetryableStatus: (status, text) =>
        status >= 500 && !looksLikeSoapFault(text),
    };
    let response: UpstreamStreamedResponse;
    try {
      response = streamed
        ? await this.http.requestStreamed(request)
        : await this.http.request(request);
    } catch (error) {
      throw error instanceof UpstreamError
        ? this.transportError(error, method)
        : error;
    }

    // vCenter may set the session cookie before Login (on RetrieveServiceContent) and renews it on a new login.
    this.rememberSessionCookie(response.headers);

    const where = `POST ${this.sdkPath} (${method})`;
    if ('body' in response) {
      if (response.status === 200) return { body: response.body };
      await response.body.cancel().catch(() => undefined);
      throw UpstreamError.fromStatus(this.upstreamName, where, response.status);
    }
    if (response.status === 200) return { text: response.text };
    if (response.status !== 500) {
      throw UpstreamError.fromStatus(this.upstreamName, where, response.status);
    }
    const body = parseSoapBody(response.text);
    if (!body || body.Fault === undefined) {
      throw UpstreamError.fromStatus(this.upstreamName, where, response.status);
    }
    throw vimFaultFromSoap(body.Fault, {
      upstreamName: this.upstreamName,
      method,
      username: this.username,
      secrets: [this.password],
    });
  }

  /** A failure to reach the vCenter (or to read its answer), named after the method. */
  private transportError(error: unknown, method: string): unknown {
    const failure =
      error instanceof UpstreamError
        ? error
        : UpstreamError.fromTransportError(error, {
            upstreamName: this.upstreamName,
            where: `POST ${this.sdkPath}`,
            timeoutMs: this.timeoutMs,
          });
    return new UpstreamError(`${failure.message} (calling ${method})`, {
      kind: failure.kind,
      status: failure.status,
      upstreamName: this.upstreamName,
    });
  }

  /** The reply of {@link VimSoapClient.requestStreamed}: the body decoded and parsed chunk by chunk. */
  private streamedReply(
    method: string,
    body: ReadableStream<Uint8Array>,
  ): VimStreamedReply {
    let used = false;
    return {
      read: async (onChild, afterChunk) => {
        if (used) throw new Error(`The answer to ${method} was read already`);
        used = true;
        let handlerFailure: { error: unknown } | undefined;
        const xml = new VimXmlStream({
          parentPath: ['Envelope', 'Body', `${method}Response`, 'returnval'],
          onChild: (name, value) => {
            try {
              onChild(name, value as VimNode);
            } catch (error) {
              handlerFailure = { error };
              throw error;
            }
          },
        });
        const decoder = new TextDecoder();
        const reader = body.getReader();
        let document: Record<string, unknown>;
        try {
          for (;;) {
            let chunk: ReadableStreamReadResult<Uint8Array>;
            try {
              chunk = await reader.read();
            } catch (error) {
              throw this.transportError(error, method);
            }
            if (chunk.done) break;
            xml.write(decoder.decode(chunk.value, { stream: true }));
            if (afterChunk) {
              try {
                await afterChunk();
              } catch (error) {
                handlerFailure = { error };
                throw error;
              }
            }
          }
          document = xml.write(decoder.decode()).close();
        } catch (error) {
          await reader.cancel().catch(() => undefined);
          if (handlerFailure) throw handlerFailure.error;
          if (error instanceof UpstreamError) throw error;
          throw this.notAResponse(method); // not well-formed XML
        }
        const envelope = document.Envelope as Record<string, unknown>;
        const answer = child(envelope, `Body.${method}Response`);
        if (answer === undefined) throw this.notAResponse(method);
      },
      discard: async () => {
        if (used) return;
        used = true;
        await body.cancel().catch(() => undefined);
      },
    };
  }

  private notAResponse(method: string): UpstreamError {
    return new UpstreamError(
      `${this.upstreamName} sent a response to ${method} that is not a SOAP ${method}Response`,
      { kind: 'parse', upstreamName: this.upstreamName },
    );
  }

  private parseReturnval(
    method: string,
    text: string,
  ): VimNode | VimNode[] | undefined {
    const body = parseSoapBody(text);
    const responseElement = body?.[`${method}Response`];
    if (responseElement === undefined) throw this.notAResponse(method);
    return child(responseElement, 'returnval') as
      | VimNode
      | VimNode[]
      | undefined;
  }

  private rememberSessionCookie(headers: Headers): void {
    const setCookies =
      typeof headers.getSetCookie === 'function'
        ? headers.getSetCookie()
        : [headers.get('set-cookie') ?? ''];
    for (const setCookie of setCookies) {
      const match = SESSION_COOKIE_VALUE.exec(setCookie);
      if (match) {
        this.cookie = `${SESSION_COOKIE}=${match[1]}`;
        return;
      }
    }
  }
}

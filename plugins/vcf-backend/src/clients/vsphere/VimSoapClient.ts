import type { LoggerService } from '@backstage/backend-plugin-api';
import { UpstreamError } from '../../http/UpstreamError';
import {
  UpstreamHttpClient,
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

/**
 * Options of a {@link VimSoapClient}.
 * @public
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
 * A successful SOAP answer whose parsing is left to the caller.
 * @public
 */
export interface VimReply {
  /** The response body as received. */
  text: string;
  /** Parses the body and returns the `returnval` (an array when the method returns several). */
  returnval(): VimNode | VimNode[] | undefined;
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
 * @public
 */
export class VimSoapClient {
  readonly upstreamName: string;
  private readonly http: UpstreamHttpClient;
  private readonly sdkPath: string;
  private readonly username: string;
  private readonly password: string;
  private readonly logger?: LoggerService;
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
    this.http = UpstreamHttpClient.create({
      baseUrl: url.origin,
      upstreamName: this.upstreamName,
      tls: options.tls,
      timeoutMs: options.timeoutMs ?? 60_000,
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
      const returnval = (
        await this.send('RetrieveServiceContent', SERVICE_INSTANCE)
      ).returnval();
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
      await this.send('Logout', this.content.sessionManager);
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
    return (await this.request(method, thisRef, parameters)).returnval();
  }

  /**
   * Like {@link VimSoapClient.invoke}, but leaves the parsing of a successful answer to the caller
   * ({@link VimReply.returnval}), so that a pager can send its next request before parsing the current page.
   * Faults are parsed and thrown here.
   */
  async request(
    method: string,
    thisRef: ManagedObjectReference,
    parameters?: XmlFragment,
  ): Promise<VimReply> {
    const loginsBefore = this.logins;
    try {
      return await this.send(method, thisRef, parameters);
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
        return await this.send(method, thisRef, parameters);
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
    const reply = await this.send(
      'Login',
      content.sessionManager,
      xmlChildren([
        ['userName', this.username],
        ['password', this.password],
      ]),
    );
    reply.returnval(); // checks that the answer is a LoginResponse
    if (!this.cookie) {
      throw new UpstreamError(
        `${this.upstreamName} accepted the login but set no ${SESSION_COOKIE} cookie`,
        { kind: 'parse', upstreamName: this.upstreamName },
      );
    }
    this.logins++;
  }

  private async send(
    method: string,
    thisRef: ManagedObjectReference,
    parameters?: XmlFragment,
  ): Promise<VimReply> {
    const apiVersion = this.content?.about.apiVersion ?? BOOTSTRAP_API_VERSION;
    const headers: Record<string, string> = {
      accept: 'text/xml',
      'content-type': 'text/xml; charset=utf-8',
      soapaction: `urn:vim25/${apiVersion}`,
    };
    if (this.cookie) headers.cookie = this.cookie;

    this.requests++;
    let response;
    try {
      response = await this.http.request({
        method: 'POST',
        path: this.sdkPath,
        headers,
        body: soapRequest(method, thisRef, parameters),
        // SOAP faults come as HTTP 500 and are answers, not transient failures.
        isRetryableStatus: (status, text) =>
          status >= 500 && !looksLikeSoapFault(text),
      });
    } catch (error) {
      if (error instanceof UpstreamError) {
        throw new UpstreamError(`${error.message} (calling ${method})`, {
          kind: error.kind,
          status: error.status,
          upstreamName: this.upstreamName,
        });
      }
      throw error;
    }

    // vCenter may set the session cookie before Login (on RetrieveServiceContent) and renews it on a new login.
    this.rememberSessionCookie(response.headers);

    const where = `POST ${this.sdkPath} (${method})`;
    if (response.status === 200) {
      const text = response.text;
      return {
        text,
        returnval: () => this.parseReturnval(method, text),
      };
    }
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

  private parseReturnval(
    method: string,
    text: string,
  ): VimNode | VimNode[] | undefined {
    const body = parseSoapBody(text);
    const responseElement = body?.[`${method}Response`];
    if (responseElement === undefined) {
      throw new UpstreamError(
        `${this.upstreamName} sent a response to ${method} that is not a SOAP ${method}Response`,
        { kind: 'parse', upstreamName: this.upstreamName },
      );
    }
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

import { UpstreamError } from '../../http/UpstreamError';
import type {
  UpstreamHttpClient,
  UpstreamRequest,
} from '../../http/UpstreamHttpClient';

interface TokenPair {
  accessToken?: string;
  refreshToken?: { id?: string };
}

/**
 * Token authentication shared by SDDC Manager and the VCF Installer: `POST /v1/tokens` with the service account,
 * then `Authorization: Bearer`. When a call answers 401 (the token expired), the session renews the token once —
 * with the refresh token when it has one, otherwise by logging in again — and repeats the call.
 * @internal
 */
export class VcfTokenSession {
  private accessToken?: string;
  private refreshTokenId?: string;

  constructor(
    private readonly http: UpstreamHttpClient,
    private readonly account: { username: string; password: string },
  ) {}

  /** Logs in (again). Throws an `auth` UpstreamError when the account is rejected. */
  async login(): Promise<void> {
    const response = await this.http.request({
      method: 'POST',
      path: '/v1/tokens',
      body: {
        username: this.account.username,
        password: this.account.password,
      },
    });
    if (response.status !== 200 && response.status !== 201) {
      throw UpstreamError.fromStatus(
        this.http.upstreamName,
        'POST /v1/tokens',
        response.status === 400 || response.status === 401
          ? 401
          : response.status,
      );
    }
    let pair: TokenPair;
    try {
      pair = JSON.parse(response.text);
    } catch {
      pair = {};
    }
    if (!pair.accessToken) {
      throw new UpstreamError(
        `${this.http.upstreamName} answered POST /v1/tokens without an access token`,
        { kind: 'parse', upstreamName: this.http.upstreamName },
      );
    }
    this.accessToken = pair.accessToken;
    this.refreshTokenId = pair.refreshToken?.id;
  }

  private async renew(): Promise<void> {
    if (this.refreshTokenId) {
      const response = await this.http.request({
        method: 'PATCH',
        path: '/v1/tokens/access-token/refresh',
        body: JSON.stringify(this.refreshTokenId),
        headers: { 'content-type': 'application/json' },
      });
      if (response.status === 200) {
        try {
          const token = JSON.parse(response.text);
          if (typeof token === 'string' && token) {
            this.accessToken = token;
            return;
          }
        } catch {
          // fall through to a fresh login
        }
      }
    }
    await this.login();
  }

  /** Sends an authenticated GET and parses its JSON answer, renewing the token once on 401. */
  async getJson<T>(path: string, query?: UpstreamRequest['query']): Promise<T> {
    return this.requestJson<T>({ method: 'GET', path, query });
  }

  /**
   * Sends an authenticated request and parses its JSON answer, renewing the token once on 401. Calls that change
   * something (anything but GET) are never repeated on a 5xx or a timeout: SDDC Manager may have started them.
   * A 4xx other than 401/403 becomes an error carrying the upstream's own message (e.g. why it refused a
   * password), which never contains the request body.
   */
  async requestJson<T>(request: Omit<UpstreamRequest, 'headers'>): Promise<T> {
    if (!this.accessToken) await this.login();
    const send = () =>
      this.http.request({
        ...request,
        headers: { authorization: `Bearer ${this.accessToken}` },
        ...(request.method === 'GET' ? {} : { isRetryableStatus: () => false }),
      });
    let response = await send();
    if (response.status === 401) {
      await this.renew();
      response = await send();
    }
    const where = `${request.method} ${request.path}`;
    if (
      response.status >= 400 &&
      response.status < 500 &&
      response.status !== 401 &&
      response.status !== 403
    ) {
      throw UpstreamError.refused(
        this.http.upstreamName,
        where,
        response.status,
        response.text,
      );
    }
    if (response.status < 200 || response.status >= 300) {
      throw UpstreamError.fromStatus(
        this.http.upstreamName,
        where,
        response.status,
      );
    }
    try {
      return JSON.parse(response.text) as T;
    } catch {
      throw new UpstreamError(
        `${this.http.upstreamName} sent a response to ${where} that is not valid JSON`,
        { kind: 'parse', upstreamName: this.http.upstreamName },
      );
    }
  }
}

import { UpstreamHttpClient } from '../../http/UpstreamHttpClient';
import { UpstreamError } from '../../http/UpstreamError';
import type { UpstreamCredential } from './UpstreamCredential';
import { VcfTokenSession } from './VcfTokenSession';
import type {
  FetchedPage,
  VcfEndpointClientOptions,
} from './SddcManagerClient';
import { InstallerSpecParser } from './InstallerSpecParser';

/**
 * Reads the deployment specs the VCF Installer holds (`GET /v1/sddcs`, `GET /v1/sddcs/{id}/spec`) and the
 * passwords in them.
 * @internal
 */
export class VcfInstallerClient {
  static readonly upstreamName = 'VCF Installer';
  private readonly http: UpstreamHttpClient;
  private readonly session: VcfTokenSession;

  static create(options: VcfEndpointClientOptions) {
    return new VcfInstallerClient(options);
  }

  private constructor(options: VcfEndpointClientOptions) {
    this.http = UpstreamHttpClient.create({
      baseUrl: options.baseUrl,
      upstreamName: VcfInstallerClient.upstreamName,
      tls: options.tls,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryBaseDelayMs: options.retryBaseDelayMs,
      logger: options.logger,
    });
    this.session = new VcfTokenSession(this.http, options);
  }

  async testConnection(): Promise<void> {
    await this.session.login();
  }

  /** Ids of the SDDC deployments the Installer knows. */
  async listSddcIds(): Promise<string[]> {
    const page = await this.session.getJson<{
      elements?: Array<{ id?: string }>;
    }>('/v1/sddcs');
    if (!Array.isArray(page.elements)) {
      throw new UpstreamError(
        'VCF Installer answered GET /v1/sddcs without an elements list',
        {
          kind: 'parse',
          upstreamName: VcfInstallerClient.upstreamName,
        },
      );
    }
    return page.elements.map(e => e.id).filter((id): id is string => !!id);
  }

  /** Every credential of every deployment spec. */
  async listCredentials(
    onPage?: (page: FetchedPage) => void,
  ): Promise<UpstreamCredential[]> {
    const credentials: UpstreamCredential[] = [];
    const ids = await this.listSddcIds();
    for (const [index, id] of ids.entries()) {
      const spec = await this.session.getJson<unknown>(
        `/v1/sddcs/${encodeURIComponent(id)}/spec`,
      );
      credentials.push(...InstallerSpecParser.parse(spec));
      // One SDDC spec is one page of the Installer's credentials.
      onPage?.({
        page: index + 1,
        pageCount: ids.length,
        items: credentials.length,
      });
    }
    return credentials;
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

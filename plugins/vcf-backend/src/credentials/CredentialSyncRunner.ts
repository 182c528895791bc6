import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CredentialSource } from '@vcf-backstage/plugin-vcf-common';
import type { SyncProgressReporter } from '../sync/SyncProgressReporter';
import type { SyncRunner } from '../sync/SyncRunner';
import type { SyncTarget } from '../sync/SyncTargetStore';
import { parseCredentialTargetId } from '../sync/syncTargetIds';
import type { EndpointDefinition } from '../config/readVcfConfig';
import { SddcManagerClient } from '../clients/vcf/SddcManagerClient';
import { VcfInstallerClient } from '../clients/vcf/VcfInstallerClient';
import type { CredentialStore } from './CredentialStore';
import type { UpstreamCredential } from './UpstreamCredential';

/**
 * Timeouts and retries of the SDDC Manager and Installer clients, and the page size of SDDC Manager's lists.
 * @internal
 */
export interface VcfClientSettings {
  timeoutMs?: number;
  retries?: number;
  retryBaseDelayMs?: number;
  /** Credentials per page of SDDC Manager's `GET /v1/credentials` (`vcf.sync.sddcManagerPageSize`, default 500). */
  sddcManagerPageSize?: number;
}

// Built and read in sync/; re-exported for the callers that import it from here.
export { credentialTargetId } from '../sync/syncTargetIds';

/**
 * Where a credential sync finds an environment source's endpoint with its password: the environment store.
 * Declared here so that credentials do not depend on environments (environments depend on credentials).
 * @internal
 */
export interface EnvironmentEndpointReader {
  getEndpointWithPassword(
    environmentId: string,
    source: CredentialSource,
  ): Promise<EndpointDefinition | undefined>;
}

/** The client for an environment source. @internal */
export function createSourceClient(
  source: CredentialSource,
  endpoint: EndpointDefinition,
  settings: VcfClientSettings,
  logger?: LoggerService,
): SddcManagerClient | VcfInstallerClient {
  const { sddcManagerPageSize, ...connection } = settings;
  const options = {
    baseUrl: endpoint.baseUrl,
    username: endpoint.username,
    password: endpoint.password,
    tls: endpoint.tls,
    logger,
    ...connection,
  };
  return source === 'sddc-manager'
    ? SddcManagerClient.create({ ...options, pageSize: sddcManagerPageSize })
    : VcfInstallerClient.create(options);
}

/**
 * Syncs the credentials of one environment source: fetches them all, then replaces the stored set in one
 * transaction. Any failure before the write leaves the stored credentials as they were. The run's counts are the
 * store's (`total`, `added`, `passwordsChanged`, …) and `pages`: the pages read (SDDC Manager list pages, or the
 * Installer's deployment specs).
 * @internal
 */
export class CredentialSyncRunner implements SyncRunner {
  readonly kind = 'credentials' as const;

  constructor(
    private readonly options: {
      environments: EnvironmentEndpointReader;
      credentials: CredentialStore;
      clientSettings?: VcfClientSettings;
    },
  ) {}

  async run(
    target: SyncTarget,
    context: { logger: LoggerService; progress?: SyncProgressReporter },
  ) {
    const progress = context.progress;
    const parsed = parseCredentialTargetId(target.id);
    if (!parsed) {
      throw new Error(`Sync target ${target.id} is not a credential source`);
    }
    const { environmentId, source } = parsed;
    const endpoint = await this.options.environments.getEndpointWithPassword(
      environmentId,
      source,
    );
    if (!endpoint) {
      throw new Error(
        `Environment "${environmentId}" has no ${source} endpoint any more`,
      );
    }
    const client = createSourceClient(
      source,
      endpoint,
      this.options.clientSettings ?? {},
      context.logger,
    );
    let fetched: UpstreamCredential[];
    let pages = 0;
    try {
      // The client logs in with its first request.
      progress?.report({ phase: 'logging-in' });
      fetched = await client.listCredentials(page => {
        pages = page.page;
        progress?.report({ phase: 'fetching', ...page });
      });
    } finally {
      await client.close();
    }
    progress?.report({ phase: 'writing', items: fetched.length });
    const counts = await this.options.credentials.replaceSourceSet({
      environmentId,
      source,
      credentials: fetched,
    });
    return { counts: { ...counts, pages } };
  }
}

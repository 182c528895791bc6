import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ExpiryStatus } from '@vcf-backstage/plugin-vcf-common';
import {
  UpstreamHttpClient,
  type UpstreamTlsOptions,
} from '../../http/UpstreamHttpClient';
import { UpstreamError } from '../../http/UpstreamError';
import type { UpstreamCredential } from './UpstreamCredential';
import { VcfTokenSession } from './VcfTokenSession';
import {
  scrubCredentialsTask,
  toCredentialsUpdateSpec,
  type SddcCredentialChange,
  type SddcCredentialTask,
  type SddcExpirationCheck,
} from './sddcCredentialOperations';

/** The parts of SDDC Manager's `Credential` schema that are read. */
interface SddcCredential {
  id?: string;
  credentialType?: string;
  accountType?: string;
  username?: string;
  password?: string;
  modificationTimestamp?: string;
  creationTimestamp?: string;
  expiry?: { expiryDate?: string; status?: string };
  autoRotatePolicy?: { frequencyInDays?: number; nextSchedule?: string };
  resource?: {
    resourceId?: string;
    resourceName?: string;
    resourceIp?: string;
    resourceType?: string;
    domainName?: string;
    domainNames?: string[];
  };
}

/**
 * A page of a paged upstream list has arrived: its number (from 1), the page count when the
 * upstream announces it, and the items fetched so far.
 * @internal
 */
export interface FetchedPage {
  page: number;
  pageCount?: number;
  items: number;
}

interface PageOf<T> {
  elements?: T[];
  pageMetadata?: {
    pageNumber?: number;
    pageSize?: number;
    totalElements?: number;
    totalPages?: number;
  };
}

/**
 * A vCenter that SDDC Manager manages.
 * @internal
 */
export interface SddcVcenter {
  id: string;
  fqdn: string;
  ipAddress?: string;
  domainId?: string;
  version?: string;
}

/**
 * Connection settings of an SDDC Manager or VCF Installer client.
 * @internal
 */
export interface VcfEndpointClientOptions {
  baseUrl: string;
  username: string;
  password: string;
  tls?: UpstreamTlsOptions;
  timeoutMs?: number;
  retries?: number;
  retryBaseDelayMs?: number;
  logger?: LoggerService;
}

const EXPIRY_STATUSES: ExpiryStatus[] = ['ACTIVE', 'EXPIRING', 'EXPIRED'];

function toExpiryStatus(status?: string): ExpiryStatus | undefined {
  if (!status) return undefined;
  const upper = status.toUpperCase();
  return (EXPIRY_STATUSES as string[]).includes(upper)
    ? (upper as ExpiryStatus)
    : 'UNKNOWN';
}

function isoDate(value?: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Reads credentials and vCenters from SDDC Manager's public API (`/v1/credentials`, `/v1/vcenters`).
 * @internal
 */
export class SddcManagerClient {
  static readonly upstreamName = 'SDDC Manager';
  private readonly http: UpstreamHttpClient;
  private readonly session: VcfTokenSession;

  static create(options: VcfEndpointClientOptions & { pageSize?: number }) {
    return new SddcManagerClient(options);
  }

  private readonly pageSize: number;

  private constructor(
    options: VcfEndpointClientOptions & { pageSize?: number },
  ) {
    this.http = UpstreamHttpClient.create({
      baseUrl: options.baseUrl,
      upstreamName: SddcManagerClient.upstreamName,
      tls: options.tls,
      timeoutMs: options.timeoutMs,
      retries: options.retries,
      retryBaseDelayMs: options.retryBaseDelayMs,
      logger: options.logger,
    });
    this.session = new VcfTokenSession(this.http, options);
    this.pageSize = options.pageSize ?? 500;
  }

  /** Logs in; resolves when the service account is accepted. */
  async testConnection(): Promise<void> {
    await this.session.login();
  }

  /**
   * Every credential, page by page. Fails (instead of returning a partial list) when the pages do not add up to
   * the total SDDC Manager announced.
   */
  async listCredentials(
    onPage?: (page: FetchedPage) => void,
  ): Promise<UpstreamCredential[]> {
    const all = await this.listAllPages<SddcCredential>(
      '/v1/credentials',
      onPage,
    );
    return all.map((c, index) => {
      if (
        !c.id ||
        !c.username ||
        c.password === undefined ||
        !c.resource?.resourceName
      ) {
        throw new UpstreamError(
          `SDDC Manager sent credential #${
            index + 1
          } without id, username, password or resource name`,
          { kind: 'parse', upstreamName: SddcManagerClient.upstreamName },
        );
      }
      return {
        naturalKey: c.id,
        upstreamId: c.id,
        resourceId: c.resource.resourceId,
        resourceName: c.resource.resourceName,
        resourceIp: c.resource.resourceIp,
        resourceType: c.resource.resourceType ?? 'UNKNOWN',
        domainName: c.resource.domainName ?? c.resource.domainNames?.[0],
        username: c.username,
        password: c.password,
        credentialType: c.credentialType ?? 'UNKNOWN',
        accountType: c.accountType,
        expiryStatus: toExpiryStatus(c.expiry?.status),
        expiryDate: isoDate(c.expiry?.expiryDate),
        upstreamModifiedAt: isoDate(
          c.modificationTimestamp ?? c.creationTimestamp,
        ),
        ...(typeof c.autoRotatePolicy?.frequencyInDays === 'number'
          ? {
              autoRotate: {
                frequencyInDays: c.autoRotatePolicy.frequencyInDays,
                nextRotationAt: isoDate(c.autoRotatePolicy.nextSchedule),
              },
            }
          : {}),
      };
    });
  }

  /** The vCenters of every workload domain. */
  async listVcenters(): Promise<SddcVcenter[]> {
    const page = await this.session.getJson<PageOf<any>>('/v1/vcenters');
    return (page.elements ?? [])
      .filter(v => v?.fqdn || v?.ipAddress)
      .map(v => ({
        id: String(v.id ?? v.fqdn),
        fqdn: String(v.fqdn ?? v.ipAddress),
        ipAddress: v.ipAddress,
        domainId: v.domain?.id,
        version: v.version,
      }));
  }

  /** `PATCH /v1/credentials`: starts a rotate, update, remediate or policy change; returns SDDC Manager's task id. */
  async startCredentialChange(change: SddcCredentialChange): Promise<string> {
    const task = await this.session.requestJson<{ id?: string }>({
      method: 'PATCH',
      path: '/v1/credentials',
      body: toCredentialsUpdateSpec(change),
    });
    return this.requireId(task, 'PATCH /v1/credentials');
  }

  /** `GET /v1/credentials/tasks/{id}`, with every password of its sub-tasks dropped. */
  async getCredentialTask(taskId: string): Promise<SddcCredentialTask> {
    const task = await this.session.getJson<unknown>(
      `/v1/credentials/tasks/${encodeURIComponent(taskId)}`,
    );
    return scrubCredentialsTask(task, taskId);
  }

  /** `PATCH /v1/credentials/tasks/{id}`: retries a failed task with the same change (passwords sent again). */
  async retryCredentialTask(
    taskId: string,
    change: SddcCredentialChange,
  ): Promise<void> {
    await this.session.requestJson({
      method: 'PATCH',
      path: `/v1/credentials/tasks/${encodeURIComponent(taskId)}`,
      body: toCredentialsUpdateSpec(change),
    });
  }

  /** `DELETE /v1/credentials/tasks/{id}`: cancels a failed task. */
  async cancelCredentialTask(taskId: string): Promise<void> {
    await this.session.requestJson({
      method: 'DELETE',
      path: `/v1/credentials/tasks/${encodeURIComponent(taskId)}`,
    });
  }

  /** `POST /v1/credentials/expirations` for the credentials of one resource type; returns the check's id. */
  async startExpirationCheck(options: {
    resourceType: string;
    credentialIds?: string[];
  }): Promise<string> {
    const check = await this.session.requestJson<{ id?: string }>({
      method: 'POST',
      path: '/v1/credentials/expirations',
      body: {
        resourceType: options.resourceType,
        ...(options.credentialIds
          ? { credentialIds: options.credentialIds }
          : {}),
      },
    });
    return this.requireId(check, 'POST /v1/credentials/expirations');
  }

  /** `GET /v1/credentials/expirations/{id}`. */
  async getExpirationCheck(checkId: string): Promise<SddcExpirationCheck> {
    const check = await this.session.getJson<any>(
      `/v1/credentials/expirations/${encodeURIComponent(checkId)}`,
    );
    const status = String(check?.status ?? '').toUpperCase();
    return {
      id: checkId,
      status:
        status === 'COMPLETED' || status === 'FAILED' ? status : 'IN_PROGRESS',
      results: (Array.isArray(check?.elements) ? check.elements : [])
        .filter((e: any) => typeof e?.id === 'string')
        .map((e: any) => ({
          credentialId: e.id,
          expiryStatus: toExpiryStatus(e.expiry?.status),
          expiryDate: isoDate(e.expiry?.expiryDate),
        })),
    };
  }

  private requireId(body: { id?: string } | undefined, where: string): string {
    if (!body?.id) {
      throw new UpstreamError(
        `SDDC Manager answered ${where} without a task id`,
        {
          kind: 'parse',
          upstreamName: SddcManagerClient.upstreamName,
        },
      );
    }
    return body.id;
  }

  private async listAllPages<T>(
    path: string,
    onPage?: (page: FetchedPage) => void,
  ): Promise<T[]> {
    const items: T[] = [];
    let expectedTotal: number | undefined;
    for (let pageNumber = 0; ; pageNumber++) {
      const page = await this.session.getJson<PageOf<T>>(path, {
        pageNumber,
        pageSize: this.pageSize,
      });
      if (!Array.isArray(page.elements)) {
        throw new UpstreamError(
          `SDDC Manager answered GET ${path} page ${pageNumber} without an elements list`,
          { kind: 'parse', upstreamName: SddcManagerClient.upstreamName },
        );
      }
      items.push(...page.elements);
      const meta = page.pageMetadata;
      expectedTotal = meta?.totalElements ?? expectedTotal;
      const totalPages =
        meta?.totalPages ??
        (meta ? Math.ceil((meta.totalElements ?? 0) / this.pageSize) : 1);
      onPage?.({
        page: pageNumber + 1,
        pageCount: totalPages,
        items: items.length,
      });
      if (!meta || pageNumber + 1 >= totalPages || page.elements.length === 0)
        break;
    }
    if (expectedTotal !== undefined && items.length !== expectedTotal) {
      throw new UpstreamError(
        `SDDC Manager announced ${expectedTotal} items on GET ${path} but its pages held ${items.length}; the sync was not applied`,
        { kind: 'incomplete', upstreamName: SddcManagerClient.upstreamName },
      );
    }
    return items;
  }

  async close(): Promise<void> {
    await this.http.close();
  }
}

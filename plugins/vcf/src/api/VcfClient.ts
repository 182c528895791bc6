import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AutoRotatePolicyInput,
  CredentialTask,
  CredentialTaskAccepted,
  ScheduledCredentialRotation,
  AuditEntry,
  ConnectionTestResult,
  CredentialHistoryEntry,
  CredentialListQuery,
  CredentialSummary,
  InventoryChange,
  InventoryChangeQuery,
  InventoryDetail,
  InventoryDetailKind,
  InventoryKind,
  InventorySummary,
  Page,
  RevealedPassword,
  SyncRun,
  TopItem,
  VcenterInput,
  VcenterSummary,
  VcfEnvironment,
  VcfEnvironmentInput,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfApi } from './VcfApi';
import type {
  AuditListQuery,
  CredentialFacets,
  InventoryListQuery,
  InventoryRow,
  InventoryScope,
  SyncRunListQuery,
  SyncTriggerResponse,
  TopItemsQuery,
  VcfDownload,
  VcfExportFormat,
} from './types';

type QueryValue = string | number | boolean | undefined | null;

/**
 * Builds a query string from the defined, non-empty values, in a stable order.
 * @internal
 */
export function toQueryString(params: object = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === '') {
      continue;
    }
    search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * The file name of an attachment, from `filename*=` (RFC 5987) or `filename=`.
 * @internal
 */
export function filenameFromContentDisposition(
  header: string | null,
): string | undefined {
  if (!header) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter below.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  if (plain) {
    return (plain[2] ?? plain[1]).trim();
  }
  return undefined;
}

/** Drops the paging of a list query: exports always cover every matching row. */
function withoutPaging<T extends { offset?: number; limit?: number }>(
  query: T | undefined,
): Omit<T, 'offset' | 'limit'> {
  const { offset: _offset, limit: _limit, ...rest } = query ?? ({} as T);
  return rest;
}

/** The file extension of an export format (both CSV variants are `.csv`). */
function extensionOf(format: VcfExportFormat): string {
  return format === 'xlsx' ? 'xlsx' : 'csv';
}

/**
 * The {@link VcfApi} over HTTP: resolves the `vcf` backend with the discovery API and
 * calls it with the fetch API, which adds the user's Backstage token.
 *
 * @public
 */
export class VcfClient implements VcfApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listEnvironments(): Promise<VcfEnvironment[]> {
    return this.get('/environments');
  }

  getEnvironment(id: string): Promise<VcfEnvironment> {
    return this.get(`/environments/${enc(id)}`);
  }

  createEnvironment(input: VcfEnvironmentInput): Promise<VcfEnvironment> {
    return this.send('POST', '/environments', input);
  }

  updateEnvironment(
    id: string,
    input: VcfEnvironmentInput,
  ): Promise<VcfEnvironment> {
    return this.send('PUT', `/environments/${enc(id)}`, input);
  }

  async deleteEnvironment(id: string): Promise<void> {
    await this.send('DELETE', `/environments/${enc(id)}`);
  }

  testEnvironmentConnection(id: string): Promise<ConnectionTestResult> {
    return this.send('POST', `/environments/${enc(id)}/test-connection`);
  }

  syncEnvironment(id: string): Promise<SyncTriggerResponse> {
    return this.send('POST', `/environments/${enc(id)}/sync`);
  }

  listSyncRuns(
    environmentId: string,
    query?: SyncRunListQuery,
  ): Promise<Page<SyncRun>> {
    return this.get(
      `/environments/${enc(environmentId)}/sync-runs${toQueryString(query)}`,
    );
  }

  listCredentials(
    environmentId: string,
    query?: CredentialListQuery,
  ): Promise<Page<CredentialSummary>> {
    return this.get(
      `/environments/${enc(environmentId)}/credentials${toQueryString(query)}`,
    );
  }

  getCredentialFacets(environmentId: string): Promise<CredentialFacets> {
    return this.get(`/environments/${enc(environmentId)}/credentials/facets`);
  }

  revealPassword(credentialId: string): Promise<RevealedPassword> {
    return this.send('POST', `/credentials/${enc(credentialId)}/reveal`);
  }

  getCredentialHistory(
    credentialId: string,
    options?: { reveal?: boolean },
  ): Promise<CredentialHistoryEntry[]> {
    const path = `/credentials/${enc(credentialId)}/history`;
    return options?.reveal
      ? this.send('POST', `${path}/reveal`)
      : this.get(path);
  }

  exportCredentials(
    environmentId: string,
    format: VcfExportFormat,
    query?: CredentialListQuery,
  ): Promise<VcfDownload> {
    return this.download(
      `/environments/${enc(environmentId)}/export${toQueryString({
        format,
        ...withoutPaging(query),
      })}`,
      `vcf-credentials-${environmentId}.${extensionOf(format)}`,
    );
  }

  listAuditEntries(query?: AuditListQuery): Promise<Page<AuditEntry>> {
    return this.get(`/audit${toQueryString(query)}`);
  }

  exportAuditEntries(
    format: VcfExportFormat,
    query?: AuditListQuery,
  ): Promise<VcfDownload> {
    return this.download(
      `/audit/export${toQueryString({ format, ...withoutPaging(query) })}`,
      `vcf-audit.${extensionOf(format)}`,
    );
  }

  listVcenters(): Promise<VcenterSummary[]> {
    return this.get('/vcenters');
  }

  createVcenter(input: VcenterInput): Promise<VcenterSummary> {
    return this.send('POST', '/vcenters', input);
  }

  updateVcenter(id: string, input: VcenterInput): Promise<VcenterSummary> {
    return this.send('PUT', `/vcenters/${enc(id)}`, input);
  }

  async deleteVcenter(id: string): Promise<void> {
    await this.send('DELETE', `/vcenters/${enc(id)}`);
  }

  async syncVcenter(id: string): Promise<void> {
    await this.send('POST', `/vcenters/${enc(id)}/sync`);
  }

  testVcenterConnection(id: string): Promise<ConnectionTestResult> {
    return this.send('POST', `/vcenters/${enc(id)}/test-connection`);
  }

  testVcenterDefinition(input: VcenterInput): Promise<ConnectionTestResult> {
    return this.send('POST', '/vcenters/test-connection', input);
  }

  async purgeVcenter(id: string): Promise<void> {
    await this.send('POST', `/vcenters/${enc(id)}/purge`);
  }

  getInventorySummary(scope?: InventoryScope): Promise<InventorySummary> {
    return this.get(`/inventory/summary${toQueryString(scope)}`);
  }

  listInventory<K extends InventoryKind>(
    kind: K,
    query?: InventoryListQuery,
  ): Promise<Page<InventoryRow<K>>> {
    return this.get(`/inventory/${enc(kind)}${toQueryString(query)}`);
  }

  exportInventory(
    kind: InventoryKind,
    format: VcfExportFormat,
    query?: InventoryListQuery,
  ): Promise<VcfDownload> {
    return this.download(
      `/inventory/${enc(kind)}/export${toQueryString({
        format,
        ...withoutPaging(query),
      })}`,
      `vcf-${kind}.${extensionOf(format)}`,
    );
  }

  getTopItems(query: TopItemsQuery): Promise<TopItem[]> {
    return this.get(`/inventory/top${toQueryString(query)}`);
  }

  rotateCredential(credentialId: string): Promise<CredentialTaskAccepted> {
    return this.send('POST', `/credentials/${enc(credentialId)}/rotate`, {});
  }

  updateCredentialPassword(
    credentialId: string,
    password: string,
  ): Promise<CredentialTaskAccepted> {
    return this.send('POST', `/credentials/${enc(credentialId)}/update`, {
      password,
    });
  }

  remediateCredentialPassword(
    credentialId: string,
    password: string,
  ): Promise<CredentialTaskAccepted> {
    return this.send('POST', `/credentials/${enc(credentialId)}/remediate`, {
      password,
    });
  }

  setAutoRotatePolicy(
    credentialId: string,
    policy: AutoRotatePolicyInput,
  ): Promise<CredentialTaskAccepted> {
    return this.send(
      'PUT',
      `/credentials/${enc(credentialId)}/auto-rotate-policy`,
      policy,
    );
  }

  rotateCredentials(
    environmentId: string,
    credentialIds: string[],
  ): Promise<CredentialTaskAccepted> {
    return this.send(
      'POST',
      `/environments/${enc(environmentId)}/credentials/rotate`,
      { credentialIds },
    );
  }

  checkCredentialExpiry(
    environmentId: string,
  ): Promise<CredentialTaskAccepted> {
    return this.send(
      'POST',
      `/environments/${enc(environmentId)}/expiry-check`,
      {},
    );
  }

  listCredentialTasks(
    environmentId: string,
    query: { offset?: number; limit?: number } = {},
  ): Promise<Page<CredentialTask>> {
    return this.get(
      `/credential-tasks${toQueryString({ environmentId, ...query })}`,
    );
  }

  getCredentialTask(taskId: string): Promise<CredentialTask> {
    return this.get(`/credential-tasks/${enc(taskId)}`);
  }

  retryCredentialTask(taskId: string): Promise<CredentialTaskAccepted> {
    return this.send('POST', `/credential-tasks/${enc(taskId)}/retry`, {});
  }

  cancelCredentialTask(taskId: string): Promise<CredentialTaskAccepted> {
    return this.send('POST', `/credential-tasks/${enc(taskId)}/cancel`, {});
  }

  listScheduledRotations(
    environmentId: string,
  ): Promise<ScheduledCredentialRotation[]> {
    return this.get(`/environments/${enc(environmentId)}/credential-schedules`);
  }

  getInventoryDetail(
    kind: InventoryDetailKind,
    id: string,
  ): Promise<InventoryDetail> {
    return this.get(`/inventory/${enc(kind)}/${enc(id)}`);
  }

  listInventoryChanges(
    query?: InventoryChangeQuery & InventoryScope,
  ): Promise<Page<InventoryChange>> {
    return this.get(`/inventory/changes${toQueryString(query)}`);
  }

  exportInventoryWorkbook(scope?: InventoryScope): Promise<VcfDownload> {
    return this.download(
      `/inventory/export${toQueryString({ format: 'xlsx', ...scope })}`,
      'vcf-inventory.xlsx',
    );
  }

  private async url(path: string): Promise<string> {
    return `${await this.discoveryApi.getBaseUrl('vcf')}${path}`;
  }

  private async get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  private async send<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const response = await this.fetchApi.fetch(await this.url(path), {
      method,
      headers:
        body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    // 202 and 204 may come without a body.
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async download(
    path: string,
    fallbackFilename: string,
  ): Promise<VcfDownload> {
    const response = await this.fetchApi.fetch(await this.url(path));
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return {
      blob: await response.blob(),
      filename:
        filenameFromContentDisposition(
          response.headers.get('Content-Disposition'),
        ) ?? fallbackFilename,
    };
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

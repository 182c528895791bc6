import { createApiRef } from '@backstage/core-plugin-api';
import type {
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
  AutoRotatePolicyInput,
  CredentialTask,
  CredentialTaskAccepted,
  ScheduledCredentialRotation,
} from '@vcf-backstage/plugin-vcf-common';
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

/**
 * The `/api/vcf` backend as the frontend sees it. Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an error.
 *
 * @public
 */
export interface VcfApi {
  /** All environments the user may read. */
  listEnvironments(): Promise<VcfEnvironment[]>;
  getEnvironment(id: string): Promise<VcfEnvironment>;
  createEnvironment(input: VcfEnvironmentInput): Promise<VcfEnvironment>;
  updateEnvironment(
    id: string,
    input: VcfEnvironmentInput,
  ): Promise<VcfEnvironment>;
  deleteEnvironment(id: string): Promise<void>;
  testEnvironmentConnection(id: string): Promise<ConnectionTestResult>;
  /** Make the environment's sources due now; the sync itself runs in the background. */
  syncEnvironment(id: string): Promise<SyncTriggerResponse>;
  listSyncRuns(
    environmentId: string,
    query?: SyncRunListQuery,
  ): Promise<Page<SyncRun>>;

  listCredentials(
    environmentId: string,
    query?: CredentialListQuery,
  ): Promise<Page<CredentialSummary>>;
  getCredentialFacets(environmentId: string): Promise<CredentialFacets>;
  /** Reveal the current password of one credential (permission-checked and audited). */
  revealPassword(credentialId: string): Promise<RevealedPassword>;
  /** Past passwords of a credential; with `reveal`, each entry carries its password. */
  getCredentialHistory(
    credentialId: string,
    options?: { reveal?: boolean },
  ): Promise<CredentialHistoryEntry[]>;
  /** Export the credentials that match the query (paging is ignored). */
  exportCredentials(
    environmentId: string,
    format: VcfExportFormat,
    query?: CredentialListQuery,
  ): Promise<VcfDownload>;

  listAuditEntries(query?: AuditListQuery): Promise<Page<AuditEntry>>;
  /** Export the audit rows that match the query's filters (paging is ignored). */
  exportAuditEntries(
    format: VcfExportFormat,
    query?: AuditListQuery,
  ): Promise<VcfDownload>;

  listVcenters(): Promise<VcenterSummary[]>;
  createVcenter(input: VcenterInput): Promise<VcenterSummary>;
  updateVcenter(id: string, input: VcenterInput): Promise<VcenterSummary>;
  deleteVcenter(id: string): Promise<void>;
  syncVcenter(id: string): Promise<void>;
  testVcenterConnection(id: string): Promise<ConnectionTestResult>;
  /**
   * Signs in to a vCenter definition before it is saved (the body of `createVcenter`); nothing is stored.
   * Without a password, the stored one of the vCenter with the same id is used.
   */
  testVcenterDefinition(input: VcenterInput): Promise<ConnectionTestResult>;
  /** Delete every inventory row synced from the vCenter. */
  purgeVcenter(id: string): Promise<void>;

  getInventorySummary(scope?: InventoryScope): Promise<InventorySummary>;
  listInventory<K extends InventoryKind>(
    kind: K,
    query?: InventoryListQuery,
  ): Promise<Page<InventoryRow<K>>>;
  /** Export the inventory rows that match the query (paging is ignored). */
  exportInventory(
    kind: InventoryKind,
    format: VcfExportFormat,
    query?: InventoryListQuery,
  ): Promise<VcfDownload>;
  getTopItems(query: TopItemsQuery): Promise<TopItem[]>;
  /** Has SDDC Manager rotate a credential's password (`vcf.credential.rotate`). */
  rotateCredential(credentialId: string): Promise<CredentialTaskAccepted>;
  /** Has SDDC Manager set `password` on the resource; the password is sent once and never comes back. */
  updateCredentialPassword(
    credentialId: string,
    password: string,
  ): Promise<CredentialTaskAccepted>;
  /** Tells SDDC Manager the password the resource already has. */
  remediateCredentialPassword(
    credentialId: string,
    password: string,
  ): Promise<CredentialTaskAccepted>;
  setAutoRotatePolicy(
    credentialId: string,
    policy: AutoRotatePolicyInput,
  ): Promise<CredentialTaskAccepted>;
  /** Rotates several credentials of an environment in one SDDC Manager task. */
  rotateCredentials(
    environmentId: string,
    credentialIds: string[],
  ): Promise<CredentialTaskAccepted>;
  checkCredentialExpiry(environmentId: string): Promise<CredentialTaskAccepted>;
  listCredentialTasks(
    environmentId: string,
    query?: { offset?: number; limit?: number },
  ): Promise<Page<CredentialTask>>;
  getCredentialTask(taskId: string): Promise<CredentialTask>;
  retryCredentialTask(taskId: string): Promise<CredentialTaskAccepted>;
  cancelCredentialTask(taskId: string): Promise<CredentialTaskAccepted>;
  /** Rotations scheduled by rotate-after-reveal. */
  listScheduledRotations(
    environmentId: string,
  ): Promise<ScheduledCredentialRotation[]>;
  /** One VM or host (id `vcenterId:moref`) with its children, alarms, tasks, events and changes. */
  getInventoryDetail(
    kind: InventoryDetailKind,
    id: string,
  ): Promise<InventoryDetail>;
  /** The change feed, newest first. */
  listInventoryChanges(
    query?: InventoryChangeQuery & InventoryScope,
  ): Promise<Page<InventoryChange>>;
  /** One XLSX workbook of every vCenter in scope, a sheet per kind. */
  exportInventoryWorkbook(scope?: InventoryScope): Promise<VcfDownload>;
}

/**
 * Reference to the {@link VcfApi}.
 * @public
 */
export const vcfApiRef = createApiRef<VcfApi>({ id: 'plugin.vcf.api' });

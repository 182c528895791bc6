import type {
  CredentialFacets,
  CursorPaging,
} from '@vcf-backstage/plugin-vcf-common';

export type {
  CredentialFacets,
  InventoryListQuery,
  InventoryRow,
  InventoryRowsByKind,
  SyncTriggerResponse,
} from '@vcf-backstage/plugin-vcf-common';

/**
 * File formats the export endpoints produce: `csv` prefixes values that start with `=`, `+`, `-` or `@` with
 * `'` so spreadsheet programs cannot run them as formulas; `csv-raw` keeps every value exactly (for scripts);
 * `xlsx` keeps every value exactly in text cells.
 * @public
 */
export type VcfExportFormat = 'csv' | 'csv-raw' | 'xlsx';

/**
 * A file the backend sent as an attachment, ready to be saved by the browser.
 * @public
 */
export interface VcfDownload {
  blob: Blob;
  /** From `Content-Disposition`, or a sensible default. */
  filename: string;
}

/**
 * The credential filters that {@link CredentialFacets} describes, by name.
 * @public
 */
export type CredentialFilterName = keyof CredentialFacets;

/**
 * Parameters of `GET /inventory/top`.
 * @public
 */
export interface TopItemsQuery {
  type: 'vm' | 'host';
  metric: 'cpu' | 'memory';
  /** Default 10. */
  limit?: number;
  environmentId?: string;
  vcenterId?: string;
}

/**
 * Parameters of `GET /audit` (newest first): `offset` or a page's cursor, `limit` and the filters.
 * @public
 */
export interface AuditListQuery extends CursorPaging {
  offset?: number;
  limit?: number;
  action?: string;
  environmentId?: string;
  /** Actor entity ref, e.g. `user:default/alice`. */
  actor?: string;
  result?: 'succeeded' | 'failed' | 'denied';
  /** ISO date-times: entries at or after `from`, before `to`. */
  from?: string;
  to?: string;
}

/**
 * Parameters of `GET /inventory/summary`.
 * @public
 */
export interface InventoryScope {
  environmentId?: string;
  vcenterId?: string;
}

/**
 * Paging of `GET /environments/:id/sync-runs`.
 * @public
 */
export interface SyncRunListQuery {
  offset?: number;
  limit?: number;
}

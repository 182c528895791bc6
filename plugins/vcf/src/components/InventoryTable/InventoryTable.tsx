import type { TableColumn, TableProps } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { InventoryKind } from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useMemo } from 'react';
import {
  type InventoryListQuery,
  type InventoryRow,
  type VcfExportFormat,
  vcfApiRef,
} from '../../api';
import { useVcenterOptions } from '../../hooks/useVcenterOptions';
import { RemoteTable, type RemoteTableFilter } from '../RemoteTable';
import { inventoryLists } from './inventoryColumns';

/** Props of {@link InventoryTable}. */
export interface InventoryTableProps<K extends InventoryKind> {
  kind: K;
  /** Only the inventory of this environment's vCenters. */
  environmentId?: string;
  title?: string;
  initialFilterValues?: Record<string, string>;
  pageSize?: number;
  detailPanel?: TableProps<InventoryRow<K>>['detailPanel'];
}

/**
 * One inventory kind across all vCenters: search, vCenter filter (and the kind's own
 * filters), server-side sorting and paging, CSV/Excel export.
 */
export function InventoryTable<K extends InventoryKind>(
  props: InventoryTableProps<K>,
) {
  const {
    kind,
    environmentId,
    title,
    initialFilterValues,
    pageSize,
    detailPanel,
  } = props;
  const api = useApi(vcfApiRef);
  const vcenters = useVcenterOptions(environmentId);
  const definition = inventoryLists[kind];

  const filters = useMemo<RemoteTableFilter[]>(
    () => [
      { name: 'vcenterId', label: 'vCenter', options: vcenters },
      ...(definition.filters ?? []),
    ],
    [vcenters, definition],
  );
  const fetchPage = useCallback(
    (query: InventoryListQuery) =>
      api.listInventory(kind, { ...query, environmentId }),
    [api, kind, environmentId],
  );
  const exportData = useCallback(
    (format: VcfExportFormat, query: InventoryListQuery) =>
      api.exportInventory(kind, format, { ...query, environmentId }),
    [api, kind, environmentId],
  );

  return (
    <RemoteTable<InventoryRow<K>, InventoryListQuery>
      title={title ?? definition.title}
      // The definitions are keyed by kind, which TypeScript cannot correlate with K.
      columns={definition.columns as TableColumn<InventoryRow<K>>[]}
      fetchPage={fetchPage}
      filters={filters}
      initialFilterValues={initialFilterValues}
      exportData={exportData}
      pageSize={pageSize}
      detailPanel={detailPanel}
      emptyMessage={`No ${definition.title.toLowerCase()} match. Clear the search and filters, or check on the vCenters page that the vCenters have synced.`}
    />
  );
}

import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import type {
  CredentialListQuery,
  CredentialSummary,
} from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  type CredentialFilterName,
  type VcfExportFormat,
  vcfApiRef,
} from '../../api';
import { sourceTitle } from '../../util/format';
import { RemoteTable, type RemoteTableFilter } from '../RemoteTable';
import { BulkRotateButtons } from './BulkRotateButtons';
import { credentialColumns, ScheduledRotationsContext } from './columns';
import { useRotatableCredentials } from '../../hooks/useRotatableCredentials';

/** How often the rotate-after-reveal countdowns are read again. */
const SCHEDULE_REFRESH_MS = 30_000;

const FILTERS: Array<{ name: CredentialFilterName; label: string }> = [
  { name: 'resourceType', label: 'Resource type' },
  { name: 'credentialType', label: 'Credential type' },
  { name: 'accountType', label: 'Account type' },
  { name: 'domain', label: 'Domain' },
  { name: 'source', label: 'Source' },
  { name: 'expiryStatus', label: 'Expiry' },
];

/** Explains what an export holds; the backend decides per user. */
export const CREDENTIAL_EXPORT_HINT =
  'Exports contain passwords only if your role may export them; otherwise they list the credentials without passwords.';

/** Props of {@link CredentialsTable}. */
export interface CredentialsTableProps {
  environmentId: string;
  title?: string;
  /** Only the credentials of this resource (exact name, filtered on the server), e.g. an ESXi host's page. */
  resourceName?: string;
}

/**
 * The credentials of one environment: paged, sorted and searched on the server, with
 * filters filled from the environment's facets, per-row reveal and history, and export. Users who may
 * rotate get row checkboxes and bulk rotation of the ticked or of all matching credentials; rotations
 * that rotate-after-reveal scheduled count down in the Auto-rotate column.
 */
export function CredentialsTable(props: CredentialsTableProps) {
  const { environmentId, title = 'Credentials', resourceName } = props;
  const api = useApi(vcfApiRef);
  const [includeRemoved, setIncludeRemoved] = useState(false);
  const facets = useAsync(
    () => api.getCredentialFacets(environmentId),
    [api, environmentId],
  );

  const filters = useMemo<RemoteTableFilter[]>(
    () =>
      FILTERS.map(({ name, label }) => ({
        name,
        label,
        options: (facets.value?.[name] ?? []).map(value => ({
          value,
          label: name === 'source' ? sourceTitle(value) : value,
        })),
      })),
    [facets.value],
  );

  const scope = useCallback(
    (query: CredentialListQuery): CredentialListQuery => ({
      ...query,
      resourceName,
      includeRemoved: includeRemoved || undefined,
    }),
    [includeRemoved, resourceName],
  );
  // The page shown and its search/filters, for bulk rotation.
  const [rows, setRows] = useState<CredentialSummary[]>([]);
  const [filteredQuery, setFilteredQuery] = useState<CredentialListQuery>();
  const [selected, setSelected] = useState<CredentialSummary[]>([]);
  const fetchPage = useCallback(
    async (query: CredentialListQuery) => {
      const page = await api.listCredentials(environmentId, scope(query));
      const { offset, cursor, limit, orderBy, order, ...filtersOnly } =
        scope(query);
      setRows(page.items);
      setFilteredQuery(filtersOnly);
      setSelected([]);
      return page;
    },
    [api, environmentId, scope],
  );
  const rotatable = useRotatableCredentials(rows);
  const selection = useMemo(
    () =>
      rotatable.size > 0
        ? {
            isSelectable: (row: CredentialSummary) => rotatable.has(row.id),
            onChange: setSelected,
          }
        : undefined,
    [rotatable],
  );

  const schedules = useAsyncRetry(
    () => api.listScheduledRotations(environmentId),
    [api, environmentId],
  );
  const { retry: refreshSchedules } = schedules;
  useEffect(() => {
    const timer = setInterval(refreshSchedules, SCHEDULE_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refreshSchedules]);
  const rotatesAt = useMemo(
    () =>
      new Map(
        (schedules.value ?? []).map(
          s => [s.credentialId, s.rotatesAt] as const,
        ),
      ),
    [schedules.value],
  );
  const exportData = useCallback(
    (format: VcfExportFormat, query: CredentialListQuery) =>
      api.exportCredentials(environmentId, format, scope(query)),
    [api, environmentId, scope],
  );

  return (
    <ScheduledRotationsContext.Provider value={rotatesAt}>
      <RemoteTable<CredentialSummary, CredentialListQuery>
        title={title}
        columnPreferenceKey="credentials"
        columns={credentialColumns}
        fetchPage={fetchPage}
        filters={filters}
        exportData={exportData}
        exportHint={CREDENTIAL_EXPORT_HINT}
        emptyMessage="No credentials match. Clear the search and filters, or sync the environment if it has never been synced."
        selection={selection}
        toolbarActions={
          <>
            {selection && (
              <BulkRotateButtons
                environmentId={environmentId}
                selected={selected}
                filteredQuery={filteredQuery}
              />
            )}
            <FormControlLabel
              control={
                <Checkbox
                  checked={includeRemoved}
                  onChange={event => setIncludeRemoved(event.target.checked)}
                  size="small"
                />
              }
              label="Show removed"
            />
          </>
        }
      />
    </ScheduledRotationsContext.Provider>
  );
}

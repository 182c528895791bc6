import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import type {
  CredentialListQuery,
  CredentialSummary,
} from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  type CredentialFilterName,
  type VcfExportFormat,
  vcfApiRef,
} from '../../api';
import { sourceTitle } from '../../util/format';
import { RemoteTable, type RemoteTableFilter } from '../RemoteTable';
import { credentialColumns } from './columns';

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
 * filters filled from the environment's facets, per-row reveal and history, and export.
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
  const fetchPage = useCallback(
    (query: CredentialListQuery) =>
      api.listCredentials(environmentId, scope(query)),
    [api, environmentId, scope],
  );
  const exportData = useCallback(
    (format: VcfExportFormat, query: CredentialListQuery) =>
      api.exportCredentials(environmentId, format, scope(query)),
    [api, environmentId, scope],
  );

  return (
    <RemoteTable<CredentialSummary, CredentialListQuery>
      title={title}
      columnPreferenceKey="credentials"
      columns={credentialColumns}
      fetchPage={fetchPage}
      filters={filters}
      exportData={exportData}
      exportHint={CREDENTIAL_EXPORT_HINT}
      emptyMessage="No credentials match. Clear the search and filters, or sync the environment if it has never been synced."
      toolbarActions={
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
      }
    />
  );
}

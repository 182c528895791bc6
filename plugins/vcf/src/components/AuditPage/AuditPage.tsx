import {
  EmptyState,
  Progress,
  StatusError,
  StatusOK,
  StatusWarning,
  SubvalueCell,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import {
  type AuditEntry,
  VCF_AUDIT_ACTIONS,
  vcfAuditReadPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  type AuditListQuery,
  type VcfExportFormat,
  vcfApiRef,
} from '../../api';
import { formatDateTime } from '../../util/format';
import { RemoteTable, type RemoteTableFilter } from '../RemoteTable';

function AuditResult(props: { result: AuditEntry['result'] }) {
  switch (props.result) {
    case 'succeeded':
      return <StatusOK>succeeded</StatusOK>;
    case 'denied':
      return <StatusWarning>denied</StatusWarning>;
    default:
      return <StatusError>failed</StatusError>;
  }
}

function target(entry: AuditEntry): string {
  return [
    entry.environmentId && `environment ${entry.environmentId}`,
    entry.credentialId && `credential ${entry.credentialId}`,
    entry.vcenterId && `vCenter ${entry.vcenterId}`,
  ]
    .filter(Boolean)
    .join(', ');
}

function detailValue(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') {
    return Array.isArray(value)
      ? value.map(detailValue).join(', ')
      : Object.entries(value as Record<string, unknown>)
          .map(([key, v]) => `${key} ${detailValue(v)}`)
          .join(', ');
  }
  return String(value);
}

/** `rows: 258 · format: csv`, one labelled value per line, instead of raw JSON. */
export function AuditDetails(props: { details?: Record<string, unknown> }) {
  const entries = Object.entries(props.details ?? {});
  if (entries.length === 0) return null;
  return (
    <Box component="dl" margin={0}>
      {entries.map(([key, value]) => (
        <Typography key={key} variant="body2" component="div">
          <Box component="dt" display="inline" fontWeight="fontWeightMedium">
            {humanize(key)}:
          </Box>{' '}
          <Box component="dd" display="inline" margin={0}>
            {detailValue(value)}
          </Box>
        </Typography>
      ))}
    </Box>
  );
}

/** `vcenterId` → `vCenter id`, `rowCount` → `row count`. */
function humanize(key: string): string {
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^vcenter/, 'vCenter');
}

/** Periods offered by the time filter, in hours back from now. */
const PERIODS: Array<{ value: string; label: string; hours: number }> = [
  { value: '1h', label: 'Last hour', hours: 1 },
  { value: '24h', label: 'Last 24 hours', hours: 24 },
  { value: '7d', label: 'Last 7 days', hours: 24 * 7 },
  { value: '30d', label: 'Last 30 days', hours: 24 * 30 },
];

/** The `from` of a period filter value, or undefined for "All". */
export function periodStart(
  period: string | undefined,
  now: number = Date.now(),
): string | undefined {
  const found = PERIODS.find(p => p.value === period);
  return found
    ? new Date(now - found.hours * 3600_000).toISOString()
    : undefined;
}

type AuditTableQuery = AuditListQuery & { period?: string };

/** The table's state as the API's query: the period becomes `from`. */
function toAuditQuery({
  offset,
  cursor,
  limit,
  environmentId,
  action,
  actor,
  result,
  period,
}: AuditTableQuery): AuditListQuery {
  return {
    offset,
    ...(cursor ? { cursor } : {}),
    limit,
    environmentId,
    action,
    actor,
    result,
    from: periodStart(period),
  };
}

// The audit endpoint pages and filters but does not sort or search.
const columns: TableColumn<AuditEntry>[] = [
  { title: 'When', render: entry => formatDateTime(entry.at) },
  { title: 'Who', field: 'actor' },
  {
    title: 'Action',
    render: entry => (
      <SubvalueCell value={entry.action} subvalue={target(entry)} />
    ),
  },
  { title: 'Result', render: entry => <AuditResult result={entry.result} /> },
  {
    title: 'Details',
    render: entry => <AuditDetails details={entry.details} />,
  },
];
const auditColumns = columns.map(column => ({ ...column, sorting: false }));

/** `/vcf/audit`: who revealed, exported, synced or changed what; needs `vcf.audit.read`. */
export function AuditPage() {
  const api = useApi(vcfApiRef);
  const permission = usePermission({ permission: vcfAuditReadPermission });
  const environments = useAsync(() => api.listEnvironments(), [api]);
  const filters = useMemo<RemoteTableFilter[]>(
    () => [
      {
        name: 'environmentId',
        label: 'Environment',
        options: (environments.value ?? []).map(env => ({
          value: env.id,
          label: env.title,
        })),
      },
      { name: 'action', label: 'Action', options: [...VCF_AUDIT_ACTIONS] },
      {
        name: 'actor',
        label: 'Actor',
        placeholder: 'user:default/alice',
      },
      {
        name: 'result',
        label: 'Outcome',
        options: [
          { value: 'succeeded', label: 'Succeeded' },
          { value: 'failed', label: 'Failed' },
          { value: 'denied', label: 'Denied' },
        ],
      },
      {
        name: 'period',
        label: 'Time',
        options: PERIODS.map(({ value, label }) => ({ value, label })),
      },
    ],
    [environments.value],
  );
  const fetchPage = useCallback(
    (query: AuditTableQuery) => api.listAuditEntries(toAuditQuery(query)),
    [api],
  );
  const exportData = useCallback(
    (format: VcfExportFormat, query: AuditTableQuery) =>
      api.exportAuditEntries(format, toAuditQuery(query)),
    [api],
  );

  if (permission.loading) {
    return <Progress />;
  }
  if (!permission.allowed) {
    return (
      <EmptyState
        missing="info"
        title="The audit trail is restricted"
        description="Reading it needs the vcf.audit.read permission; ask your Backstage administrator."
      />
    );
  }
  return (
    <RemoteTable<AuditEntry, AuditTableQuery>
      title="Audit trail"
      columns={auditColumns}
      fetchPage={fetchPage}
      exportData={exportData}
      exportHint="The audit rows that match the filters, newest first."
      filters={filters}
      searchable={false}
      emptyMessage="Nothing has been audited with these filters."
    />
  );
}

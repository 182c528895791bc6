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
import {
  type AuditEntry,
  vcfAuditReadPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { type AuditListQuery, vcfApiRef } from '../../api';
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
    render: entry =>
      entry.details ? (
        <code style={{ whiteSpace: 'pre-wrap' }}>
          {JSON.stringify(entry.details)}
        </code>
      ) : (
        ''
      ),
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
    ],
    [environments.value],
  );
  const fetchPage = useCallback(
    ({ offset, limit, environmentId }: AuditListQuery) =>
      api.listAuditEntries({ offset, limit, environmentId }),
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
    <RemoteTable<AuditEntry, AuditListQuery>
      title="Audit trail"
      columns={auditColumns}
      fetchPage={fetchPage}
      filters={filters}
      searchable={false}
      emptyMessage="Nothing has been audited with these filters."
    />
  );
}

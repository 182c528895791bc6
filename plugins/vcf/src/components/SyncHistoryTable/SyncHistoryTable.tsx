import type { TableColumn } from '@backstage/core-components';
import { SubvalueCell } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { SyncRun, VcfEnvironment } from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useMemo } from 'react';
import { type SyncRunListQuery, vcfApiRef } from '../../api';
import { formatDateTime, formatDuration, sourceTitle } from '../../util/format';
import { RemoteTable } from '../RemoteTable';
import { describeSyncResult, SyncStatusIndicator } from '../SyncStatus';

function syncRunColumns(
  describeTarget: (targetId: string) => string,
): TableColumn<SyncRun>[] {
  // The endpoint pages but does not sort, so no column is sortable.
  const columns: TableColumn<SyncRun>[] = [
    {
      title: 'Started',
      field: 'startedAt',
      render: run => formatDateTime(run.startedAt),
    },
    {
      title: 'Source',
      field: 'targetId',
      render: run => describeTarget(run.targetId),
    },
    {
      title: 'Trigger',
      field: 'trigger',
      render: run => (
        <SubvalueCell value={run.trigger} subvalue={run.triggeredBy} />
      ),
    },
    {
      title: 'Status',
      field: 'status',
      render: run => <SyncStatusIndicator status={run.status} />,
    },
    {
      title: 'Duration',
      field: 'durationMs',
      render: run => formatDuration(run.durationMs),
    },
    { title: 'Synced', render: run => describeSyncResult(run.counts) ?? '–' },
    {
      title: 'Error',
      field: 'error',
      cellStyle: { whiteSpace: 'pre-wrap' },
      emptyValue: '',
    },
  ];
  return columns.map(column => ({ ...column, sorting: false }));
}

/** The recorded sync runs of an environment, newest first. */
export function SyncHistoryTable(props: { environment: VcfEnvironment }) {
  const { environment } = props;
  const api = useApi(vcfApiRef);
  const columns = useMemo(() => {
    const sources = new Map(
      Object.entries(environment.sync).map(([source, status]) => [
        status?.targetId,
        sourceTitle(source),
      ]),
    );
    return syncRunColumns(targetId => sources.get(targetId) ?? targetId);
  }, [environment.sync]);
  const fetchPage = useCallback(
    ({ offset, limit }: SyncRunListQuery) =>
      api.listSyncRuns(environment.id, { offset, limit }),
    [api, environment.id],
  );

  return (
    <RemoteTable<SyncRun>
      title="Sync history"
      columns={columns}
      fetchPage={fetchPage}
      searchable={false}
      pageSize={10}
      emptyMessage="No sync has run yet. Use Sync now, or wait for the schedule."
    />
  );
}

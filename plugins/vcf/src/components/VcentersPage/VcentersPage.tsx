import {
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  SubvalueCell,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import {
  type VcenterSummary,
  vcfVcenterManagePermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { vcfApiRef } from '../../api';
import { formatRelativeTime } from '../../util/format';
import { VcenterDialog } from '../VcenterDialog';
import { VcenterStatus } from '../VcenterStatusPanel';
import { VcenterActions, VcenterEnabledSwitch } from './VcenterActions';

function columns(options: {
  canManage: boolean;
  reload(): void;
  pollIntervalMs?: number;
}): TableColumn<VcenterSummary>[] {
  const { canManage, reload, pollIntervalMs } = options;
  const base: TableColumn<VcenterSummary>[] = [
    {
      title: 'vCenter',
      field: 'title',
      highlight: true,
      render: vc => <SubvalueCell value={vc.title} subvalue={vc.baseUrl} />,
    },
    { title: 'Environment', field: 'environmentId', emptyValue: '–' },
    {
      title: 'Status',
      field: 'sync.status',
      render: vc => (
        <>
          <VcenterStatus vcenter={vc} />
          <Typography variant="caption" color="textSecondary" component="div">
            last sync {formatRelativeTime(vc.sync.lastFinishedAt)}
            {vc.apiVersion ? ` · vSphere ${vc.apiVersion}` : ''}
          </Typography>
          {vc.sync.status === 'failed' && vc.sync.lastError && (
            <Typography variant="caption" color="error" component="div">
              {vc.sync.lastError}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Inventory',
      sorting: false,
      render: vc =>
        `${vc.counts.vms ?? 0} VMs · ${vc.counts.hosts ?? 0} hosts · ${
          vc.counts.datastores ?? 0
        } datastores`,
    },
    {
      title: 'Every',
      field: 'intervalMinutes',
      render: vc => `${vc.intervalMinutes} min`,
    },
    { title: 'Managed by', field: 'managedBy' },
    {
      title: 'Enabled',
      field: 'enabled',
      render: vc => {
        if (canManage)
          return <VcenterEnabledSwitch vcenter={vc} onChanged={reload} />;
        return vc.enabled ? 'yes' : 'no';
      },
    },
  ];
  if (canManage) {
    base.push({
      title: 'Actions',
      sorting: false,
      render: vc => (
        <VcenterActions
          vcenter={vc}
          onChanged={reload}
          pollIntervalMs={pollIntervalMs}
        />
      ),
    });
  }
  return base;
}

/**
 * `/vcf/vcenters`: every vCenter with its status; add, edit, enable/disable, sync, test,
 * purge and remove for users with `vcf.vcenter.manage`.
 */
export function VcentersPage(props: { pollIntervalMs?: number }) {
  const api = useApi(vcfApiRef);
  const { allowed: canManage } = usePermission({
    permission: vcfVcenterManagePermission,
  });
  const vcenters = useAsyncRetry(() => api.listVcenters(), [api]);
  const [adding, setAdding] = useState(false);
  const tableColumns = useMemo(
    () =>
      columns({
        canManage,
        reload: vcenters.retry,
        pollIntervalMs: props.pollIntervalMs,
      }),
    [canManage, vcenters.retry, props.pollIntervalMs],
  );

  let content: JSX.Element;
  if (vcenters.loading && !vcenters.value) {
    content = <Progress />;
  } else if (vcenters.error) {
    content = <ResponseErrorPanel error={vcenters.error} />;
  } else if ((vcenters.value ?? []).length === 0) {
    content = (
      <EmptyState
        missing="data"
        title="No vCenter yet"
        description={
          canManage
            ? 'Add a vCenter with "Add vCenter", list it under vcf.vcenters in app-config.yaml, or let an environment discover its vCenters.'
            : 'An administrator can add vCenters here or under vcf.vcenters in app-config.yaml.'
        }
      />
    );
  } else {
    content = (
      <Table<VcenterSummary>
        title="vCenters"
        columns={tableColumns}
        data={vcenters.value ?? []}
        options={{ paging: false, padding: 'dense', search: true }}
      />
    );
  }

  return (
    <>
      <ContentHeader title="vCenters">
        {canManage && (
          <Button
            variant="contained"
            color="primary"
            startIcon={<AddIcon />}
            onClick={() => setAdding(true)}
          >
            Add vCenter
          </Button>
        )}
      </ContentHeader>
      {content}
      {adding && (
        <VcenterDialog
          open
          onClose={() => setAdding(false)}
          onSaved={() => vcenters.retry()}
        />
      )}
    </>
  );
}

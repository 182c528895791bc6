import Grid from '@material-ui/core/Grid';
import type { DatastoreClusterRow } from '@vcf-backstage/plugin-vcf-common';
import { InventoryTable } from '../InventoryTable';
import { DatastoreClusterMembers } from './DatastoreClusterMembers';
import { HostAccessMatrix } from './HostAccessMatrix';

const clusterDetail = [
  {
    tooltip: 'Show datastores',
    render: ({ rowData }: { rowData: DatastoreClusterRow }) => (
      <DatastoreClusterMembers cluster={rowData} />
    ),
  },
];

/**
 * Storage: datastores with capacity bars, datastore clusters with their datastores, and
 * the host access matrix of a chosen vCenter.
 */
export function StorageView(props: { environmentId?: string }) {
  const { environmentId } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InventoryTable kind="datastores" environmentId={environmentId} />
      </Grid>
      <Grid item xs={12}>
        <InventoryTable
          kind="datastore-clusters"
          environmentId={environmentId}
          pageSize={10}
          detailPanel={clusterDetail}
        />
      </Grid>
      <Grid item xs={12}>
        <HostAccessMatrix environmentId={environmentId} />
      </Grid>
    </Grid>
  );
}

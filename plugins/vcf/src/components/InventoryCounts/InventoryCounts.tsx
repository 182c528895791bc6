import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  InventoryKind,
  InventorySummary,
} from '@vcf-backstage/plugin-vcf-common';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import {
  type InventoryViewId,
  useOptionalVcfPaths,
} from '../../hooks/useVcfPaths';
import { describeError } from '../../util/errors';

const COUNTS: Array<{
  kind: InventoryKind;
  label: string;
  view: InventoryViewId;
}> = [
  { kind: 'vms', label: 'VMs', view: 'vms' },
  { kind: 'hosts', label: 'Hosts', view: 'hosts' },
  { kind: 'clusters', label: 'Clusters', view: 'clusters' },
  { kind: 'datastores', label: 'Datastores', view: 'storage' },
  { kind: 'datastore-clusters', label: 'Datastore clusters', view: 'storage' },
  { kind: 'networks', label: 'Networks', view: 'networks' },
  { kind: 'snapshots', label: 'Snapshots', view: 'snapshots' },
  { kind: 'alarms', label: 'Alarms', view: 'alarms' },
];

/** The inventory counts of a summary, each linking to its inventory view. */
export function InventoryCountsGrid(props: { summary: InventorySummary }) {
  const paths = useOptionalVcfPaths();
  return (
    <Grid container spacing={2}>
      {COUNTS.map(({ kind, label, view }) => (
        <Grid item xs={6} sm={3} key={kind}>
          <Typography variant="h5" component="p">
            {props.summary.counts[kind] ?? 0}
          </Typography>
          {paths ? (
            <Link to={paths.inventory(view)}>{label}</Link>
          ) : (
            <Typography variant="caption">{label}</Typography>
          )}
        </Grid>
      ))}
    </Grid>
  );
}

/** Inventory counts across all vCenters, or those of one environment or one vCenter. */
export function InventoryCounts(props: {
  environmentId?: string;
  vcenterId?: string;
}) {
  const api = useApi(vcfApiRef);
  const { environmentId, vcenterId } = props;
  const { value, loading, error } = useAsync(
    () => api.getInventorySummary({ environmentId, vcenterId }),
    [api, environmentId, vcenterId],
  );
  return (
    <InfoCard title="Inventory">
      {loading && <Progress />}
      {error && (
        <Alert severity="error">
          The inventory summary could not be loaded: {describeError(error)}
        </Alert>
      )}
      {value && <InventoryCountsGrid summary={value} />}
    </InfoCard>
  );
}

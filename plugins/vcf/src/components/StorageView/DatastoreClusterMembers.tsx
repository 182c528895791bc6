import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Alert from '@material-ui/lab/Alert';
import type { DatastoreClusterRow } from '@vcf-backstage/plugin-vcf-common';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { describeError } from '../../util/errors';
import { formatBytes } from '../../util/format';
import { UsageBar } from '../UsageBar';

/** The largest page the API serves; a vCenter's datastores fit in one. */
const MAX_PAGE = 500;

/** The datastores of one datastore cluster, each with its capacity bar. */
export function DatastoreClusterMembers(props: {
  cluster: DatastoreClusterRow;
}) {
  const { cluster } = props;
  const api = useApi(vcfApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.listInventory('datastores', {
        vcenterId: cluster.vcenterId,
        limit: MAX_PAGE,
        orderBy: 'name',
      }),
    [api, cluster.vcenterId],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <Alert severity="error">{describeError(error)}</Alert>;
  }
  const members = new Set(cluster.datastores);
  const rows = (value?.items ?? []).filter(ds => members.has(ds.name));
  const missing = cluster.datastores.filter(
    name => !rows.some(ds => ds.name === name),
  );

  return (
    <Box paddingX={6} paddingY={1}>
      <Table size="small" aria-label={`Datastores of ${cluster.name}`}>
        <TableHead>
          <TableRow>
            <TableCell>Datastore</TableCell>
            <TableCell>Used</TableCell>
            <TableCell>Capacity</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(ds => (
            <TableRow key={ds.id}>
              <TableCell>{ds.name}</TableCell>
              <TableCell>
                <UsageBar
                  label={ds.name}
                  percent={ds.usedPercent}
                  caption={`${formatBytes(ds.freeBytes)} free`}
                />
              </TableCell>
              <TableCell>{formatBytes(ds.capacityBytes)}</TableCell>
            </TableRow>
          ))}
          {missing.map(name => (
            <TableRow key={name}>
              <TableCell>{name}</TableCell>
              <TableCell colSpan={2}>not in the synced inventory</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

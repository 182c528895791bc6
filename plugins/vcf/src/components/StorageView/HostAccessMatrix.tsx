import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CheckIcon from '@material-ui/icons/Check';
import Alert from '@material-ui/lab/Alert';
import type { DatastoreRow } from '@vcf-backstage/plugin-vcf-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { useElementId } from '../../hooks/useElementId';
import { useVcenterOptions } from '../../hooks/useVcenterOptions';
import { describeError } from '../../util/errors';

const MAX_PAGE = 500;

/** Which host (row) sees which datastore (column), from each datastore's host list. */
export function buildHostAccess(datastores: DatastoreRow[]) {
  const hosts = [...new Set(datastores.flatMap(ds => ds.hosts))].sort();
  const access = new Map(
    datastores.map(ds => [ds.id, new Set(ds.hosts)] as const),
  );
  return {
    hosts,
    datastores,
    canAccess: (host: string, datastore: DatastoreRow) =>
      access.get(datastore.id)?.has(host) ?? false,
  };
}

function Matrix(props: { datastores: DatastoreRow[]; truncated: boolean }) {
  const { hosts, datastores, canAccess } = buildHostAccess(props.datastores);
  if (datastores.length === 0) {
    return <Typography>This vCenter has no synced datastores.</Typography>;
  }
  return (
    <>
      {props.truncated && (
        <Alert severity="info">
          Showing the first {MAX_PAGE} datastores of this vCenter.
        </Alert>
      )}
      <TableContainer>
        <Table size="small" aria-label="Host access matrix">
          <TableHead>
            <TableRow>
              <TableCell>Host</TableCell>
              {datastores.map(ds => (
                <TableCell key={ds.id} align="center">
                  {ds.name}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {hosts.map(host => (
              <TableRow key={host}>
                <TableCell component="th" scope="row">
                  {host}
                </TableCell>
                {datastores.map(ds => (
                  <TableCell key={ds.id} align="center">
                    {canAccess(host, ds) ? (
                      <CheckIcon
                        fontSize="small"
                        titleAccess={`${host} can access ${ds.name}`}
                      />
                    ) : (
                      <span aria-label={`${host} cannot access ${ds.name}`}>
                        –
                      </span>
                    )}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </>
  );
}

/** Hosts × datastores of one chosen vCenter, to spot hosts that miss a shared datastore. */
export function HostAccessMatrix(props: { environmentId?: string }) {
  const api = useApi(vcfApiRef);
  const id = useElementId('vcf-matrix');
  const vcenters = useVcenterOptions(props.environmentId);
  const [vcenterId, setVcenterId] = useState('');

  useEffect(() => {
    if (!vcenterId && vcenters.length > 0) {
      setVcenterId(vcenters[0].value);
    }
  }, [vcenterId, vcenters]);

  const datastores = useAsync(
    async () =>
      vcenterId
        ? api.listInventory('datastores', {
            vcenterId,
            limit: MAX_PAGE,
            orderBy: 'name',
          })
        : undefined,
    [api, vcenterId],
  );

  return (
    <InfoCard
      title="Host access"
      subheader="Which ESXi host can reach which datastore"
      action={
        <TextField
          id={`${id}-vcenter`}
          select
          label="vCenter"
          size="small"
          variant="outlined"
          value={vcenterId}
          onChange={event => setVcenterId(event.target.value)}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
        >
          {vcenters.length === 0 && <option value="">none</option>}
          {vcenters.map(option => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </TextField>
      }
    >
      <Box>
        {datastores.loading && <Progress />}
        {datastores.error && (
          <Alert severity="error">{describeError(datastores.error)}</Alert>
        )}
        {!vcenterId && !datastores.loading && (
          <Typography>
            Add a vCenter on the vCenters page to see its storage.
          </Typography>
        )}
        {datastores.value && (
          <Matrix
            datastores={datastores.value.items}
            truncated={
              datastores.value.totalCount > datastores.value.items.length
            }
          />
        )}
      </Box>
    </InfoCard>
  );
}

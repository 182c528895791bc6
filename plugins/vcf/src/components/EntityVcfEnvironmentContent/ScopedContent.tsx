import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { type InventoryRow, type VcfApi, vcfApiRef } from '../../api';
import { describeError } from '../../util/errors';
import { CredentialsTable } from '../CredentialsTable';
import { hostColumns, ResourceTable } from '../EntityVsphereResourcesCard';
import { InventoryCounts } from '../InventoryCounts';
import { VcenterStatus } from '../VcenterStatusPanel';

/** An ESXi host's page: the credentials of that host only (its exact name, filtered on the server). */
export function HostContent(props: { name: string; environmentId?: string }) {
  const { name, environmentId } = props;
  if (!environmentId) {
    return (
      <Alert severity="info">
        The vCenter of {name} belongs to no VCF environment, so no credentials
        are synced for it.
      </Alert>
    );
  }
  return (
    <CredentialsTable
      environmentId={environmentId}
      resourceName={name}
      title={`Credentials of ${name}`}
    />
  );
}

/** Every host of one cluster: the hosts search matches the cluster column; keep exact matches, all pages. */
async function hostsOfCluster(
  api: VcfApi,
  vcenterId: string,
  name: string,
): Promise<InventoryRow<'hosts'>[]> {
  const rows: InventoryRow<'hosts'>[] = [];
  const limit = 500;
  for (let offset = 0; ; offset += limit) {
    const page = await api.listInventory('hosts', {
      vcenterId,
      q: name,
      offset,
      limit,
    });
    rows.push(...page.items.filter(host => host.cluster === name));
    if (page.items.length < limit) return rows;
  }
}

/** A cluster's page: its ESXi hosts. */
export function ClusterContent(props: { vcenterId: string; name: string }) {
  const { vcenterId, name } = props;
  const api = useApi(vcfApiRef);
  const hosts = useAsync(
    () => hostsOfCluster(api, vcenterId, name),
    [api, vcenterId, name],
  );
  return (
    <InfoCard title={`Hosts of ${name}`}>
      {hosts.loading && <Progress />}
      {hosts.error && (
        <Alert severity="error">
          The hosts could not be read: {describeError(hosts.error)}
        </Alert>
      )}
      {hosts.value &&
        (hosts.value.length > 0 ? (
          <ResourceTable
            title={`${hosts.value.length} ESXi hosts`}
            columns={hostColumns}
            rows={hosts.value}
            missing={[]}
          />
        ) : (
          <Alert severity="info">No synced host belongs to this cluster.</Alert>
        ))}
    </InfoCard>
  );
}

/** A vCenter's page: its sync state and inventory counts. */
export function VcenterContent(props: { vcenterId: string }) {
  const { vcenterId } = props;
  const api = useApi(vcfApiRef);
  const vcenter = useAsync(
    async () => (await api.listVcenters()).find(vc => vc.id === vcenterId),
    [api, vcenterId],
  );
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <InfoCard title="vCenter">
          {vcenter.loading && <Progress />}
          {vcenter.error && (
            <Alert severity="error">{describeError(vcenter.error)}</Alert>
          )}
          {!vcenter.loading && !vcenter.error && !vcenter.value && (
            <Alert severity="warning">
              The VCF plugin has no vCenter "{vcenterId}".
            </Alert>
          )}
          {vcenter.value && (
            <dl>
              <dt>Status</dt>
              <dd>
                <VcenterStatus vcenter={vcenter.value} />
              </dd>
              <dt>URL</dt>
              <dd>{vcenter.value.baseUrl}</dd>
              {vcenter.value.sync.lastError && (
                <>
                  <dt>Last error</dt>
                  <dd>{vcenter.value.sync.lastError}</dd>
                </>
              )}
            </dl>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InventoryCounts vcenterId={vcenterId} />
      </Grid>
    </Grid>
  );
}

import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type {
  HostDetail,
  InventoryDetailKind,
  VmDetail,
} from '@vcf-backstage/plugin-vcf-common';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { useOptionalVcfPaths } from '../../hooks/useVcfPaths';
import {
  formatBytes,
  formatDateTime,
  formatMegabytes,
} from '../../util/format';
import { ChangeTable } from '../ChangesPage/ChangeTable';
import { inventoryLists } from '../InventoryTable/inventoryColumns';

function yesNo(value: boolean | undefined): string {
  if (value === undefined) return '–';
  return value ? 'yes' : 'no';
}

/** The vSphere Client's search for an object by name on its vCenter. */
export function vsphereClientUrl(baseUrl: string, name: string): string {
  return `${baseUrl.replace(
    /\/+$/,
    '',
  )}/ui/app/search?query=${encodeURIComponent(name)}`;
}

function ListCard<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  rows: T[];
}) {
  return (
    <Table<T>
      title={props.title}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={props.columns}
      data={props.rows}
      emptyContent={<div style={{ padding: 16 }}>None.</div>}
    />
  );
}

function VmSummary(props: { detail: VmDetail }) {
  const { row } = props.detail;
  return (
    <StructuredMetadataTable
      metadata={{
        'Power state': row.powerState,
        Host: row.host ?? '–',
        Cluster: row.cluster ?? '–',
        Datacenter: row.datacenter ?? '–',
        Folder: row.folder ?? '–',
        'Resource pool': row.resourcePool ?? '–',
        'vCPU / memory': `${row.numCpu ?? '–'} / ${formatMegabytes(
          row.memoryMb,
        )}`,
        'Guest OS (configured)': row.guestOs ?? '–',
        'Guest OS (Tools)': row.guestOsReported ?? '–',
        'DNS name': row.dnsName ?? '–',
        'IP addresses': row.ipAddresses.join(', ') || '–',
        'Hardware version': row.hardwareVersion ?? '–',
        'VMware Tools':
          [row.toolsStatus, row.toolsVersion, row.toolsRunningStatus]
            .filter(Boolean)
            .join(' · ') || '–',
        'Provisioned / used': `${formatBytes(
          row.provisionedBytes,
        )} / ${formatBytes(row.usedBytes)}`,
        CBT: yesNo(row.cbtEnabled),
        Annotation: row.annotation ?? '–',
      }}
    />
  );
}

function HostSummary(props: { detail: HostDetail }) {
  const { row } = props.detail;
  return (
    <StructuredMetadataTable
      metadata={{
        State: row.inMaintenanceMode
          ? 'maintenance mode'
          : row.connectionState ?? '–',
        Cluster: row.cluster ?? '–',
        Version: row.version ? `${row.version} (${row.build ?? '?'})` : '–',
        Hardware: [row.vendor, row.model].filter(Boolean).join(' ') || '–',
        'Serial number / service tag':
          [row.serialNumber, row.serviceTag].filter(Boolean).join(' / ') || '–',
        BIOS: [row.biosVersion, formatDateTime(row.biosReleaseDate)]
          .filter(Boolean)
          .join(' · '),
        CPU: `${row.cpuModel ?? '–'} · ${row.cpuSockets ?? '?'} sockets, ${
          row.cpuCores ?? '?'
        } cores, ${row.cpuThreads ?? '?'} threads`,
        'vCPU per core': row.vcpuPerCore ?? '–',
        VMs: row.vmCount ?? '–',
        Memory: formatBytes(row.memoryBytes),
        'NTP servers': row.ntpServers.join(', ') || '–',
      }}
    />
  );
}

function VmParts(props: { detail: VmDetail }) {
  const { detail } = props;
  return (
    <>
      <Grid item xs={12}>
        <ListCard
          title="Disks"
          rows={detail.disks}
          columns={[
            { title: 'Disk', field: 'label' },
            { title: 'Capacity', render: d => formatBytes(d.capacityBytes) },
            { title: 'Datastore', field: 'datastore' },
            { title: 'Provisioning', field: 'provisioning' },
            { title: 'File', field: 'file' },
          ]}
        />
      </Grid>
      <Grid item xs={12}>
        <ListCard
          title="Network adapters"
          rows={detail.nics}
          columns={[
            { title: 'NIC', field: 'label' },
            { title: 'Adapter', field: 'adapterType' },
            {
              title: 'Path',
              render: n =>
                [
                  n.network ?? '?',
                  n.switchName ?? '?',
                  n.uplinks.join(', ') || '?',
                ].join(' → '),
            },
            { title: 'MAC address', field: 'macAddress' },
            { title: 'Connected', render: n => yesNo(n.connected) },
            {
              title: 'IP addresses',
              render: n => n.ipAddresses.join(', ') || '–',
            },
          ]}
        />
      </Grid>
      <Grid item xs={12}>
        <ListCard
          title="Snapshots"
          rows={detail.snapshots}
          columns={[
            { title: 'Name', field: 'name' },
            { title: 'Created', render: s => formatDateTime(s.createdAt) },
            { title: 'Size', render: s => formatBytes(s.sizeBytes) },
            { title: 'Quiesced', render: s => yesNo(s.quiesced) },
            { title: 'Description', field: 'description' },
          ]}
        />
      </Grid>
    </>
  );
}

function HostParts(props: { detail: HostDetail }) {
  const { detail } = props;
  return (
    <>
      <Grid item xs={12}>
        <ListCard
          title="Physical NICs"
          rows={detail.nics}
          columns={[
            { title: 'Device', field: 'device' },
            {
              title: 'Speed',
              render: n => (n.speedMb ? `${n.speedMb} Mb/s` : 'down'),
            },
            { title: 'Driver', field: 'driver' },
            { title: 'MAC address', field: 'macAddress' },
            { title: 'Switch', field: 'switchName' },
          ]}
        />
      </Grid>
      <Grid item xs={12}>
        <ListCard
          title="VMkernel adapters"
          rows={detail.vmkernelAdapters}
          columns={[
            { title: 'Device', field: 'device' },
            { title: 'IP address', field: 'ipAddress' },
            { title: 'Portgroup', field: 'portgroup' },
            { title: 'Switch', field: 'switchName' },
            { title: 'Services', render: a => a.services.join(', ') || '–' },
          ]}
        />
      </Grid>
    </>
  );
}

/** Props of {@link InventoryDetailPage}. */
export interface InventoryDetailPageProps {
  kind: InventoryDetailKind;
  /** Row id, `vcenterId:moref`. */
  id: string;
}

/**
 * One VM or host: summary, disks and NICs (with the portgroup → switch → uplink path) or physical NICs and VMkernel
 * adapters, snapshots, alarms, tasks, events, its own change history, and a link to the vSphere Client.
 */
export function InventoryDetailPage(props: InventoryDetailPageProps) {
  const { kind, id } = props;
  const api = useApi(vcfApiRef);
  const paths = useOptionalVcfPaths();
  const {
    value: detail,
    loading,
    error,
  } = useAsync(() => api.getInventoryDetail(kind, id), [api, kind, id]);
  if (loading) return <Progress />;
  if (error || !detail)
    return <ResponseErrorPanel error={error ?? new Error('Not found')} />;
  const { row, vcenter } = detail;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={8}>
        <InfoCard
          title={row.name}
          subheader={`${kind === 'vms' ? 'Virtual machine' : 'ESXi host'} in ${
            vcenter.title
          }`}
          action={
            <Button
              component="a"
              href={vsphereClientUrl(vcenter.baseUrl, row.name)}
              target="_blank"
              rel="noopener noreferrer"
              endIcon={<OpenInNewIcon fontSize="small" />}
            >
              Open in vSphere Client
            </Button>
          }
        >
          {detail.kind === 'vms' ? (
            <VmSummary detail={detail} />
          ) : (
            <HostSummary detail={detail} />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <ListCard
          title="Alarms"
          rows={detail.alarms}
          columns={inventoryLists.alarms.columns.filter(
            c => c.title !== 'vCenter',
          )}
        />
      </Grid>
      {detail.kind === 'vms' ? (
        <VmParts detail={detail} />
      ) : (
        <HostParts detail={detail} />
      )}
      <Grid item xs={12} md={6}>
        <ListCard
          title="Recent tasks"
          rows={detail.tasks}
          columns={inventoryLists.tasks.columns.filter(
            c => c.title !== 'vCenter',
          )}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <ListCard
          title="Events"
          rows={detail.events}
          columns={inventoryLists.events.columns.filter(
            c => c.title !== 'vCenter',
          )}
        />
      </Grid>
      <Grid item xs={12}>
        <ChangeTable
          title="Change history"
          changes={detail.changes}
          hideObject
        />
      </Grid>
      {paths && (
        <Grid item xs={12}>
          <Link to={paths.inventory(kind)}>
            Back to the {kind === 'vms' ? 'VM' : 'host'} list
          </Link>
        </Grid>
      )}
    </Grid>
  );
}

import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type { InventoryDetailKind } from '@vcf-backstage/plugin-vcf-common';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { useOptionalVcfPaths } from '../../hooks/useVcfPaths';
import { ChangeTable } from '../ChangesPage/ChangeTable';
import { vsphereClientUrl } from '../../util/vsphereClientUrl';
import { InventoryCatalogEntities } from './InventoryCatalogEntities';
import {
  detailSections,
  hostSummary,
  vmSummary,
  type DetailSection,
} from './inventoryDetailContent';

function DetailSectionTable(props: { section: DetailSection<object> }) {
  const { title, columns, rows, width = 12 } = props.section;
  return (
    <Grid item xs={12} md={width}>
      <Table<object>
        title={title}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={rows}
        emptyContent={<div style={{ padding: 16 }}>None.</div>}
      />
    </Grid>
  );
}

/** The summary's labels as written ("vCPU per core", "VMs"), not start-cased ("V CPU Per Core", "V Ms"). */
const keepLabel = (label: string) => label;

/** Props of {@link InventoryDetailPage}. */
export interface InventoryDetailPageProps {
  kind: InventoryDetailKind;
  /** Row id, `vcenterId:moref`. */
  id: string;
}

/**
 * One VM or host: summary, disks and NICs (with the portgroup → switch → uplink path) or physical NICs and VMkernel
 * adapters, snapshots, alarms, tasks, events, its own change history, its catalog entity and a link to the object in
 * the vSphere Client.
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
  const summary =
    detail.kind === 'vms' ? vmSummary(detail.row) : hostSummary(detail.row);
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
              href={vsphereClientUrl(vcenter, {
                kind: detail.kind,
                moref: row.moref,
                name: row.name,
              })}
              target="_blank"
              rel="noopener noreferrer"
              endIcon={<OpenInNewIcon fontSize="small" />}
            >
              Open in vSphere Client
            </Button>
          }
        >
          <StructuredMetadataTable
            options={{ titleFormat: keepLabel }}
            metadata={{
              ...summary,
              'Catalog entity': (
                <InventoryCatalogEntities
                  kind={detail.kind}
                  vcenterId={row.vcenterId}
                  name={row.name}
                />
              ),
            }}
          />
        </InfoCard>
      </Grid>
      {detailSections(detail).map(s => (
        <DetailSectionTable key={s.title} section={s} />
      ))}
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

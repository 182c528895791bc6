import {
  InfoCard,
  Progress,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  getVsphereHostRefs,
  getVsphereVmRefs,
  VSPHERE_HOSTS_ANNOTATION,
  VSPHERE_VMS_ANNOTATION,
} from '@vcf-backstage/plugin-vcf-common';
import useAsync from 'react-use/esm/useAsync';
import { type InventoryRow, type VcfApi, vcfApiRef } from '../../api';
import { describeError } from '../../util/errors';
import { inventoryLists } from '../InventoryTable';

/** `vc01/web-01` → vCenter `vc01`, name `web-01`; a bare name matches every vCenter. */
export function parseVsphereRef(ref: string): {
  vcenterId?: string;
  name: string;
} {
  const slash = ref.indexOf('/');
  return slash > 0
    ? { vcenterId: ref.slice(0, slash), name: ref.slice(slash + 1) }
    : { name: ref };
}

async function lookUp<K extends 'vms' | 'hosts'>(
  api: VcfApi,
  kind: K,
  refs: string[],
): Promise<{ rows: InventoryRow<K>[]; missing: string[] }> {
  const results = await Promise.all(
    refs.map(async ref => {
      const { vcenterId, name } = parseVsphereRef(ref);
      // The search matches substrings; keep the rows with exactly this name.
      const { items } = await api.listInventory(kind, {
        q: name,
        vcenterId,
        limit: 50,
      });
      return { ref, rows: items.filter(row => row.name === name) };
    }),
  );
  return {
    rows: results.flatMap(result => result.rows),
    missing: results.filter(result => result.rows.length === 0).map(r => r.ref),
  };
}

function pick<T extends object>(
  columns: TableColumn<T>[],
  titles: string[],
): TableColumn<T>[] {
  return titles.flatMap(title =>
    columns.filter(column => column.title === title),
  );
}

const vmColumns = pick(inventoryLists.vms.columns, [
  'Name',
  'Power',
  'vCPU',
  'Memory',
  'IP addresses',
  'Host',
  'vCenter',
]);
/** The host columns of the entity cards. */
export const hostColumns = pick(inventoryLists.hosts.columns, [
  'Name',
  'Version',
  'State',
  'CPU',
  'Memory',
  'vCenter',
]);

/** A titled table of looked-up inventory rows, with the names that were not found. */
export function ResourceTable<T extends object>(props: {
  title: string;
  columns: TableColumn<T>[];
  rows: T[];
  missing: string[];
}) {
  const { title, columns, rows, missing } = props;
  return (
    <Box marginBottom={2}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      {rows.length > 0 && (
        // Scrolls sideways inside the card rather than being cut off at its edge.
        <Box overflow="auto">
          <Table<T>
            columns={columns}
            data={rows}
            options={{
              paging: false,
              search: false,
              toolbar: false,
              padding: 'dense',
            }}
          />
        </Box>
      )}
      {missing.length > 0 && (
        <Alert severity="warning">
          Not found in the synced inventory: {missing.join(', ')}. Check the
          names in the annotation (use vcenterId/name when names repeat).
        </Alert>
      )}
    </Box>
  );
}

/**
 * The VMs and ESXi hosts named by an entity's `vcf-backstage.io/vsphere-vms` and
 * `vcf-backstage.io/vsphere-hosts` annotations, looked up in the synced inventory.
 */
export function EntityVsphereResourcesCard() {
  const { entity } = useEntity();
  const api = useApi(vcfApiRef);
  const vmRefs = getVsphereVmRefs(entity);
  const hostRefs = getVsphereHostRefs(entity);
  const key = `${vmRefs.join(',')}|${hostRefs.join(',')}`;
  const { value, loading, error } = useAsync(
    async () => ({
      vms: await lookUp(api, 'vms', vmRefs),
      hosts: await lookUp(api, 'hosts', hostRefs),
    }),
    [api, key],
  );

  if (vmRefs.length === 0 && hostRefs.length === 0) {
    return (
      <MissingAnnotationEmptyState
        annotation={[VSPHERE_VMS_ANNOTATION, VSPHERE_HOSTS_ANNOTATION]}
      />
    );
  }
  return (
    <InfoCard title="vSphere">
      {loading && <Progress />}
      {error && (
        <Alert severity="error">
          The vSphere inventory could not be read: {describeError(error)}
        </Alert>
      )}
      {value && vmRefs.length > 0 && (
        <ResourceTable
          title="Virtual machines"
          columns={vmColumns}
          rows={value.vms.rows}
          missing={value.vms.missing}
        />
      )}
      {value && hostRefs.length > 0 && (
        <ResourceTable
          title="ESXi hosts"
          columns={hostColumns}
          rows={value.hosts.rows}
          missing={value.hosts.missing}
        />
      )}
    </InfoCard>
  );
}

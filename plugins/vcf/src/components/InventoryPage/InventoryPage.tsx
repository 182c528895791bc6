import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { vcfApiRef } from '../../api';
import { ExportWorkbookButton } from './ExportWorkbookButton';
import { InventoryDetailPage } from '../InventoryDetailPage';
import { useState } from 'react';
import {
  Navigate,
  Route,
  Routes,
  useParams,
  useSearchParams,
} from 'react-router-dom';
import { type InventoryViewId, useVcfPaths } from '../../hooks/useVcfPaths';
import { InventoryTabs } from './InventoryTabs';
import { InventoryView } from './InventoryView';
import { isInventoryView } from './views';

function InventoryRoute() {
  const { view } = useParams();
  const [searchParams] = useSearchParams();
  const paths = useVcfPaths();
  if (!isInventoryView(view)) {
    return (
      <EmptyState
        missing="content"
        title="No such inventory view"
        description="Pick one of the inventory tabs."
      />
    );
  }
  return (
    <>
      <InventoryTabs selected={view} hrefFor={paths.inventory} />
      <DownloadAll />
      <InventoryView
        view={view}
        initialFilterValues={Object.fromEntries(searchParams)}
      />
    </>
  );
}

/** "Download all": the one workbook of every vCenter. */
function DownloadAll() {
  const api = useApi(vcfApiRef);
  return (
    <div
      style={{ display: 'flex', justifyContent: 'flex-end', margin: '8px 0' }}
    >
      <ExportWorkbookButton onExport={() => api.exportInventoryWorkbook()} />
    </div>
  );
}

/** `/vcf/inventory/vms/:id` and `/vcf/inventory/hosts/:id`: one VM's or host's page. */
function InventoryObjectRoute() {
  const { view, id } = useParams();
  if ((view !== 'vms' && view !== 'hosts') || !id) {
    return (
      <EmptyState
        missing="content"
        title="No such inventory page"
        description="VMs and hosts have pages of their own."
      />
    );
  }
  return <InventoryDetailPage kind={view} id={id} />;
}

/** `/vcf/inventory/:view`: the inventory of every vCenter, one tab per view; `:view/:id` for one VM or host. */
export function InventoryPage() {
  return (
    <Routes>
      <Route index element={<Navigate to="vms" replace />} />
      <Route path=":view" element={<InventoryRoute />} />
      <Route path=":view/:id" element={<InventoryObjectRoute />} />
    </Routes>
  );
}

/** The inventory views of one environment, with tabs that keep their state locally. */
export function InventoryBrowser(props: { environmentId: string }) {
  const [view, setView] = useState<InventoryViewId>('vms');
  return (
    <>
      <InventoryTabs selected={view} onSelect={setView} />
      <InventoryView view={view} environmentId={props.environmentId} />
    </>
  );
}

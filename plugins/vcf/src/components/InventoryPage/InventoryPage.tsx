import { EmptyState } from '@backstage/core-components';
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
      <InventoryView
        view={view}
        initialFilterValues={Object.fromEntries(searchParams)}
      />
    </>
  );
}

/** `/vcf/inventory/:view`: the inventory of every vCenter, one tab per view. */
export function InventoryPage() {
  return (
    <Routes>
      <Route index element={<Navigate to="vms" replace />} />
      <Route path=":view" element={<InventoryRoute />} />
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

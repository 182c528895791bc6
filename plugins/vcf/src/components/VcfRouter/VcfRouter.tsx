import { Content, EmptyState, LinkButton } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { useVcfPaths } from '../../hooks/useVcfPaths';
import { AuditPage } from '../AuditPage';
import { ChangesPage } from '../ChangesPage';
import { EnvironmentPage } from '../EnvironmentPage';
import { HomePage } from '../HomePage';
import { InventoryPage } from '../InventoryPage';
import { VcentersPage } from '../VcentersPage';
import { VcfNavigation } from './VcfNavigation';

function NotFound() {
  const paths = useVcfPaths();
  return (
    <EmptyState
      missing="content"
      title="There is no such VCF page"
      action={
        <LinkButton to={paths.home} variant="contained" color="primary">
          VCF overview
        </LinkButton>
      }
    />
  );
}

/**
 * The views under the VCF page: overview, environments, inventory, vCenters and audit,
 * with the navigation between them. Rendered inside the page header of either frontend
 * system.
 */
export function VcfRouter() {
  return (
    <Content>
      <VcfNavigation />
      <Routes>
        <Route index element={<HomePage />} />
        <Route
          path="environments/:environmentId/*"
          element={<EnvironmentPage />}
        />
        <Route path="inventory/*" element={<InventoryPage />} />
        <Route path="changes" element={<ChangesPage />} />
        <Route path="vcenters" element={<VcentersPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Content>
  );
}

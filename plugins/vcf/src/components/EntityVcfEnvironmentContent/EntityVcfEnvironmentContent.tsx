import { Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import {
  getVcfEntityScope,
  VCF_ENVIRONMENT_ANNOTATION,
} from '@vcf-backstage/plugin-vcf-common';
import { CredentialsTable } from '../CredentialsTable';
import { EnvironmentOverview } from '../EnvironmentOverview';
import { InventoryBrowser } from '../InventoryPage';
import { EnvironmentLoadError } from './EnvironmentLoadError';
import { ClusterContent, HostContent, VcenterContent } from './ScopedContent';
import { useEnvironment } from './useEnvironment';

function EnvironmentContent(props: { environmentId: string }) {
  const { value, loading, error, retry } = useEnvironment(props.environmentId);
  if (loading && !value) {
    return <Progress />;
  }
  if (error || !value) {
    return (
      <EnvironmentLoadError
        environmentId={props.environmentId}
        error={error ?? new Error('No environment')}
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <EnvironmentOverview environment={value} onSynced={retry} />
      </Grid>
      <Grid item xs={12}>
        <CredentialsTable environmentId={value.id} />
      </Grid>
      <Grid item xs={12}>
        <InventoryBrowser environmentId={value.id} />
      </Grid>
    </Grid>
  );
}

/**
 * The "VCF" tab of an entity, showing what belongs to it: for an environment (or an entity annotated with
 * `vcf-backstage.io/environment`) the environment's status, its credentials and the inventory of its vCenters;
 * for a vCenter its state and counts; for a cluster its hosts; for an ESXi host that host's credentials.
 */
export function EntityVcfEnvironmentContent() {
  const { entity } = useEntity();
  const scope = getVcfEntityScope(entity);
  switch (scope?.kind) {
    case 'environment':
      return <EnvironmentContent environmentId={scope.environmentId} />;
    case 'vcenter':
      return <VcenterContent vcenterId={scope.vcenterId} />;
    case 'cluster':
      return <ClusterContent vcenterId={scope.vcenterId} name={scope.name} />;
    case 'host':
      return (
        <HostContent name={scope.name} environmentId={scope.environmentId} />
      );
    default:
      return (
        <MissingAnnotationEmptyState annotation={VCF_ENVIRONMENT_ANNOTATION} />
      );
  }
}

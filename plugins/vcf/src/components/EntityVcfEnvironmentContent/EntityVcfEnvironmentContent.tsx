import { Progress } from '@backstage/core-components';
import {
  MissingAnnotationEmptyState,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import {
  getVcfEnvironmentId,
  VCF_ENVIRONMENT_ANNOTATION,
} from '@vcf-backstage/plugin-vcf-common';
import { CredentialsTable } from '../CredentialsTable';
import { EnvironmentOverview } from '../EnvironmentOverview';
import { InventoryBrowser } from '../InventoryPage';
import { EnvironmentLoadError } from './EnvironmentLoadError';
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
 * The "VCF" tab of an entity with the `vcf-backstage.io/environment` annotation: the
 * environment's status, its credentials and the inventory of its vCenters.
 */
export function EntityVcfEnvironmentContent() {
  const { entity } = useEntity();
  const environmentId = getVcfEnvironmentId(entity);
  if (!environmentId) {
    return (
      <MissingAnnotationEmptyState annotation={VCF_ENVIRONMENT_ANNOTATION} />
    );
  }
  return <EnvironmentContent environmentId={environmentId} />;
}

import {
  ContentHeader,
  EmptyState,
  LinkButton,
  Progress,
  ResponseErrorPanel,
  TabbedLayout,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { ResponseError } from '@backstage/errors';
import { useNavigate, useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { vcfApiRef } from '../../api';
import { useVcfPaths } from '../../hooks/useVcfPaths';
import { CredentialsTable } from '../CredentialsTable';
import { CredentialTasksPanel } from '../CredentialTasksPanel';
import { EnvironmentOverview } from '../EnvironmentOverview';
import { EnvironmentSettings } from '../EnvironmentSettings';
import { SyncHistoryTable } from '../SyncHistoryTable';

/** `/vcf/environments/:environmentId`: Overview, Credentials, Sync history and Settings tabs. */
export function EnvironmentPage() {
  const { environmentId = '' } = useParams();
  const api = useApi(vcfApiRef);
  const paths = useVcfPaths();
  const navigate = useNavigate();
  const {
    value: environment,
    loading,
    error,
    retry,
  } = useAsyncRetry(
    () => api.getEnvironment(environmentId),
    [api, environmentId],
  );

  if (loading && !environment) {
    return <Progress />;
  }
  if (error instanceof ResponseError && error.statusCode === 404) {
    return (
      <EmptyState
        missing="data"
        title={`There is no environment "${environmentId}"`}
        description="It may have been deleted, or you may not be allowed to see it."
        action={
          <LinkButton to={paths.home} variant="contained" color="primary">
            All environments
          </LinkButton>
        }
      />
    );
  }
  if (error || !environment) {
    return <ResponseErrorPanel error={error ?? new Error('No environment')} />;
  }

  return (
    <>
      <ContentHeader title={environment.title}>
        <Typography color="textSecondary">{environment.description}</Typography>
      </ContentHeader>
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Overview">
          <EnvironmentOverview environment={environment} onSynced={retry} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/credentials" title="Credentials">
          <CredentialsTable environmentId={environment.id} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/credential-tasks" title="Credential tasks">
          <CredentialTasksPanel environmentId={environment.id} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/sync-history" title="Sync history">
          <SyncHistoryTable environment={environment} />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/settings" title="Settings">
          <EnvironmentSettings
            environment={environment}
            onSaved={retry}
            onDeleted={() => navigate(paths.home)}
          />
        </TabbedLayout.Route>
      </TabbedLayout>
    </>
  );
}

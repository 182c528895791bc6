import {
  CodeSnippet,
  ContentHeader,
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { vcfEnvironmentCreatePermission } from '@vcf-backstage/plugin-vcf-common';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { vcfApiRef } from '../../api';
import { useVcfPaths } from '../../hooks/useVcfPaths';
import { describeError } from '../../util/errors';
import { EnvironmentCard } from '../EnvironmentCard';
import { AddEnvironmentButton } from '../EnvironmentForm';
import { InventoryCountsGrid } from '../InventoryCounts';
import { InventoryTable } from '../InventoryTable';
import { VcenterStatusPanel } from '../VcenterStatusPanel';
import { AlarmSummary } from './AlarmSummary';
import { RecentEvents, RecentTasks } from './RecentActivity';

const CONFIG_EXAMPLE = `vcf:
  environments:
    - id: lab
      title: Lab
      sddcManager:
        baseUrl: https://sddc-manager.lab.example.com
        username: svc-backstage@vsphere.local
        password: \${VCF_LAB_PASSWORD}`;

function NoEnvironments(props: { action: JSX.Element }) {
  const { allowed: canCreate } = usePermission({
    permission: vcfEnvironmentCreatePermission,
  });
  return (
    <EmptyState
      missing="info"
      title="No VCF environment yet"
      description={
        <>
          <Typography paragraph>
            Add an environment under <code>vcf.environments</code> in
            app-config.yaml and restart the backend
            {canCreate ? ', or use "Add environment" to add one here' : ''}. Its
            credentials are synced from SDDC Manager and the VCF Installer.
          </Typography>
          <CodeSnippet language="yaml" text={CONFIG_EXAMPLE} />
        </>
      }
      action={props.action}
    />
  );
}

/** `/vcf`: environments, vCenter status, inventory counts, alarms, recent tasks and events. */
export function HomePage() {
  const api = useApi(vcfApiRef);
  const paths = useVcfPaths();
  const navigate = useNavigate();
  const environments = useAsyncRetry(() => api.listEnvironments(), [api]);
  const summary = useAsync(() => api.getInventorySummary(), [api]);

  const addButton = (
    <AddEnvironmentButton
      onCreated={created => navigate(paths.environment(created.id))}
    />
  );

  let environmentSection: JSX.Element;
  if (environments.loading && !environments.value) {
    environmentSection = <Progress />;
  } else if (environments.error) {
    environmentSection = <ResponseErrorPanel error={environments.error} />;
  } else if ((environments.value ?? []).length === 0) {
    environmentSection = <NoEnvironments action={addButton} />;
  } else {
    environmentSection = (
      <Grid container spacing={3}>
        {environments.value!.map(environment => (
          <Grid item xs={12} md={6} xl={4} key={environment.id}>
            <EnvironmentCard
              environment={environment}
              onSynced={environments.retry}
            />
          </Grid>
        ))}
      </Grid>
    );
  }

  return (
    <>
      <ContentHeader title="Environments">
        {(environments.value ?? []).length > 0 && addButton}
      </ContentHeader>
      {environmentSection}
      <Box marginTop={4}>
        <ContentHeader title="Inventory" />
        {summary.loading && <Progress />}
        {summary.error && (
          <Alert severity="error">
            The inventory summary could not be loaded:{' '}
            {describeError(summary.error)}
          </Alert>
        )}
        {summary.value && (
          <Grid container spacing={3}>
            <Grid item xs={12} md={6}>
              <VcenterStatusPanel vcenters={summary.value.vcenters} />
            </Grid>
            <Grid item xs={12} md={6}>
              <InfoCard title="Across all vCenters">
                <InventoryCountsGrid summary={summary.value} />
              </InfoCard>
              <Box marginTop={3}>
                <AlarmSummary
                  alarmsBySeverity={summary.value.alarmsBySeverity}
                />
              </Box>
            </Grid>
            <Grid item xs={12}>
              <InventoryTable
                kind="alarms"
                title="Triggered alarms"
                pageSize={10}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <RecentTasks />
            </Grid>
            <Grid item xs={12} md={6}>
              <RecentEvents />
            </Grid>
          </Grid>
        )}
      </Box>
    </>
  );
}

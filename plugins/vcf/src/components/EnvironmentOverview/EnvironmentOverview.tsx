import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import type { VcfEnvironment } from '@vcf-backstage/plugin-vcf-common';
import {
  CredentialCounts,
  EnvironmentSyncButton,
  EnvironmentSyncStatus,
} from '../EnvironmentStatus';
import { InventoryCounts } from '../InventoryCounts';
import { EnvironmentDetails } from './EnvironmentDetails';

/** Props of {@link EnvironmentOverview}. */
export interface EnvironmentOverviewProps {
  environment: VcfEnvironment;
  /** Called after a manual sync has finished, to reload the environment. */
  onSynced?(): void;
}

/** Sync status, credential counts, definition and inventory of one environment. */
export function EnvironmentOverview(props: EnvironmentOverviewProps) {
  const { environment, onSynced } = props;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6}>
        <InfoCard title="Sync">
          <EnvironmentSyncStatus environment={environment} />
          <Box marginTop={2}>
            <EnvironmentSyncButton
              environment={environment}
              onFinished={onSynced}
            />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Credentials">
          <CredentialCounts environment={environment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Definition">
          <EnvironmentDetails environment={environment} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InventoryCounts environmentId={environment.id} />
      </Grid>
    </Grid>
  );
}

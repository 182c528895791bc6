import { InfoCard } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import {
  type VcfEnvironment,
  vcfEnvironmentDeletePermission,
  vcfEnvironmentUpdatePermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useState } from 'react';
import { vcfApiRef } from '../../api';
import { ConfirmDialog } from '../ConfirmDialog';
import { ConnectionTestButton } from '../ConnectionTest';
import { EnvironmentForm } from '../EnvironmentForm';
import { EnvironmentDetails } from '../EnvironmentOverview';

/** Props of {@link EnvironmentSettings}. */
export interface EnvironmentSettingsProps {
  environment: VcfEnvironment;
  onSaved(environment: VcfEnvironment): void;
  onDeleted(): void;
}

/**
 * Settings of an environment: the edit form for API-managed environments (read-only for
 * config-managed ones and for users who may not change it), the connection test, and delete.
 */
export function EnvironmentSettings(props: EnvironmentSettingsProps) {
  const { environment, onSaved, onDeleted } = props;
  const api = useApi(vcfApiRef);
  const alertApi = useApi(alertApiRef);
  const canUpdate = usePermission({
    permission: vcfEnvironmentUpdatePermission,
    resourceRef: environment.id,
  }).allowed;
  const canDelete = usePermission({
    permission: vcfEnvironmentDeletePermission,
    resourceRef: environment.id,
  }).allowed;
  const [confirmDelete, setConfirmDelete] = useState(false);
  const apiManaged = environment.managedBy === 'api';

  const testConnection = useCallback(
    () => api.testEnvironmentConnection(environment.id),
    [api, environment.id],
  );

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} lg={8}>
        <InfoCard
          title={apiManaged && canUpdate ? 'Edit environment' : 'Definition'}
        >
          {!apiManaged && (
            <Box marginBottom={2}>
              <Alert severity="info">
                This environment is defined in app-config.yaml under{' '}
                <code>vcf.environments</code>. Change it there and restart the
                backend.
              </Alert>
            </Box>
          )}
          {apiManaged && canUpdate ? (
            <EnvironmentForm
              environment={environment}
              submitLabel="Save"
              onSubmit={async input => {
                const saved = await api.updateEnvironment(
                  environment.id,
                  input,
                );
                alertApi.post({
                  message: `Saved ${saved.title}.`,
                  severity: 'success',
                  display: 'transient',
                });
                onSaved(saved);
              }}
            />
          ) : (
            <EnvironmentDetails environment={environment} />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={4}>
        <InfoCard title="Connection">
          <Typography variant="body2" paragraph>
            Logs in to each configured source with the stored service account,
            without syncing.
          </Typography>
          <ConnectionTestButton onTest={testConnection} />
        </InfoCard>
        {apiManaged && canDelete && (
          <Box marginTop={3}>
            <InfoCard title="Danger zone">
              <Typography variant="body2" paragraph>
                Deleting the environment removes its synced credentials and
                password history from Backstage. Nothing changes upstream.
              </Typography>
              <Button
                variant="outlined"
                color="secondary"
                startIcon={<DeleteIcon />}
                onClick={() => setConfirmDelete(true)}
              >
                Delete environment
              </Button>
            </InfoCard>
          </Box>
        )}
      </Grid>
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete ${environment.title}?`}
        confirmLabel="Delete"
        onClose={() => setConfirmDelete(false)}
        onConfirm={async () => {
          await api.deleteEnvironment(environment.id);
          onDeleted();
        }}
      >
        The environment <strong>{environment.id}</strong>, its credentials and
        their history will be removed from Backstage.
      </ConfirmDialog>
    </Grid>
  );
}

import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Switch from '@material-ui/core/Switch';
import Tooltip from '@material-ui/core/Tooltip';
import DeleteIcon from '@material-ui/icons/Delete';
import DeleteSweepIcon from '@material-ui/icons/DeleteSweep';
import EditIcon from '@material-ui/icons/Edit';
import SettingsEthernetIcon from '@material-ui/icons/SettingsEthernet';
import type { VcenterSummary } from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useState } from 'react';
import { vcfApiRef } from '../../api';
import { useElementId } from '../../hooks/useElementId';
import { describeError } from '../../util/errors';
import { ConfirmDialog } from '../ConfirmDialog';
import { ConnectionTestButton } from '../ConnectionTest';
import { SyncNowButton } from '../SyncNowButton';
import { VcenterDialog, vcenterInputOf } from '../VcenterDialog';

const READ_ONLY_REASONS: Record<
  VcenterSummary['managedBy'],
  string | undefined
> = {
  api: undefined,
  config: 'Defined in app-config.yaml (vcf.vcenters): change it there.',
  discovered: 'Discovered from SDDC Manager: change the environment instead.',
};

/** Why a vCenter cannot be edited here, if it cannot. */
export function readOnlyReason(vcenter: VcenterSummary): string | undefined {
  return READ_ONLY_REASONS[vcenter.managedBy];
}

/** The enable/disable switch of a vCenter row. */
export function VcenterEnabledSwitch(props: {
  vcenter: VcenterSummary;
  onChanged(): void;
}) {
  const { vcenter, onChanged } = props;
  const api = useApi(vcfApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const reason = readOnlyReason(vcenter);

  const toggle = async (enabled: boolean) => {
    setBusy(true);
    try {
      await api.updateVcenter(vcenter.id, {
        ...vcenterInputOf(vcenter),
        enabled,
      });
      onChanged();
    } catch (e) {
      alertApi.post({
        message: `Could not ${enabled ? 'enable' : 'disable'} ${
          vcenter.title
        }: ${describeError(e)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Tooltip title={reason ?? ''}>
      <span>
        <Switch
          checked={vcenter.enabled}
          disabled={busy || !!reason}
          onChange={event => toggle(event.target.checked)}
          inputProps={{ 'aria-label': `Sync ${vcenter.title}` }}
        />
      </span>
    </Tooltip>
  );
}

function TestConnectionDialog(props: { vcenter: VcenterSummary }) {
  const { vcenter } = props;
  const api = useApi(vcfApiRef);
  const [open, setOpen] = useState(false);
  const titleId = useElementId('vcf-vcenter-test');
  const onTest = useCallback(
    () => api.testVcenterConnection(vcenter.id),
    [api, vcenter.id],
  );
  return (
    <>
      <Tooltip title="Test connection">
        <IconButton
          size="small"
          aria-label={`Test connection to ${vcenter.title}`}
          onClick={() => setOpen(true)}
        >
          <SettingsEthernetIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
      >
        <DialogTitle id={titleId}>Connection to {vcenter.title}</DialogTitle>
        <DialogContent>
          <ConnectionTestButton onTest={onTest} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/**
 * The management actions of a vCenter row: sync now, test connection, edit, purge its
 * inventory and remove it. Render only for users with `vcf.vcenter.manage`.
 */
export function VcenterActions(props: {
  vcenter: VcenterSummary;
  onChanged(): void;
  pollIntervalMs?: number;
}) {
  const { vcenter, onChanged, pollIntervalMs } = props;
  const api = useApi(vcfApiRef);
  const [dialog, setDialog] = useState<'edit' | 'purge' | 'remove'>();
  const reason = readOnlyReason(vcenter);

  const readTargets = useCallback(async () => {
    const current = (await api.listVcenters()).find(vc => vc.id === vcenter.id);
    return current ? [current.sync] : [];
  }, [api, vcenter.id]);
  const trigger = useCallback(
    () => api.syncVcenter(vcenter.id),
    [api, vcenter.id],
  );

  return (
    <Box display="flex" alignItems="center" gridGap={4} flexWrap="wrap">
      {vcenter.enabled && (
        <SyncNowButton
          readTargets={readTargets}
          trigger={trigger}
          onFinished={onChanged}
          describeTarget={() => vcenter.title}
          intervalMs={pollIntervalMs}
        />
      )}
      <TestConnectionDialog vcenter={vcenter} />
      <Tooltip title={reason ?? 'Edit'}>
        <span>
          <IconButton
            size="small"
            aria-label={`Edit ${vcenter.title}`}
            disabled={!!reason}
            onClick={() => setDialog('edit')}
          >
            <EditIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title="Purge inventory">
        <IconButton
          size="small"
          aria-label={`Purge inventory of ${vcenter.title}`}
          onClick={() => setDialog('purge')}
        >
          <DeleteSweepIcon fontSize="small" />
        </IconButton>
      </Tooltip>
      <Tooltip title={reason ?? 'Remove'}>
        <span>
          <IconButton
            size="small"
            aria-label={`Remove ${vcenter.title}`}
            disabled={!!reason}
            onClick={() => setDialog('remove')}
          >
            <DeleteIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      {dialog === 'edit' && (
        <VcenterDialog
          open
          vcenter={vcenter}
          onClose={() => setDialog(undefined)}
          onSaved={onChanged}
        />
      )}
      <ConfirmDialog
        open={dialog === 'purge'}
        title={`Purge the inventory of ${vcenter.title}?`}
        confirmLabel="Purge"
        onClose={() => setDialog(undefined)}
        onConfirm={async () => {
          await api.purgeVcenter(vcenter.id);
          onChanged();
        }}
      >
        Every VM, host, datastore, alarm, task and event synced from{' '}
        {vcenter.baseUrl} is deleted from Backstage. The next sync fetches them
        again unless the vCenter is disabled.
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'remove'}
        title={`Remove ${vcenter.title}?`}
        confirmLabel="Remove"
        onClose={() => setDialog(undefined)}
        onConfirm={async () => {
          await api.deleteVcenter(vcenter.id);
          onChanged();
        }}
      >
        The vCenter, its stored service account and its synced inventory are
        removed from Backstage. Nothing changes in vCenter.
      </ConfirmDialog>
    </Box>
  );
}

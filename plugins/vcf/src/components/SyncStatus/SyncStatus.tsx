import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type {
  SyncStatus as SyncStatusValue,
  SyncTargetStatus,
} from '@vcf-backstage/plugin-vcf-common';
import type { ReactNode } from 'react';
import { formatDuration, formatRelativeTime } from '../../util/format';
import { describeSyncProgress, describeSyncResult } from './syncProgressText';

const STATUS_LABELS: Record<SyncStatusValue, string> = {
  never: 'never synced',
  running: 'syncing',
  succeeded: 'synced',
  failed: 'sync failed',
  disabled: 'disabled',
};

/** A coloured status line: "SDDC Manager: synced". */
export function SyncStatusIndicator(props: {
  status: SyncStatusValue;
  label?: ReactNode;
}) {
  const { status, label } = props;
  const text = (
    <>
      {label && <>{label}: </>}
      {STATUS_LABELS[status] ?? status}
    </>
  );
  switch (status) {
    case 'succeeded':
      return <StatusOK>{text}</StatusOK>;
    case 'failed':
      return <StatusError>{text}</StatusError>;
    case 'running':
      return <StatusRunning>{text}</StatusRunning>;
    case 'disabled':
      return <StatusAborted>{text}</StatusAborted>;
    default:
      return <StatusPending>{text}</StatusPending>;
  }
}

/** The upstream error of a failed sync, shown so that an operator can act on it. */
export function SyncErrorAlert(props: { title: ReactNode; error: string }) {
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{props.title}</AlertTitle>
      {props.error}
    </Alert>
  );
}

/**
 * One sync target at a glance: status, when it last ran and how it went, and the last error
 * when the last run failed.
 */
export function SyncTargetSummary(props: {
  label: string;
  sync: SyncTargetStatus | undefined;
}) {
  const { label, sync } = props;
  if (!sync) {
    return <SyncStatusIndicator status="never" label={label} />;
  }
  if (sync.progress) {
    // A queued or running sync: say what it does now, not how the previous one ended.
    return (
      <Box>
        <SyncStatusIndicator
          status={sync.progress.phase === 'queued' ? 'never' : 'running'}
          label={label}
        />
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="vcf-sync-progress"
        >
          {describeSyncProgress(sync.progress)}
        </Typography>
      </Box>
    );
  }
  const result = describeSyncResult(sync.lastCounts);
  const details = [
    sync.lastFinishedAt &&
      `last sync ${formatRelativeTime(sync.lastFinishedAt)}`,
    sync.status === 'failed' &&
      `last good sync ${formatRelativeTime(sync.lastSucceededAt)}`,
    sync.status !== 'failed' &&
      (result ?? (sync.lastCount !== undefined && `${sync.lastCount} items`)),
    sync.lastDurationMs !== undefined &&
      `took ${formatDuration(sync.lastDurationMs)}`,
    sync.nextRunAt && `next ${formatRelativeTime(sync.nextRunAt)}`,
  ].filter(Boolean);
  return (
    <Box>
      <SyncStatusIndicator status={sync.status} label={label} />
      {details.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {details.join(' · ')}
        </Typography>
      )}
      {sync.status === 'failed' && sync.lastError && (
        <Box marginTop={1}>
          <SyncErrorAlert
            title={`${label} sync failed ${formatRelativeTime(
              sync.lastFinishedAt,
            )}`}
            error={sync.lastError}
          />
        </Box>
      )}
    </Box>
  );
}

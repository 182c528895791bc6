import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import SyncIcon from '@material-ui/icons/Sync';
import Alert from '@material-ui/lab/Alert';
import type { SyncTargetStatus } from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { type UseSyncRunOptions, useSyncRun } from '../../hooks/useSyncRun';
import { describeError } from '../../util/errors';
import { describeSyncProgress, describeSyncResult } from '../SyncStatus';

/** Props of {@link SyncNowButton}. */
export interface SyncNowButtonProps extends UseSyncRunOptions {
  /** Names a target in the progress text, e.g. `SDDC Manager`. */
  describeTarget?(target: SyncTargetStatus): string;
  size?: 'small' | 'medium';
}

function progressText(
  targets: SyncTargetStatus[] | undefined,
  describe: (target: SyncTargetStatus) => string,
): string {
  const active = (targets ?? []).filter(
    t => t.progress || t.status === 'running',
  );
  if (active.length === 0) return 'Waiting for the sync to start…';
  return active
    .map(t =>
      t.progress
        ? `${describe(t)}: ${describeSyncProgress(t.progress)}`
        : `Syncing ${describe(t)}…`,
    )
    .join(' · ');
}

/**
 * "Sync now": triggers a sync, shows progress while polling, and reports how it ended.
 * Render it only for users allowed to trigger syncs.
 */
export function SyncNowButton(props: SyncNowButtonProps) {
  const {
    describeTarget = t => t.targetId,
    size = 'small',
    ...options
  } = props;
  const { start, syncing, targets, error, timedOut } = useSyncRun(options);
  // The result belongs to a run started here, not to the targets read on mount.
  const [started, setStarted] = useState(false);
  const failed = !syncing
    ? (targets ?? []).filter(t => t.status === 'failed')
    : [];
  const finished =
    !syncing && !timedOut && error === undefined && targets
      ? targets.filter(t => t.status === 'succeeded')
      : [];

  return (
    <Box>
      <Button
        aria-label="Sync now"
        variant="outlined"
        color="primary"
        size={size}
        startIcon={<SyncIcon />}
        disabled={syncing}
        onClick={() => {
          setStarted(true);
          return start();
        }}
      >
        Sync now
      </Button>
      {syncing && (
        <Box marginTop={1} role="status" aria-live="polite">
          <LinearProgress />
          <Typography variant="caption">
            {progressText(targets, describeTarget)}
          </Typography>
        </Box>
      )}
      {error !== undefined && (
        <Box marginTop={1}>
          <Alert severity="error">
            Could not start the sync: {describeError(error)}
          </Alert>
        </Box>
      )}
      {timedOut && (
        <Box marginTop={1}>
          <Alert severity="info">
            The sync is still running in the background; check back later.
          </Alert>
        </Box>
      )}
      {finished.length > 0 && started && (
        <Box marginTop={1} role="status">
          <Alert severity={failed.length > 0 ? 'info' : 'success'}>
            Sync finished:{' '}
            {finished
              .map(
                t =>
                  `${describeTarget(t)}: ${
                    describeSyncResult(t.lastCounts) ?? 'done'
                  }`,
              )
              .join(' · ')}
          </Alert>
        </Box>
      )}
      {failed.length > 0 && !timedOut && error === undefined && (
        <Box marginTop={1}>
          <Alert severity="warning">
            Sync finished with errors in {failed.map(describeTarget).join(', ')}
            .
          </Alert>
        </Box>
      )}
    </Box>
  );
}

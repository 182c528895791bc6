import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  FINISHED_CREDENTIAL_TASK_STATUSES,
  vcfCredentialRotatePermission,
  type CredentialSummary,
  type CredentialTask,
  type CredentialTaskStatus,
} from '@vcf-backstage/plugin-vcf-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { vcfApiRef } from '../../api';
import { useRotatableCredentials } from '../../hooks/useRotatableCredentials';
import { describeError } from '../../util/errors';
import { formatDateTime } from '../../util/format';

const NO_ROWS: CredentialSummary[] = [];

/** How often the panel refreshes while a task runs. */
const POLL_MS = 3000;

const OPERATION_TITLES: Record<CredentialTask['operation'], string> = {
  rotate: 'Rotate',
  update: 'Update',
  remediate: 'Remediate',
  'auto-rotate-policy': 'Auto-rotate policy',
  'expiry-check': 'Expiry check',
};

const STATUS_COLORS: Partial<
  Record<CredentialTaskStatus, 'primary' | 'secondary'>
> = {
  FAILED: 'secondary',
  INCONSISTENT: 'secondary',
  SUCCESSFUL: 'primary',
};

function isRunning(task: CredentialTask) {
  return !FINISHED_CREDENTIAL_TASK_STATUSES.includes(task.status);
}

function TaskRow(props: { task: CredentialTask; onChanged(): void }) {
  const { task, onChanged } = props;
  const api = useApi(vcfApiRef);
  const { allowed } = usePermission({
    permission: vcfCredentialRotatePermission,
    resourceRef: task.items[0]?.credentialId,
  });
  const [error, setError] = useState<unknown>();
  const done = task.items.filter(
    i => !['PENDING', 'IN_PROGRESS'].includes(i.status),
  ).length;
  const act = (action: (taskId: string) => Promise<unknown>) => async () => {
    setError(undefined);
    try {
      await action(task.id);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Box
      py={1}
      borderBottom={1}
      borderColor="divider"
      data-testid={`vcf-credential-task-${task.id}`}
    >
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="subtitle2">
          {OPERATION_TITLES[task.operation]}
        </Typography>
        <Chip
          size="small"
          label={task.status.toLowerCase().replace(/_/g, ' ')}
          color={STATUS_COLORS[task.status] ?? 'default'}
        />
        <Typography variant="caption" color="textSecondary">
          {task.items.length === 1
            ? `${task.items[0].username}@${task.items[0].resourceName}`
            : `${done} of ${task.items.length} credentials done`}{' '}
          · {task.requestedBy} · {formatDateTime(task.createdAt)}
        </Typography>
        {allowed &&
          task.status === 'FAILED' &&
          task.operation !== 'expiry-check' && (
            <>
              <Button
                size="small"
                onClick={act(id => api.retryCredentialTask(id))}
              >
                Retry
              </Button>
              <Button
                size="small"
                onClick={act(id => api.cancelCredentialTask(id))}
              >
                Cancel
              </Button>
            </>
          )}
      </Box>
      {isRunning(task) && (
        <LinearProgress
          variant="determinate"
          value={task.items.length ? (done / task.items.length) * 100 : 0}
        />
      )}
      {task.errors.length > 0 && (
        <Alert severity="error">
          <AlertTitle>
            {task.status === 'INCONSISTENT'
              ? 'SDDC Manager left the credentials inconsistent'
              : 'SDDC Manager refused the change'}
          </AlertTitle>
          {task.errors.map(message => (
            <div key={message}>SDDC Manager: {message}</div>
          ))}
        </Alert>
      )}
      {error !== undefined && (
        <Alert severity="error">{describeError(error)}</Alert>
      )}
    </Box>
  );
}

/** Props of {@link CredentialTasksPanel}. */
export interface CredentialTasksPanelProps {
  environmentId: string;
}

/**
 * The credential tasks of an environment (rotations, updates, remediations, policy changes, expiry checks), newest
 * first, refreshed every few seconds while one runs, with SDDC Manager's error text for failed ones and retry/cancel.
 */
export function CredentialTasksPanel(props: CredentialTasksPanelProps) {
  const { environmentId } = props;
  const api = useApi(vcfApiRef);
  const tasks = useAsyncRetry(
    () => api.listCredentialTasks(environmentId, { limit: 20 }),
    [api, environmentId],
  );
  const { retry } = tasks;
  const running = tasks.value?.items.some(isRunning) ?? false;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(retry, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, retry, tasks.value]);
  // The expiry check needs vcf.credential.rotate: offered when the user may rotate SDDC Manager credentials here.
  const sample = useAsync(
    () =>
      api.listCredentials(environmentId, { source: 'sddc-manager', limit: 25 }),
    [api, environmentId],
  );
  const mayCheck =
    useRotatableCredentials(sample.value?.items ?? NO_ROWS).size > 0;
  const [checkError, setCheckError] = useState<unknown>();
  const checkExpiry = async () => {
    setCheckError(undefined);
    try {
      await api.checkCredentialExpiry(environmentId);
      retry();
    } catch (e) {
      setCheckError(e);
    }
  };

  return (
    <InfoCard
      title="Credential tasks"
      subheader="Password operations SDDC Manager runs for this environment"
      action={
        mayCheck ? (
          <Button size="small" onClick={checkExpiry}>
            Check expiry now
          </Button>
        ) : undefined
      }
    >
      {checkError !== undefined && (
        <Alert severity="error">{describeError(checkError)}</Alert>
      )}
      {tasks.loading && !tasks.value && <Progress />}
      {tasks.error && <ResponseErrorPanel error={tasks.error} />}
      {tasks.value?.items.length === 0 && (
        <Typography color="textSecondary">
          No rotations, updates or expiry checks yet.
        </Typography>
      )}
      {tasks.value?.items.map(task => (
        <TaskRow key={task.id} task={task} onChanged={retry} />
      ))}
    </InfoCard>
  );
}

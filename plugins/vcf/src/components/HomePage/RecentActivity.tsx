import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { useVcfPaths } from '../../hooks/useVcfPaths';
import { describeError } from '../../util/errors';
import { formatRelativeTime } from '../../util/format';

const LIMIT = 10;

function ActivityList(props: {
  title: string;
  /** Memoized: a new function reloads the list. */
  load(): Promise<Array<{ id: string; primary: string; secondary: string }>>;
}) {
  const paths = useVcfPaths();
  const { value, loading, error } = useAsync(props.load, [props.load]);
  return (
    <InfoCard
      title={props.title}
      deepLink={{
        link: paths.inventory('events'),
        title: 'All tasks and events',
      }}
    >
      {loading && <Progress />}
      {error && <Alert severity="error">{describeError(error)}</Alert>}
      {value?.length === 0 && (
        <Typography color="textSecondary">Nothing recorded yet.</Typography>
      )}
      {value && value.length > 0 && (
        <List dense aria-label={props.title}>
          {value.map(item => (
            <ListItem key={item.id} disableGutters>
              <ListItemText primary={item.primary} secondary={item.secondary} />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

/** The latest vCenter tasks. */
export function RecentTasks() {
  const api = useApi(vcfApiRef);
  const load = useCallback(async () => {
    const { items } = await api.listInventory('tasks', {
      limit: LIMIT,
      orderBy: 'startedAt',
      order: 'desc',
    });
    return items.map(task => ({
      id: task.id,
      primary: `${task.name}${task.entityName ? ` on ${task.entityName}` : ''}`,
      secondary: [
        task.state,
        task.user,
        formatRelativeTime(task.startedAt ?? task.queuedAt),
        task.error,
      ]
        .filter(Boolean)
        .join(' · '),
    }));
  }, [api]);
  return <ActivityList title="Recent tasks" load={load} />;
}

/** The latest vCenter events. */
export function RecentEvents() {
  const api = useApi(vcfApiRef);
  const load = useCallback(async () => {
    const { items } = await api.listInventory('events', {
      limit: LIMIT,
      orderBy: 'createdAt',
      order: 'desc',
    });
    return items.map(event => ({
      id: event.id,
      primary: event.message ?? event.name,
      secondary: [
        event.user,
        event.vcenterId,
        formatRelativeTime(event.createdAt),
      ]
        .filter(Boolean)
        .join(' · '),
    }));
  }, [api]);
  return <ActivityList title="Recent events" load={load} />;
}

import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { TopItem } from '@vcf-backstage/plugin-vcf-common';
import useAsync from 'react-use/esm/useAsync';
import { type TopItemsQuery, vcfApiRef } from '../../api';
import { describeError } from '../../util/errors';
import { formatMegabytes } from '../../util/format';
import { UsageBar } from '../UsageBar';

const LISTS: Array<{
  title: string;
  type: TopItemsQuery['type'];
  metric: TopItemsQuery['metric'];
}> = [
  { title: 'Top VMs by CPU', type: 'vm', metric: 'cpu' },
  { title: 'Top VMs by memory', type: 'vm', metric: 'memory' },
  { title: 'Top hosts by CPU', type: 'host', metric: 'cpu' },
  { title: 'Top hosts by memory', type: 'host', metric: 'memory' },
];

function formatValue(item: TopItem): string {
  switch (item.unit) {
    case 'MB':
      return formatMegabytes(item.value);
    case 'MHz':
      return item.value >= 1000
        ? `${(item.value / 1000).toFixed(1)} GHz`
        : `${item.value} MHz`;
    default:
      return `${Math.round(item.value)}%`;
  }
}

/**
 * Utilisation of an item against its own capacity, so the bar colours follow the absolute thresholds
 * of {@link UsageBar} (the busiest item is not red just for being first). Undefined when the capacity
 * is unknown.
 */
export function utilisationPercent(item: TopItem): number | undefined {
  if (item.unit === '%') {
    return item.value;
  }
  return item.capacity ? (item.value / item.capacity) * 100 : undefined;
}

function TopList(props: { title: string; query: TopItemsQuery }) {
  const api = useApi(vcfApiRef);
  const { type, metric, environmentId, limit } = props.query;
  const { value, loading, error } = useAsync(
    () => api.getTopItems({ type, metric, environmentId, limit }),
    [api, type, metric, environmentId, limit],
  );

  return (
    <InfoCard title={props.title}>
      {loading && <Progress />}
      {error && <Alert severity="error">{describeError(error)}</Alert>}
      {value && value.length === 0 && (
        <Typography>
          No usage figures yet: they arrive with the next inventory sync.
        </Typography>
      )}
      {value && value.length > 0 && (
        <List dense aria-label={props.title}>
          {value.map((item, index) => (
            <ListItem key={item.id} disableGutters>
              <ListItemText
                primary={`${index + 1}. ${item.name} — ${formatValue(item)}`}
                secondary={
                  utilisationPercent(item) === undefined ? (
                    `${item.vcenterId} · capacity unknown`
                  ) : (
                    <UsageBar
                      percent={utilisationPercent(item)}
                      caption={item.vcenterId}
                    />
                  )
                }
                secondaryTypographyProps={{ component: 'div' }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

/** Top 10 VMs and hosts by CPU and by memory. */
export function TopView(props: { environmentId?: string; limit?: number }) {
  const { environmentId, limit = 10 } = props;
  return (
    <Grid container spacing={3}>
      {LISTS.map(list => (
        <Grid item xs={12} md={6} key={list.title}>
          <TopList
            title={list.title}
            query={{
              type: list.type,
              metric: list.metric,
              environmentId,
              limit,
            }}
          />
        </Grid>
      ))}
    </Grid>
  );
}

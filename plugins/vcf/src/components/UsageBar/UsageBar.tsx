import { LinearGauge } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { formatPercent } from '../../util/format';

/** How full something is: ok below 75 %, warning below 90 %, error from 90 %. */
export type UsageLevel = 'ok' | 'warning' | 'error';

/** The {@link UsageLevel} of a percentage. */
export function usageLevel(percent: number): UsageLevel {
  if (percent >= 90) {
    return 'error';
  }
  return percent >= 75 ? 'warning' : 'ok';
}

/**
 * A utilisation bar (green below 75 %, amber below 90 %, red above) with its percentage
 * and an optional caption such as "3.2 TB of 10 TB".
 */
export function UsageBar(props: {
  percent: number | undefined;
  caption?: string;
  label?: string;
}) {
  const { percent, caption, label } = props;
  const theme = useTheme();
  if (percent === undefined || percent === null || Number.isNaN(percent)) {
    return <Typography variant="body2">–</Typography>;
  }
  const level = usageLevel(percent);
  const color = theme.palette.status[level];
  return (
    <Box
      minWidth={120}
      data-usage-level={level}
      aria-label={label ? `${label}: ${formatPercent(percent)}` : undefined}
    >
      <LinearGauge value={percent / 100} getColor={() => color} />
      <Typography variant="caption" color="textSecondary">
        {formatPercent(percent)}
        {caption ? ` · ${caption}` : ''}
      </Typography>
    </Box>
  );
}

import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { AlarmRow } from '@vcf-backstage/plugin-vcf-common';

const useStyles = makeStyles(theme => ({
  red: { backgroundColor: theme.palette.status.error, color: '#fff' },
  yellow: {
    backgroundColor: theme.palette.status.warning,
    color: theme.palette.getContrastText(theme.palette.status.warning),
  },
  green: { backgroundColor: theme.palette.status.ok, color: '#fff' },
  gray: {},
}));

const SEVERITY_LABELS: Record<AlarmRow['severity'], string> = {
  red: 'critical',
  yellow: 'warning',
  green: 'ok',
  gray: 'unknown',
};

/** A vSphere alarm severity (red, yellow, …) as a coloured chip. */
export function AlarmSeverityChip(props: { severity: AlarmRow['severity'] }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      className={classes[props.severity]}
      label={SEVERITY_LABELS[props.severity] ?? props.severity}
    />
  );
}

const POWER_LABELS: Record<string, string> = {
  poweredOn: 'on',
  poweredOff: 'off',
  suspended: 'suspended',
};

/** A VM power state as a chip. */
export function PowerStateChip(props: { state: string }) {
  const on = props.state === 'poweredOn';
  return (
    <Chip
      size="small"
      variant={on ? 'default' : 'outlined'}
      color={on ? 'primary' : 'default'}
      label={POWER_LABELS[props.state] ?? props.state}
    />
  );
}

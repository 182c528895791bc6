import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { InventorySummary } from '@vcf-backstage/plugin-vcf-common';
import { useVcfPaths } from '../../hooks/useVcfPaths';
import { AlarmSeverityChip } from '../InventoryTable';

const SEVERITIES = ['red', 'yellow'] as const;

/** Triggered alarms by severity, each count linking to the filtered alarm list. */
export function AlarmSummary(props: {
  alarmsBySeverity: InventorySummary['alarmsBySeverity'];
}) {
  const paths = useVcfPaths();
  return (
    <InfoCard title="Alarms by severity">
      <Box display="flex" gridGap={32}>
        {SEVERITIES.map(severity => (
          <Box key={severity} textAlign="center">
            <Typography variant="h4" component="p">
              {props.alarmsBySeverity[severity] ?? 0}
            </Typography>
            <Link
              to={`${paths.inventory('alarms')}?severity=${severity}`}
              aria-label={`${
                severity === 'red' ? 'Critical' : 'Warning'
              } alarms`}
            >
              <AlarmSeverityChip severity={severity} />
            </Link>
          </Box>
        ))}
      </Box>
    </InfoCard>
  );
}

import { InfoCard } from '@backstage/core-components';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { InventorySummary } from '@vcf-backstage/plugin-vcf-common';
import { useOptionalVcfPaths } from '../../hooks/useVcfPaths';
import { formatRelativeTime } from '../../util/format';
import { VcenterStatus } from './VcenterStatus';

/** Each vCenter's state and last sync, with its last error when it failed. */
export function VcenterStatusPanel(props: {
  vcenters: InventorySummary['vcenters'];
}) {
  const paths = useOptionalVcfPaths();
  return (
    <InfoCard
      title="vCenters"
      deepLink={
        paths ? { link: paths.vcenters, title: 'Manage vCenters' } : undefined
      }
    >
      {props.vcenters.length === 0 ? (
        <Typography>
          No vCenter is configured. Add one under <code>vcf.vcenters</code> in
          app-config.yaml or on the vCenters page, or let an environment
          discover its vCenters.
        </Typography>
      ) : (
        <List dense aria-label="vCenter status">
          {props.vcenters.map(vc => (
            <ListItem key={vc.id} disableGutters>
              <ListItemText
                primary={
                  <>
                    {vc.title || vc.id} — <VcenterStatus vcenter={vc} />
                  </>
                }
                secondary={
                  vc.sync.status === 'failed' && vc.sync.lastError
                    ? `${
                        vc.sync.lastError
                      } (last good sync ${formatRelativeTime(
                        vc.sync.lastSucceededAt,
                      )})`
                    : `last sync ${formatRelativeTime(vc.sync.lastFinishedAt)}`
                }
                secondaryTypographyProps={{
                  color:
                    vc.sync.status === 'failed' ? 'error' : 'textSecondary',
                }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

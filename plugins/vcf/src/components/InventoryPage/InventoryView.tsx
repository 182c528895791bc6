import Grid from '@material-ui/core/Grid';
import type { InventoryViewId } from '../../hooks/useVcfPaths';
import { InventoryTable } from '../InventoryTable';
import { StorageView } from '../StorageView';
import { TopView } from '../TopView';

/** Props of {@link InventoryView}. */
export interface InventoryViewProps {
  view: InventoryViewId;
  environmentId?: string;
  /** e.g. `{ severity: 'red' }` for alarms linked from the home page. */
  initialFilterValues?: Record<string, string>;
}

/** One inventory view: a table, or the storage, tasks-and-events and top views. */
export function InventoryView(props: InventoryViewProps) {
  const { view, environmentId, initialFilterValues } = props;
  switch (view) {
    case 'storage':
      return <StorageView environmentId={environmentId} />;
    case 'top':
      return <TopView environmentId={environmentId} />;
    case 'events':
      return (
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InventoryTable kind="tasks" environmentId={environmentId} />
          </Grid>
          <Grid item xs={12}>
            <InventoryTable kind="events" environmentId={environmentId} />
          </Grid>
        </Grid>
      );
    default:
      return (
        <InventoryTable
          key={view}
          kind={view}
          environmentId={environmentId}
          initialFilterValues={initialFilterValues}
        />
      );
  }
}

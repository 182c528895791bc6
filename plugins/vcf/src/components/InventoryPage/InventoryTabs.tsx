import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Link as RouterLink } from 'react-router-dom';
import type { InventoryViewId } from '../../hooks/useVcfPaths';
import { INVENTORY_VIEWS } from './views';

/**
 * Tabs over the inventory views: links when `hrefFor` is given (the VCF page), or plain
 * tabs calling `onSelect` (the entity tab, which has no routes of its own).
 */
export function InventoryTabs(props: {
  selected: InventoryViewId;
  hrefFor?(view: InventoryViewId): string;
  onSelect?(view: InventoryViewId): void;
}) {
  const { selected, hrefFor, onSelect } = props;
  return (
    <Box marginBottom={2}>
      <Tabs
        value={selected}
        onChange={(_event, value: InventoryViewId) => onSelect?.(value)}
        variant="scrollable"
        scrollButtons="auto"
        indicatorColor="primary"
        aria-label="Inventory views"
      >
        {INVENTORY_VIEWS.map(view =>
          hrefFor ? (
            <Tab
              key={view.id}
              value={view.id}
              label={view.title}
              component={RouterLink}
              to={hrefFor(view.id)}
            />
          ) : (
            <Tab key={view.id} value={view.id} label={view.title} />
          ),
        )}
      </Tabs>
    </Box>
  );
}

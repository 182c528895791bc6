import Checkbox from '@material-ui/core/Checkbox';
import IconButton from '@material-ui/core/IconButton';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Tooltip from '@material-ui/core/Tooltip';
import ViewColumnIcon from '@material-ui/icons/ViewColumn';
import { useState } from 'react';

/** One entry of the {@link ColumnChooser}. */
export interface ChoosableColumn {
  id: string;
  title: string;
  shown: boolean;
}

/** A "Columns" menu with a checkbox per column the user may show or hide. */
export function ColumnChooser(props: {
  columns: ChoosableColumn[];
  onToggle(id: string): void;
}) {
  const { columns, onToggle } = props;
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  if (columns.length === 0) return null;
  return (
    <>
      <Tooltip title="Choose columns">
        <IconButton
          size="small"
          aria-label="Columns"
          aria-haspopup="true"
          onClick={event => setAnchor(event.currentTarget)}
        >
          <ViewColumnIcon />
        </IconButton>
      </Tooltip>
      <Menu
        anchorEl={anchor}
        open={anchor !== null}
        onClose={() => setAnchor(null)}
        keepMounted={false}
      >
        {columns.map(column => (
          <MenuItem
            key={column.id}
            role="menuitemcheckbox"
            aria-checked={column.shown}
            onClick={() => onToggle(column.id)}
            dense
          >
            <ListItemIcon>
              <Checkbox
                edge="start"
                size="small"
                checked={column.shown}
                tabIndex={-1}
                disableRipple
                inputProps={{ 'aria-hidden': true }}
              />
            </ListItemIcon>
            <ListItemText primary={column.title} />
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}

import {
  ResponseErrorPanel,
  Table,
  type TableColumn,
  type TableProps,
} from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import InputAdornment from '@material-ui/core/InputAdornment';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { type Theme, makeStyles, useTheme } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import type { ListQuery, Page } from '@vcf-backstage/plugin-vcf-common';
import {
  type CSSProperties,
  type ReactNode,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import useUpdateEffect from 'react-use/esm/useUpdateEffect';
import type { VcfDownload, VcfExportFormat } from '../../api';
import { useElementId } from '../../hooks/useElementId';
import { ExportButtons } from '../ExportButtons';
import { ColumnChooser } from './ColumnChooser';
import { useColumnChoice } from './useColumnChoice';
import { useTableUrlState } from './useTableUrlState';

/** A column of a {@link RemoteTable}. */
export type RemoteTableColumn<TRow extends object> = TableColumn<TRow> & {
  /**
   * Offer the column in the column chooser: `'shown'` starts visible, `'hidden'` starts hidden.
   * Without it the column is always shown.
   */
  choice?: 'shown' | 'hidden';
  /** Keep the column at the right edge, in view, when the table is wider than its card (row actions). */
  sticky?: boolean;
};

/** A select above a {@link RemoteTable} whose value is sent as query parameter `name`. */
export interface RemoteTableFilter {
  /** Query parameter name, e.g. `resourceType`. */
  name: string;
  /** Accessible label, e.g. `Resource type`. */
  label: string;
  /** The choices of a select; without them the filter is a text field matched exactly. */
  options?: Array<string | { value: string; label: string }>;
  /** Placeholder of a text filter, e.g. `user:default/alice`. */
  placeholder?: string;
}

/** Props of {@link RemoteTable}. */
export interface RemoteTableProps<
  TRow extends object,
  TQuery extends ListQuery = ListQuery,
> {
  title?: ReactNode;
  /** Columns; a column's `field` is sent as `orderBy` when the user sorts by it. */
  columns: RemoteTableColumn<TRow>[];
  /**
   * Loads one page. Paging, sorting, search (`q`) and the filter values are in the query.
   * Memoize it: a new function reloads the table from the first page.
   */
  fetchPage(query: TQuery): Promise<Page<TRow>>;
  filters?: RemoteTableFilter[];
  initialFilterValues?: Record<string, string>;
  /** Show the search field (default true); turn off for lists the backend cannot search. */
  searchable?: boolean;
  /** Offer CSV/Excel export of everything that matches the current search and filters. */
  exportData?(format: VcfExportFormat, query: TQuery): Promise<VcfDownload>;
  /** Says what an export contains, shown under the toolbar. */
  exportHint?: string;
  pageSize?: number;
  /** Shown in the table body when nothing matches. */
  emptyMessage?: ReactNode;
  detailPanel?: TableProps<TRow>['detailPanel'];
  /** Extra controls at the end of the toolbar. */
  toolbarActions?: ReactNode;
  /**
   * Search, filters, sort and page live in the URL query so that Back restores the table. Set a key
   * when a page shows several tables (parameters become `key.q`, `key.page`, …); `false` keeps
   * them in memory only. Default: unprefixed parameters.
   */
  urlStateKey?: string | false;
  /** Remembers the user's column choice under this key (storage API); without it, for the visit only. */
  columnPreferenceKey?: string;
  /**
   * Row checkboxes: only rows that `isSelectable` accepts can be ticked; `onChange` gets the ticked rows of the
   * page shown. Leave out for a table without selection.
   */
  selection?: {
    isSelectable(row: TRow): boolean;
    onChange(rows: TRow[]): void;
  };
}

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(2, 2, 1),
  },
  title: {
    flexGrow: 1,
    minWidth: 160,
  },
  filter: {
    minWidth: 150,
  },
}));

function stickyStyle(theme: Theme): CSSProperties {
  return {
    position: 'sticky',
    right: 0,
    zIndex: 1,
    background: theme.palette.background.paper,
    boxShadow: `inset 1px 0 0 ${theme.palette.divider}`,
  };
}

// The table sits in our Paper, below our toolbar, instead of in its own.
const PlainContainer = (props: {
  children?: ReactNode;
  style?: CSSProperties;
}) => <div style={props.style}>{props.children}</div>;

const SEARCH_DEBOUNCE_MS = 300;

function optionValue(
  option: NonNullable<RemoteTableFilter['options']>[number],
) {
  return typeof option === 'string' ? { value: option, label: option } : option;
}

function definedValues(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

/** A free-text filter, applied once the user stops typing. */
function TextFilter(props: {
  id: string;
  filter: RemoteTableFilter;
  value: string;
  onChange(value: string): void;
}) {
  const { id, filter, value, onChange } = props;
  const [text, setText] = useState(value);
  useDebounce(
    () => {
      if (text.trim() !== value) onChange(text.trim());
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );
  return (
    <TextField
      id={id}
      label={filter.label}
      placeholder={filter.placeholder}
      size="small"
      variant="outlined"
      value={text}
      onChange={event => setText(event.target.value)}
      InputLabelProps={{ shrink: true }}
    />
  );
}

/** URL parameters the table itself owns; never passed on as filter values. */
const TABLE_PARAMETERS = new Set(['q', 'orderBy', 'order', 'page']);

function columnId<TRow extends object>(column: RemoteTableColumn<TRow>) {
  return String(column.field ?? column.title);
}

/**
 * A core-components Table over a paged list endpoint: server-side paging and sorting, a
 * "Search" field sent as `q`, filter selects, CSV/Excel export of the current selection, a column
 * chooser and sticky row actions. Search, filters, sort and page are kept in the URL.
 * Shared by the credential list and every inventory list.
 */
export function RemoteTable<
  TRow extends object,
  TQuery extends ListQuery = ListQuery,
>(props: RemoteTableProps<TRow, TQuery>) {
  const {
    title,
    columns,
    fetchPage,
    filters = [],
    initialFilterValues = {},
    searchable = true,
    exportData,
    exportHint,
    pageSize = 25,
    emptyMessage,
    detailPanel,
    toolbarActions,
    urlStateKey = '',
    columnPreferenceKey,
    selection,
  } = props;
  const classes = useStyles();
  const theme = useTheme();
  const sticky = useMemo(() => stickyStyle(theme), [theme]);
  const id = useElementId('vcf-table');
  const url = useTableUrlState(
    urlStateKey || '',
    filters.map(filter => filter.name),
    urlStateKey !== false,
  );
  // material-table's instance; onQueryChange reloads with the given query changes.
  const tableRef = useRef<{ onQueryChange(query: { page: number }): void }>();
  const [searchText, setSearchText] = useState(url.initial.q);
  const [q, setQ] = useState(url.initial.q);
  const [filterValues, setFilterValues] = useState<Record<string, string>>(
    () => ({
      ...Object.fromEntries(
        Object.entries(initialFilterValues).filter(
          ([name]) => !TABLE_PARAMETERS.has(name),
        ),
      ),
      ...url.initial.filters,
    }),
  );
  const [error, setError] = useState<Error>();

  useDebounce(() => setQ(searchText.trim()), SEARCH_DEBOUNCE_MS, [searchText]);

  const choosable = columns.filter(column => column.choice);
  const choice = useColumnChoice(
    columnPreferenceKey,
    choosable.filter(c => c.choice === 'shown').map(c => columnId(c)),
  );
  const { initial, write: writeUrl } = url;
  const tableColumns = useMemo(
    () =>
      columns.map(({ choice: offered, sticky: pinned, ...column }) => ({
        ...column,
        hidden: offered ? !choice.shown.includes(columnId(column)) : false,
        // The sort from the URL: material-table shows it and sends it with the first query.
        defaultSort:
          initial.orderBy && column.field === initial.orderBy
            ? initial.order ?? 'asc'
            : column.defaultSort,
        ...(pinned && {
          cellStyle: { ...(column.cellStyle as CSSProperties), ...sticky },
          headerStyle: { ...column.headerStyle, ...sticky },
        }),
      })),
    [columns, choice.shown, initial, sticky],
  );

  // material-table calls `data` itself (on paging and sorting) and keeps that function, so
  // it reads the search and filters through a ref rather than a closure.
  const inputs = useRef({ q, filterValues });
  inputs.current = { q, filterValues };
  const lastQuery = useRef<TQuery>();
  // The page from the URL, for the first load only. material-table's `initialPage` option is for
  // local data: with remote data it still queries page 0 and then slices the loaded page as if it
  // held every row (page 2 of a single page is empty), so the table asks for the page itself.
  const restorePage = useRef<number | undefined>(initial.page || undefined);
  // The page shown and the cursors its list gave (lists with cursor paging): the page after or before it is
  // then asked for by cursor, which the backend reads as an index range instead of walking `offset` rows.
  const shown = useRef<{
    query: string;
    page: number;
    nextCursor?: string;
    prevCursor?: string;
  }>();

  const data = useCallback(
    async (query: {
      page: number;
      pageSize: number;
      orderBy?: { field?: unknown };
      orderDirection?: 'asc' | 'desc' | '';
    }) => {
      const field = query.orderBy?.field;
      const pageIndex = restorePage.current ?? query.page;
      restorePage.current = undefined;
      const listQuery = {
        offset: pageIndex * query.pageSize,
        limit: query.pageSize,
        orderBy: field ? String(field) : undefined,
        order: field && query.orderDirection ? query.orderDirection : undefined,
        q: inputs.current.q || undefined,
        ...definedValues(inputs.current.filterValues),
      } as TQuery;
      lastQuery.current = listQuery;
      writeUrl({
        page: pageIndex,
        orderBy: listQuery.orderBy,
        order: listQuery.order,
      });
      const sameList = JSON.stringify({ ...listQuery, offset: undefined });
      const from =
        shown.current?.query === sameList ? shown.current : undefined;
      const cursor =
        (from?.page === pageIndex - 1 && from.nextCursor) ||
        (from?.page === pageIndex + 1 && from.prevCursor) ||
        undefined;
      shown.current = undefined;
      try {
        const page = await fetchPage(
          cursor ? ({ ...listQuery, cursor } as TQuery) : listQuery,
        );
        shown.current = {
          query: sameList,
          page: pageIndex,
          nextCursor: page.nextCursor,
          prevCursor: page.prevCursor,
        };
        setError(undefined);
        return {
          data: page.items,
          // material-table shows this page (and moves to the last one if it is past the end).
          page: pageIndex,
          totalCount: page.totalCount,
        };
      } catch (e) {
        setError(e as Error);
        return { data: [], page: 0, totalCount: 0 };
      }
    },
    [fetchPage, writeUrl],
  );

  // New search, filters or loader: back to the first page.
  useUpdateEffect(() => {
    writeUrl({ q, filters: filterValues });
    restorePage.current = undefined;
    tableRef.current?.onQueryChange({ page: 0 });
  }, [q, filterValues, fetchPage]);

  const onExport = exportData
    ? (format: VcfExportFormat) =>
        exportData(
          format,
          lastQuery.current ??
            ({ q: q || undefined, ...definedValues(filterValues) } as TQuery),
        )
    : undefined;

  return (
    <Paper>
      <Box className={classes.toolbar}>
        <Typography variant="h6" component="h2" className={classes.title}>
          {title}
        </Typography>
        {searchable && (
          <TextField
            id={`${id}-search`}
            label="Search"
            size="small"
            variant="outlined"
            value={searchText}
            onChange={event => setSearchText(event.target.value)}
            InputProps={{
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            }}
          />
        )}
        {filters.map(filter => {
          const setValue = (value: string) =>
            setFilterValues(current => ({ ...current, [filter.name]: value }));
          if (!filter.options) {
            return (
              <TextFilter
                key={filter.name}
                id={`${id}-${filter.name}`}
                filter={filter}
                value={filterValues[filter.name] ?? ''}
                onChange={setValue}
              />
            );
          }
          return (
            <TextField
              key={filter.name}
              id={`${id}-${filter.name}`}
              select
              label={filter.label}
              size="small"
              variant="outlined"
              className={classes.filter}
              value={filterValues[filter.name] ?? ''}
              onChange={event => setValue(event.target.value)}
              SelectProps={{ native: true }}
              InputLabelProps={{ shrink: true }}
            >
              <option value="">All</option>
              {filter.options.map(optionValue).map(option => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </TextField>
          );
        })}
        {onExport && <ExportButtons onExport={onExport} />}
        {toolbarActions}
        <ColumnChooser
          columns={choosable.map(column => ({
            id: columnId(column),
            title: String(column.title),
            shown: choice.shown.includes(columnId(column)),
          }))}
          onToggle={choice.toggle}
        />
      </Box>
      {onExport && exportHint && (
        <Box paddingX={2} paddingBottom={1}>
          <Typography variant="caption" color="textSecondary">
            {exportHint}
          </Typography>
        </Box>
      )}
      {error && (
        <Box paddingX={2} paddingBottom={1}>
          <ResponseErrorPanel error={error} />
        </Box>
      )}
      <Table<TRow>
        tableRef={tableRef}
        columns={tableColumns}
        data={data}
        detailPanel={detailPanel}
        components={{ Container: PlainContainer }}
        onSelectionChange={
          selection
            ? rows => selection.onChange(rows.filter(selection.isSelectable))
            : undefined
        }
        options={{
          selection: !!selection,
          selectionProps: selection
            ? (row: TRow) => ({
                disabled: !selection.isSelectable(row),
                inputProps: { 'aria-label': 'Select row' },
              })
            : undefined,
          toolbar: false,
          search: false,
          paging: true,
          pageSize,
          pageSizeOptions: [10, 25, 50, 100],
          emptyRowsWhenPaging: false,
          padding: 'dense',
          debounceInterval: 0,
        }}
        localization={{
          body: {
            emptyDataSourceMessage: error
              ? 'The list could not be loaded; see the error above.'
              : emptyMessage ?? 'Nothing matches the search and filters.',
          },
        }}
      />
    </Paper>
  );
}

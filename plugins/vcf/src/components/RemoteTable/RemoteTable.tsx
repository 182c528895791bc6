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
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import type { ListQuery, Page } from '@vcf-backstage/plugin-vcf-common';
import {
  type CSSProperties,
  type ReactNode,
  useCallback,
  useRef,
  useState,
} from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import useUpdateEffect from 'react-use/esm/useUpdateEffect';
import type { VcfDownload, VcfExportFormat } from '../../api';
import { useElementId } from '../../hooks/useElementId';
import { ExportButtons } from '../ExportButtons';

/** A select above a {@link RemoteTable} whose value is sent as query parameter `name`. */
export interface RemoteTableFilter {
  /** Query parameter name, e.g. `resourceType`. */
  name: string;
  /** Accessible label, e.g. `Resource type`. */
  label: string;
  options: Array<string | { value: string; label: string }>;
}

/** Props of {@link RemoteTable}. */
export interface RemoteTableProps<
  TRow extends object,
  TQuery extends ListQuery = ListQuery,
> {
  title?: ReactNode;
  /** Columns; a column's `field` is sent as `orderBy` when the user sorts by it. */
  columns: TableColumn<TRow>[];
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

// The table sits in our Paper, below our toolbar, instead of in its own.
const PlainContainer = (props: {
  children?: ReactNode;
  style?: CSSProperties;
}) => <div style={props.style}>{props.children}</div>;

const SEARCH_DEBOUNCE_MS = 300;

function optionValue(option: RemoteTableFilter['options'][number]) {
  return typeof option === 'string' ? { value: option, label: option } : option;
}

function definedValues(values: Record<string, string>) {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ''));
}

/**
 * A core-components Table over a paged list endpoint: server-side paging and sorting, a
 * "Search" field sent as `q`, filter selects, and CSV/Excel export of the current selection.
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
  } = props;
  const classes = useStyles();
  const id = useElementId('vcf-table');
  // material-table's instance; onQueryChange reloads with the given query changes.
  const tableRef = useRef<{ onQueryChange(query: { page: number }): void }>();
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const [filterValues, setFilterValues] =
    useState<Record<string, string>>(initialFilterValues);
  const [error, setError] = useState<Error>();

  useDebounce(() => setQ(searchText.trim()), SEARCH_DEBOUNCE_MS, [searchText]);

  // material-table calls `data` itself (on paging and sorting) and keeps that function, so
  // it reads the search and filters through a ref rather than a closure.
  const inputs = useRef({ q, filterValues });
  inputs.current = { q, filterValues };
  const lastQuery = useRef<TQuery>();

  const data = useCallback(
    async (query: {
      page: number;
      pageSize: number;
      orderBy?: { field?: unknown };
      orderDirection?: 'asc' | 'desc' | '';
    }) => {
      const field = query.orderBy?.field;
      const listQuery = {
        offset: query.page * query.pageSize,
        limit: query.pageSize,
        orderBy: field ? String(field) : undefined,
        order: field && query.orderDirection ? query.orderDirection : undefined,
        q: inputs.current.q || undefined,
        ...definedValues(inputs.current.filterValues),
      } as TQuery;
      lastQuery.current = listQuery;
      try {
        const page = await fetchPage(listQuery);
        setError(undefined);
        return {
          data: page.items,
          page: query.page,
          totalCount: page.totalCount,
        };
      } catch (e) {
        setError(e as Error);
        return { data: [], page: 0, totalCount: 0 };
      }
    },
    [fetchPage],
  );

  // New search, filters or loader: back to the first page.
  useUpdateEffect(() => {
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
        {filters.map(filter => (
          <TextField
            key={filter.name}
            id={`${id}-${filter.name}`}
            select
            label={filter.label}
            size="small"
            variant="outlined"
            className={classes.filter}
            value={filterValues[filter.name] ?? ''}
            onChange={event =>
              setFilterValues(current => ({
                ...current,
                [filter.name]: event.target.value,
              }))
            }
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
        ))}
        {onExport && <ExportButtons onExport={onExport} />}
        {toolbarActions}
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
        columns={columns}
        data={data}
        detailPanel={detailPanel}
        components={{ Container: PlainContainer }}
        options={{
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

import {
  inventoryRowId,
  type InventoryKind,
} from '@vcf-backstage/plugin-vcf-common';
import type { InventoryRowsByKind } from '@vcf-backstage/plugin-vcf-common';
import {
  isoOrUndefined,
  parseJsonColumn,
  toBoolean,
} from '../database/rowValues';
import { INVENTORY_TABLES, type InventoryColumn } from './inventoryTables';

const SEARCH_SEPARATOR = '\n';

function toColumnValue(column: InventoryColumn, value: unknown): unknown {
  if (value === undefined || value === null) {
    return column.type === 'json' ? '[]' : null;
  }
  switch (column.type) {
    case 'json':
      return JSON.stringify(value);
    case 'bool':
      return Boolean(value);
    case 'time':
      return isoOrUndefined(value) ?? null;
    default:
      return value;
  }
}

function fromColumnValue(column: InventoryColumn, value: unknown): unknown {
  if (column.type === 'json') return parseJsonColumn<string[]>(value) ?? [];
  if (value === null || value === undefined) return undefined;
  switch (column.type) {
    case 'bool':
      return toBoolean(value);
    case 'time':
      return isoOrUndefined(value);
    case 'int':
    case 'bigint':
    case 'float':
      return Number(value);
    default:
      return value;
  }
}

function searchTextOf(parts: Array<string | undefined>): string {
  return parts
    .filter((p): p is string => !!p)
    .join(SEARCH_SEPARATOR)
    .toLowerCase();
}

/**
 * One inventory row as the database row of its kind's table (the `search` text included).
 * @internal
 */
export function toDbRow<K extends InventoryKind>(
  kind: K,
  vcenterId: string,
  row: InventoryRowsByKind[K],
): Record<string, unknown> {
  const spec = INVENTORY_TABLES[kind];
  const dbRow: Record<string, unknown> = {
    vcenter_id: vcenterId,
    moref: row.moref,
    name: row.name,
    search: searchTextOf(spec.searchText(row)),
  };
  for (const column of spec.columns) {
    dbRow[column.column] = toColumnValue(
      column,
      (row as unknown as Record<string, unknown>)[column.field],
    );
  }
  return dbRow;
}

/**
 * A database row of a kind's table as the inventory row it stores.
 * @internal
 */
export function fromDbRow<K extends InventoryKind>(
  kind: K,
  dbRow: Record<string, unknown>,
): InventoryRowsByKind[K] {
  return fromDbColumns(
    INVENTORY_TABLES[kind].columns,
    dbRow,
  ) as unknown as InventoryRowsByKind[K];
}

/**
 * The fields of some of a kind's columns (read with {@link rowColumns} and the same columns), with the row's id,
 * vCenter, moref and name.
 * @internal
 */
export function fromDbColumns(
  columns: readonly InventoryColumn[],
  dbRow: Record<string, unknown>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: inventoryRowId(String(dbRow.vcenter_id), String(dbRow.moref)),
    vcenterId: dbRow.vcenter_id,
    moref: dbRow.moref,
    name: dbRow.name,
  };
  for (const column of columns) {
    const value = fromColumnValue(column, dbRow[column.column]);
    if (value !== undefined) row[column.field] = value;
  }
  return row;
}

/**
 * The columns {@link fromDbRow} reads (or of `columns` only, for {@link fromDbColumns}), qualified with the table
 * alias (`t` by default).
 * @internal
 */
export function rowColumns(
  kind: InventoryKind,
  alias = 't',
  columns: readonly InventoryColumn[] = INVENTORY_TABLES[kind].columns,
): string[] {
  return [
    `${alias}.vcenter_id`,
    `${alias}.moref`,
    `${alias}.name`,
    ...columns.map(c => `${alias}.${c.column}`),
  ];
}

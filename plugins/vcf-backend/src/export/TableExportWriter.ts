import type { Response } from 'express';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

/**
 * Export file formats:
 * - `csv`: every field that starts with `=`, `+`, `-`, `@`, tab or carriage return is prefixed with `'` so a
 *   spreadsheet program opening the file cannot run it as a formula (such values are then not exact);
 * - `csv-raw`: every value exactly as stored, for scripts; never open it in a spreadsheet program;
 * - `xlsx`: every value exactly, written as a text cell (a text cell never runs as a formula).
 * @internal
 */
export type ExportFormat = 'csv' | 'csv-raw' | 'xlsx';

/**
 * One column of an export.
 * @internal
 */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

type CellValue = string | number | boolean;

/**
 * Spreadsheet programs run cells that start with `=`, `+`, `-` or `@` (and tab / carriage return) as formulas.
 * Such text is prefixed with a quote so it stays text (CSV/formula injection).
 * @internal
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function exactValue(
  value: string | number | boolean | null | undefined,
): CellValue {
  return value === null || value === undefined ? '' : value;
}

function guardedValue(
  value: string | number | boolean | null | undefined,
): CellValue {
  const exact = exactValue(value);
  return typeof exact === 'string' ? neutralizeFormula(exact) : exact;
}

function csvField(value: CellValue): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/** The file extension and media type of each format. */
const FILE_TYPES: Record<
  ExportFormat,
  { extension: string; contentType: string }
> = {
  csv: { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  'csv-raw': { extension: 'csv', contentType: 'text/csv; charset=utf-8' },
  xlsx: {
    extension: 'xlsx',
    contentType:
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
};

/** The rows again, starting with one that was already read. */
async function* prepend<T>(
  first: IteratorResult<T>,
  rest: AsyncIterator<T>,
): AsyncIterable<T> {
  if (first.done) return;
  yield first.value;
  for (let next = await rest.next(); !next.done; next = await rest.next())
    yield next.value;
}

async function writeCsv<T>(
  res: Response,
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T>,
  cell: (value: ReturnType<ExportColumn<T>['value']>) => CellValue,
): Promise<number> {
  let rowCount = 0;
  let buffer = `${columns.map(c => csvField(c.header)).join(',')}\r\n`;
  for await (const row of rows) {
    buffer += `${columns.map(c => csvField(cell(c.value(row)))).join(',')}\r\n`;
    rowCount++;
    if (buffer.length > 64 * 1024) {
      await write(res, buffer);
      buffer = '';
    }
  }
  await write(res, buffer);
  res.end();
  return rowCount;
}

async function writeXlsx<T>(
  res: Response,
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T>,
): Promise<number> {
  const workbook = newWorkbook(res);
  const rowCount = await writeSheet(workbook, { sheetName, columns, rows });
  await workbook.commit();
  return rowCount;
}

function newWorkbook(res: Response) {
  return new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: res,
    useStyles: false,
    useSharedStrings: false,
  });
}

/** The exact ISO form every store writes: such cells become dates in a workbook. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/**
 * A workbook cell: every value exactly (exceljs writes a string as a text cell, which Excel shows as is and never
 * evaluates), timestamps as dates.
 */
function xlsxCellValue(
  value: string | number | boolean | null | undefined,
): CellValue | Date {
  const cell = exactValue(value);
  return typeof cell === 'string' && ISO_TIMESTAMP.test(cell)
    ? new Date(cell)
    : cell;
}

/** Writes one sheet: typed cells (numbers, booleans, dates), a frozen header row and an autofilter. */
async function writeSheet<T>(
  workbook: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>,
  options: ExportSheet<T>,
): Promise<number> {
  const { columns } = options;
  const sheet = workbook.addWorksheet(options.sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map(c => ({
    header: c.header,
    key: c.header,
    width: 20,
  }));
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: Math.max(1, columns.length) },
  };
  let rowCount = 0;
  for await (const row of options.rows) {
    sheet.addRow(columns.map(c => xlsxCellValue(c.value(row)))).commit();
    rowCount++;
  }
  sheet.commit();
  return rowCount;
}

/**
 * One sheet of a workbook export.
 * @internal
 */
export interface ExportSheet<T> {
  sheetName: string;
  columns: ExportColumn<T>[];
  rows: AsyncIterable<T>;
}

/**
 * Streams several tables to an HTTP response as one XLSX workbook, a sheet per table, one sheet after the other
 * and row by row (exceljs' streaming writer), so memory holds one batch whatever the size. A failure after the
 * first byte destroys the response and is thrown on.
 * @internal
 */
export async function writeWorkbookExport(
  res: Response,
  options: { filename: string; sheets: Array<ExportSheet<any>> },
): Promise<{ rowCount: number; rowsBySheet: Record<string, number> }> {
  const safeName = options.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${safeName}.xlsx"`,
  );
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', FILE_TYPES.xlsx.contentType);
  try {
    const workbook = newWorkbook(res);
    const rowsBySheet: Record<string, number> = {};
    let rowCount = 0;
    for (const sheet of options.sheets) {
      const rows = await writeSheet(workbook, sheet);
      rowsBySheet[sheet.sheetName] = rows;
      rowCount += rows;
    }
    await workbook.commit();
    return { rowCount, rowsBySheet };
  } catch (error) {
    res.destroy();
    throw error;
  }
}

/**
 * Streams rows to an HTTP response as CSV or XLSX (exceljs' streaming workbook writer), row by row, so an export
 * of any size holds one batch in memory. Used by the credential export and every inventory export.
 *
 * The first row is read before anything is sent, so a query the store refuses (an unknown sort column, say) is
 * thrown as an ordinary error the router answers with a 4xx. A failure after the first byte destroys the response
 * (the client sees an incomplete transfer, never a truncated file that looks whole) and is thrown on.
 * @internal
 */
export async function writeTableExport<T>(
  res: Response,
  options: {
    format: ExportFormat;
    /** File name without extension. */
    filename: string;
    sheetName: string;
    columns: ExportColumn<T>[];
    rows: AsyncIterable<T>;
  },
): Promise<{ rowCount: number }> {
  const { format, columns } = options;
  const iterator = options.rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  const rows = prepend(first, iterator);

  const { extension, contentType } = FILE_TYPES[format];
  const safeName = options.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${safeName}.${extension}"`,
  );
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', contentType);
  try {
    let rowCount: number;
    if (format === 'xlsx') {
      rowCount = await writeXlsx(res, options.sheetName, columns, rows);
    } else {
      rowCount = await writeCsv(
        res,
        columns,
        rows,
        format === 'csv' ? guardedValue : exactValue,
      );
    }
    return { rowCount };
  } catch (error) {
    res.destroy();
    throw error;
  }
}

/** Reads `format` from a query value. @internal */
export function parseExportFormat(value: unknown): ExportFormat | undefined {
  return value === 'csv' || value === 'csv-raw' || value === 'xlsx'
    ? value
    : undefined;
}

import type { Response } from 'express';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

/**
 * Export file formats.
 * @public
 */
export type ExportFormat = 'csv' | 'xlsx';

/**
 * One column of an export.
 * @public
 */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * Spreadsheet programs run cells that start with `=`, `+`, `-` or `@` (and tab / carriage return) as formulas.
 * Such text is prefixed with a quote so it stays text (CSV/formula injection).
 * @public
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cellValue(
  value: string | number | boolean | null | undefined,
): string | number | boolean {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? neutralizeFormula(value) : value;
}

function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

/**
 * Streams rows to an HTTP response as CSV or XLSX (exceljs' streaming workbook writer), row by row, so an export
 * of any size holds one batch in memory. Used by the credential export and every inventory export.
 * @public
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
  const safeName = options.filename.replace(/[^A-Za-z0-9._-]/g, '_');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${safeName}.${format}"`,
  );
  res.setHeader('Cache-Control', 'no-store');
  let rowCount = 0;

  if (format === 'csv') {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    await write(res, `${columns.map(c => csvField(c.header)).join(',')}\r\n`);
    let buffer = '';
    for await (const row of options.rows) {
      buffer += `${columns
        .map(c => csvField(cellValue(c.value(row))))
        .join(',')}\r\n`;
      rowCount++;
      if (buffer.length > 64 * 1024) {
        await write(res, buffer);
        buffer = '';
      }
    }
    await write(res, buffer);
    res.end();
    return { rowCount };
  }

  setXlsxHeaders(res);
  const workbook = newWorkbook(res);
  rowCount = await writeSheet(workbook, options);
  await workbook.commit();
  return { rowCount };
}

/**
 * One sheet of a workbook export.
 * @public
 */
export interface ExportSheet<T> {
  sheetName: string;
  columns: ExportColumn<T>[];
  rows: AsyncIterable<T>;
}

/**
 * Streams several tables to an HTTP response as one XLSX workbook, a sheet per table, one sheet after the other
 * and row by row (exceljs' streaming writer), so memory holds one batch whatever the size.
 * @public
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
  setXlsxHeaders(res);
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
}

function setXlsxHeaders(res: Response) {
  res.setHeader(
    'Content-Type',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
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

function xlsxCellValue(
  value: string | number | boolean | null | undefined,
): string | number | boolean | Date {
  const cell = cellValue(value);
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

/** Reads `format` from a query value. @public */
export function parseExportFormat(value: unknown): ExportFormat | undefined {
  return value === 'csv' || value === 'xlsx' ? value : undefined;
}

import ExcelJS from 'exceljs';
import { toHundredths } from '../../engine';
import {
  COUNT_FORMAT,
  MONEY_FORMAT,
  POINTS_FORMAT,
  decimalValue,
  safeText,
} from '../../spreadsheets/spreadsheet-cells';

/**
 * Cells and tables of the results workbook: every figure is a typed cell (points, money,
 * counts) and every text goes through safeText in `writeCell`, the single way into a sheet.
 */

/** A cell before it is written; a bare string is text, a bare number uses Excel's General. */
export interface CellSpec {
  value: string | number | null;
  numFmt?: string;
  strike?: boolean;
  bold?: boolean;
}
export type TableCell = CellSpec | string | number | null;

export interface Column {
  header: string;
  width: number;
}

export function points(value: string | null, field: string, strike = false): CellSpec {
  return {
    value: value === null ? null : decimalValue(value, field),
    numFmt: POINTS_FORMAT,
    strike,
  };
}

export function money(amount: number): CellSpec {
  return { value: amount, numFmt: MONEY_FORMAT };
}

export function count(value: number | null): CellSpec {
  return { value, numFmt: COUNT_FORMAT };
}

/** Weighted interactions are whole unless a weight has decimals; show decimals only then. */
export function rawCount(value: string, field: string): CellSpec {
  const h = toHundredths(value, field);
  return { value: h / 100, numFmt: h % 100 === 0 ? COUNT_FORMAT : POINTS_FORMAT };
}

/** The only place a value reaches the workbook: text is escaped here, whatever its origin. */
export function writeCell(cell: ExcelJS.Cell, spec: TableCell): void {
  const { value, numFmt, strike, bold } =
    spec !== null && typeof spec === 'object' ? spec : { value: spec };
  // An empty text stays an empty cell: filters then offer "(Blanks)", not a blank string.
  cell.value = typeof value === 'string' ? safeText(value) || null : value;
  if (numFmt) cell.numFmt = numFmt;
  if (strike || bold) cell.font = { ...(strike ? { strike } : {}), ...(bold ? { bold } : {}) };
}

export function writeRow(sheet: ExcelJS.Worksheet, rowNumber: number, cells: TableCell[]): void {
  cells.forEach((spec, i) => writeCell(sheet.getCell(rowNumber, i + 1), spec));
}

/** Title lines above a table (they overflow into the empty cells to their right); returns the
 * first row after them and a blank separator. */
export function writeTitle(sheet: ExcelJS.Worksheet, lines: string[]): number {
  lines.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    writeCell(cell, line);
    cell.font = i === 0 ? { bold: true, size: 14 } : { italic: true };
  });
  return lines.length + 2;
}

export function setWidths(sheet: ExcelJS.Worksheet, columns: Column[]): void {
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
}

/** Header labels wrap inside their column; Excel does not grow a written row, so size it. */
function headerHeight(columns: Column[]): number {
  const lines = Math.max(...columns.map((c) => Math.ceil(c.header.length / (c.width - 2))));
  return 15 * Math.max(1, lines) + 3;
}

/** A bold header row and its body with an autofilter over both; returns the last row. */
export function writeTable(
  sheet: ExcelJS.Worksheet,
  headerRow: number,
  columns: Column[],
  rows: TableCell[][],
): number {
  writeRow(
    sheet,
    headerRow,
    columns.map((c) => ({ value: c.header, bold: true })),
  );
  const header = sheet.getRow(headerRow);
  header.height = headerHeight(columns);
  header.alignment = { wrapText: true, vertical: 'middle' };
  rows.forEach((cells, i) => writeRow(sheet, headerRow + 1 + i, cells));
  const lastRow = headerRow + rows.length;
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: lastRow, column: columns.length },
  };
  return lastRow;
}

/** Keeps the title, the header row and the identifying columns in view while scrolling. */
export function freezeAt(sheet: ExcelJS.Worksheet, headerRow: number, columns: number): void {
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: columns }];
}

import { readSpreadsheet } from '../spreadsheets/read-spreadsheet';
import type { Cell } from '../spreadsheets/sheet-row';

export type WorkbookRowSink = (sheet: string | null, row: number, cells: readonly Cell[]) => void;

/**
 * Reads an uploaded registration workbook with the shared spreadsheet reader (size caps,
 * bounded inflate, formulas never evaluated, parsing in a worker): every worksheet's rows
 * with the worksheet's name, or a CSV's rows with no name. One read per contest at a time.
 */
export async function readWorkbook(
  path: string,
  onRow: WorkbookRowSink,
  exclusiveKey: string,
): Promise<{ format: 'csv' | 'xlsx'; sha256: string }> {
  return readSpreadsheet(
    path,
    (line, cells, sheet) => onRow(sheet ?? null, line, cells),
    exclusiveKey,
    { allSheets: true },
  );
}

/** A cell as read from a spreadsheet: text, a number, or nothing. */
export type Cell = string | number | null;

/** A non-empty row with its 1-based line (row number) in the file. */
export interface SheetRow {
  line: number;
  cells: Cell[];
  /** The worksheet's name, when every worksheet of a workbook is read (`allSheets`). */
  sheet?: string;
}

import ExcelJS from 'exceljs';
import type { ResultsDocument, ResultsVersionMeta } from '../results-document';
import {
  freezeAt,
  money,
  setWidths,
  writeRow,
  writeTable,
  writeTitle,
  type Column,
  type TableCell,
} from './excel-cells';
import {
  addRankingSheet,
  RANKING_COLUMNS,
  rankingCsvFields,
  rankingLines,
  subtitle,
} from './excel-ranking';
import { addFinalSheet, addPreliminarySheet } from './excel-rounds';
import { csvDocument } from '../../spreadsheets/spreadsheet-cells';

/**
 * The Excel workbook and the ranking CSV of one frozen results version. Figures are copied
 * from the ResultsDocument, never recomputed (the document is what was fingerprinted), and
 * every text cell goes through safeText in `writeCell` (excel-cells.ts) / `csvField`, the
 * single way out. The sheets: the ranking (excel-ranking.ts), the preliminary and final detail
 * (excel-rounds.ts) and the prizes (here).
 */

export { SHEET_RANKING } from './excel-ranking';
export { SHEET_FINAL, SHEET_PRELIMINARY } from './excel-rounds';
export const SHEET_PRIZES = 'Giải thưởng';

// ---------------------------------------------------------------------------------------------
// "Giải thưởng": every award, the total as stated by the document, the slots left unassigned

const PRIZE_COLUMNS: Column[] = [
  { header: 'Giải', width: 38 },
  { header: 'Đội', width: 30 },
  { header: 'Đơn vị', width: 44 },
  { header: 'Cá nhân', width: 26 },
  { header: 'Nhà tài trợ', width: 24 },
  { header: 'Số tiền', width: 16 },
];

function addPrizesSheet(
  workbook: ExcelJS.Workbook,
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
): void {
  const sheet = workbook.addWorksheet(SHEET_PRIZES);
  const unitOf = new Map(doc.teams.map((t) => [t.entryId, t.unitName]));
  const headerRow = writeTitle(sheet, subtitle(doc, meta, 'Danh sách giải thưởng'));
  const rows = doc.prizes.awards.map((a): TableCell[] => [
    a.prizeName,
    a.teamName,
    unitOf.get(a.entryId) ?? null,
    a.memberName,
    a.sponsor,
    money(a.amountVnd),
  ]);
  setWidths(sheet, PRIZE_COLUMNS);
  // The autofilter stops above the total so that sorting cannot move it into the list.
  const lastAward = writeTable(sheet, headerRow, PRIZE_COLUMNS, rows);
  writeRow(sheet, lastAward + 1, [
    { value: 'Tổng cộng', bold: true },
    null,
    null,
    null,
    null,
    { ...money(doc.prizes.totalVnd), bold: true },
  ]);
  freezeAt(sheet, headerRow, 0);
  writeUnassignedSlots(sheet, lastAward + 3, doc.prizes.unassignedSlots);
}

function writeUnassignedSlots(
  sheet: ExcelJS.Worksheet,
  firstRow: number,
  slots: ResultsDocument['prizes']['unassignedSlots'],
): void {
  if (slots.length === 0) return;
  writeRow(sheet, firstRow, [{ value: 'Giải chưa trao', bold: true }]);
  writeRow(sheet, firstRow + 1, [
    { value: 'Giải', bold: true },
    { value: 'Số lượng', bold: true },
  ]);
  slots.forEach((s, i) => writeRow(sheet, firstRow + 2 + i, [s.prizeName, s.count]));
}

// ---------------------------------------------------------------------------------------------
// Entry points

/** The results workbook: ranking, preliminary detail, final detail, prizes. */
export async function buildResultsWorkbook(
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // The version's own instant rather than "now": the file describes the frozen version.
  workbook.created = workbook.modified = new Date(meta.frozenAt);
  addRankingSheet(workbook, doc, meta);
  addPreliminarySheet(workbook, doc, meta);
  addFinalSheet(workbook, doc, meta);
  addPrizesSheet(workbook, doc, meta);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The summary ranking as CSV for a Vietnamese Excel: the header line, then one record per
 * team; points written "64,12" (so quoted, the comma being the separator). No title lines:
 * the file stays one rectangular table that any program can read. `_meta` is accepted for
 * symmetry with the workbook; the version is identified by the file name the caller gives.
 */
export function buildRankingCsv(doc: ResultsDocument, _meta: ResultsVersionMeta): Buffer {
  const header = RANKING_COLUMNS.map((c) => c.header);
  return csvDocument([header, ...rankingLines(doc).map(rankingCsvFields)]);
}

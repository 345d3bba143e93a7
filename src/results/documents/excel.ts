import ExcelJS from 'exceljs';
import { toHundredths } from '../../engine';
import { formatDateTimeVi, formatPoints } from '../../formats';
import type {
  AwardLine,
  ResultsDocument,
  ResultsVersionMeta,
  TeamResult,
} from '../results-document';
import {
  COUNT_FORMAT,
  MONEY_FORMAT,
  POINTS_FORMAT,
  csvDocument,
  decimalValue,
  safeText,
} from './spreadsheet-cells';

/**
 * The Excel workbook and the ranking CSV of one frozen results version. Figures are copied
 * from the ResultsDocument, never recomputed (the document is what was fingerprinted), and
 * every text cell goes through safeText in `writeCell` / `csvField`, the single way out.
 */

export const SHEET_RANKING = 'Xếp hạng';
export const SHEET_PRELIMINARY = 'Sơ khảo';
export const SHEET_FINAL = 'Chung khảo';
export const SHEET_PRIZES = 'Giải thưởng';

const TIE_BREAK_LABELS: Record<string, string> = {
  final: 'Điểm chung khảo',
  judges: 'Điểm giám khảo sơ khảo',
  interaction: 'Điểm tương tác',
  preliminary: 'Điểm sơ khảo',
};
const NOT_FINALIST = 'Không vào chung khảo';
const DROPPED_NOTE = 'Bị loại (trung bình cắt)';
const ABSENT_NOTE = 'Không chấm';

// ---------------------------------------------------------------------------------------------
// Cells and tables

/** A cell before it is written; a bare string is text, a bare number uses Excel's General. */
interface CellSpec {
  value: string | number | null;
  numFmt?: string;
  strike?: boolean;
  bold?: boolean;
}
type TableCell = CellSpec | string | number | null;

interface Column {
  header: string;
  width: number;
}

function points(value: string | null, field: string, strike = false): CellSpec {
  return {
    value: value === null ? null : decimalValue(value, field),
    numFmt: POINTS_FORMAT,
    strike,
  };
}

function money(amount: number): CellSpec {
  return { value: amount, numFmt: MONEY_FORMAT };
}

function count(value: number | null): CellSpec {
  return { value, numFmt: COUNT_FORMAT };
}

/** Weighted interactions are whole unless a weight has decimals; show decimals only then. */
function rawCount(value: string, field: string): CellSpec {
  const h = toHundredths(value, field);
  return { value: h / 100, numFmt: h % 100 === 0 ? COUNT_FORMAT : POINTS_FORMAT };
}

/** The only place a value reaches the workbook: text is escaped here, whatever its origin. */
function writeCell(cell: ExcelJS.Cell, spec: TableCell): void {
  const { value, numFmt, strike, bold } =
    spec !== null && typeof spec === 'object' ? spec : { value: spec };
  // An empty text stays an empty cell: filters then offer "(Blanks)", not a blank string.
  cell.value = typeof value === 'string' ? safeText(value) || null : value;
  if (numFmt) cell.numFmt = numFmt;
  if (strike || bold) cell.font = { ...(strike ? { strike } : {}), ...(bold ? { bold } : {}) };
}

function writeRow(sheet: ExcelJS.Worksheet, rowNumber: number, cells: TableCell[]): void {
  cells.forEach((spec, i) => writeCell(sheet.getCell(rowNumber, i + 1), spec));
}

/** Title lines above a table (they overflow into the empty cells to their right); returns the
 * first row after them and a blank separator. */
function writeTitle(sheet: ExcelJS.Worksheet, lines: string[]): number {
  lines.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    writeCell(cell, line);
    cell.font = i === 0 ? { bold: true, size: 14 } : { italic: true };
  });
  return lines.length + 2;
}

function setWidths(sheet: ExcelJS.Worksheet, columns: Column[]): void {
  columns.forEach((c, i) => (sheet.getColumn(i + 1).width = c.width));
}

/** Header labels wrap inside their column; Excel does not grow a written row, so size it. */
function headerHeight(columns: Column[]): number {
  const lines = Math.max(...columns.map((c) => Math.ceil(c.header.length / (c.width - 2))));
  return 15 * Math.max(1, lines) + 3;
}

/** A bold header row and its body with an autofilter over both; returns the last row. */
function writeTable(
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
function freezeAt(sheet: ExcelJS.Worksheet, headerRow: number, columns: number): void {
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: columns }];
}

// ---------------------------------------------------------------------------------------------
// The summary ranking, shared by the "Xếp hạng" sheet and the CSV

const RANKING_COLUMNS: Column[] = [
  { header: 'Hạng', width: 7 },
  { header: 'Số báo danh', width: 9 },
  { header: 'Đội', width: 30 },
  { header: 'Đơn vị', width: 44 },
  { header: 'Mô hình/sáng kiến', width: 32 },
  { header: 'Điểm tương tác', width: 12 },
  { header: 'Điểm giám khảo', width: 12 },
  { header: 'Điểm sơ khảo', width: 12 },
  { header: 'Điểm chung khảo', width: 12 },
  { header: 'Tổng điểm', width: 12 },
  { header: 'Tiêu chí phụ đã dùng', width: 22 },
  { header: 'Ghi chú', width: 24 },
  { header: 'Giải', width: 40 },
];
/** Columns 1–3 (rank, number, team) stay visible when scrolling right. */
const RANKING_FROZEN_COLUMNS = 3;

/** One line of the ranking with its figures still as decimal strings. */
interface RankingLine {
  team: TeamResult;
  interaction: string;
  judges: string | null;
  preliminary: string | null;
  final: string | null;
  total: string | null;
  tieBreak: string;
  note: string;
  prizes: string;
}

/**
 * Finalists by rank (a finalist without a rank last), then the others in document order.
 * The document is already in this order; sorting again guards the export against a caller
 * that reordered the teams.
 */
function rankingOrder(teams: readonly TeamResult[]): TeamResult[] {
  const byRank = (a: TeamResult, b: TeamResult) =>
    (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER);
  return [...teams.filter((t) => t.finalist).sort(byRank), ...teams.filter((t) => !t.finalist)];
}

function prizeLabel(award: AwardLine): string {
  return award.memberName ? `${award.prizeName} (${award.memberName})` : award.prizeName;
}

function rankingNote(team: TeamResult): string {
  const notes = [
    team.finalist ? null : NOT_FINALIST,
    team.decided ? 'Ban tổ chức quyết định' : null,
    team.needsDecision ? 'Cần quyết định' : null,
  ];
  return notes.filter((n) => n !== null).join('; ');
}

function rankingLine(team: TeamResult): RankingLine {
  return {
    team,
    interaction: team.interaction.points,
    judges: team.judgesPoints,
    preliminary: team.preliminary,
    final: team.final?.points ?? null,
    total: team.rankingScore,
    // An unknown key is shown as is rather than hidden.
    tieBreak: team.tieBreakUsed ? (TIE_BREAK_LABELS[team.tieBreakUsed] ?? team.tieBreakUsed) : '',
    note: rankingNote(team),
    prizes: team.awards.map(prizeLabel).join('; '),
  };
}

function rankingLines(doc: ResultsDocument): RankingLine[] {
  return rankingOrder(doc.teams).map(rankingLine);
}

function rankingCells(line: RankingLine): TableCell[] {
  const { team } = line;
  const where = `đội số ${team.teamNumber}`;
  return [
    team.finalist ? team.rank : null,
    team.teamNumber,
    team.teamName,
    team.unitName,
    team.entryName,
    points(line.interaction, `${where}: điểm tương tác`),
    points(line.judges, `${where}: điểm giám khảo`),
    points(line.preliminary, `${where}: điểm sơ khảo`),
    points(line.final, `${where}: điểm chung khảo`),
    points(line.total, `${where}: tổng điểm`),
    line.tieBreak,
    line.note,
    line.prizes,
  ];
}

function csvPoints(value: string | null, field: string): string {
  return value === null ? '' : formatPoints(toHundredths(value, field));
}

function rankingCsvFields(line: RankingLine): string[] {
  const { team } = line;
  const where = `đội số ${team.teamNumber}`;
  return [
    team.finalist && team.rank !== null ? String(team.rank) : '',
    String(team.teamNumber),
    team.teamName,
    team.unitName,
    team.entryName,
    csvPoints(line.interaction, `${where}: điểm tương tác`),
    csvPoints(line.judges, `${where}: điểm giám khảo`),
    csvPoints(line.preliminary, `${where}: điểm sơ khảo`),
    csvPoints(line.final, `${where}: điểm chung khảo`),
    csvPoints(line.total, `${where}: tổng điểm`),
    line.tieBreak,
    line.note,
    line.prizes,
  ];
}

function versionLine(meta: ResultsVersionMeta): string {
  return `Phiên bản kết quả: ${meta.version}`;
}

function addRankingSheet(
  workbook: ExcelJS.Workbook,
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
): void {
  const sheet = workbook.addWorksheet(SHEET_RANKING);
  const title = [
    doc.contest.name,
    `Bảng tổng hợp kết quả xếp hạng – ${versionLine(meta)}`,
    `Chốt kết quả lúc: ${formatDateTimeVi(meta.frozenAt)}`,
    meta.publishedAt
      ? `Công bố lúc: ${formatDateTimeVi(meta.publishedAt)}`
      : 'Chưa công bố (bản chốt để kiểm tra)',
    ...(meta.correctionReason ? [`Lý do đính chính: ${meta.correctionReason}`] : []),
    `Mã xác thực (SHA-256): ${meta.fingerprint}`,
  ];
  const headerRow = writeTitle(sheet, title);
  setWidths(sheet, RANKING_COLUMNS);
  writeTable(sheet, headerRow, RANKING_COLUMNS, rankingLines(doc).map(rankingCells));
  freezeAt(sheet, headerRow, RANKING_FROZEN_COLUMNS);
}

// ---------------------------------------------------------------------------------------------
// Judges' cards, grouped per judge: "<judge> – <criterion>" …, "<judge> – Tổng", "<judge> – Ghi chú"

interface Judge {
  id: string;
  name: string;
}
interface ScoreItem {
  code: string;
  name: string;
}
/** A preliminary or final card with its scores under one name. */
interface JudgeCard {
  judgeId: string;
  judgeName: string;
  scores: Record<string, string>;
  total: string;
  /** panel judging with normalisation: the total on the common scale */
  normalised?: string;
  dropped: boolean;
}

const JUDGE_SCORE_WIDTH = 14;
const JUDGE_NOTE_WIDTH = 16;

/**
 * The judges who have a card in this round, in doc.judges order; a card from a judge missing
 * from doc.judges still gets its columns (after the others) rather than being lost.
 */
function roundJudges(judges: readonly Judge[], cards: readonly JudgeCard[]): Judge[] {
  const withCards = new Set(cards.map((c) => c.judgeId));
  const listed = new Set(judges.map((j) => j.id));
  const extra = new Map<string, string>();
  for (const c of cards) if (!listed.has(c.judgeId)) extra.set(c.judgeId, c.judgeName);
  return [
    ...judges.filter((j) => withCards.has(j.id)),
    ...[...extra].map(([id, name]) => ({ id, name })),
  ];
}

/** `normalised`: a column of the normalised total after the raw one (panel judging). */
function judgeColumns(
  judges: readonly Judge[],
  items: readonly ScoreItem[],
  normalised = false,
): Column[] {
  return judges.flatMap((j) => [
    ...items.map((item) => ({ header: `${j.name} – ${item.name}`, width: JUDGE_SCORE_WIDTH })),
    { header: `${j.name} – Tổng`, width: JUDGE_SCORE_WIDTH },
    ...(normalised ? [{ header: `${j.name} – Tổng chuẩn hoá`, width: JUDGE_SCORE_WIDTH }] : []),
    { header: `${j.name} – Ghi chú`, width: JUDGE_NOTE_WIDTH },
  ]);
}

/** A dropped card is struck through and says why; a judge without a card gets blanks. */
function judgeCells(
  judges: readonly Judge[],
  items: readonly ScoreItem[],
  cards: readonly JudgeCard[],
  where: string,
  normalised = false,
): TableCell[] {
  return judges.flatMap((j) => {
    const card = cards.find((c) => c.judgeId === j.id);
    if (!card) return [...items.map(() => null), null, ...(normalised ? [null] : []), ABSENT_NOTE];
    const field = `${where}, giám khảo ${j.name}`;
    return [
      ...items.map((item) =>
        points(card.scores[item.code] ?? null, `${field}: ${item.name}`, card.dropped),
      ),
      points(card.total, `${field}: tổng`, card.dropped),
      ...(normalised
        ? [points(card.normalised ?? null, `${field}: tổng chuẩn hoá`, card.dropped)]
        : []),
      card.dropped ? DROPPED_NOTE : null,
    ];
  });
}

// ---------------------------------------------------------------------------------------------
// "Sơ khảo": interactions, then every judge's criteria, then the preliminary score

const TEAM_COLUMNS: Column[] = [
  { header: 'Số báo danh', width: 9 },
  { header: 'Đội', width: 30 },
  { header: 'Mô hình/sáng kiến', width: 32 },
];
const INTERACTION_COLUMNS: Column[] = [
  { header: 'Lượt thích', width: 11 },
  { header: 'Lượt chia sẻ', width: 11 },
  { header: 'Bình luận', width: 11 },
  { header: 'Loại trừ: lượt thích', width: 11 },
  { header: 'Loại trừ: lượt chia sẻ', width: 11 },
  { header: 'Loại trừ: bình luận', width: 11 },
  { header: 'Lý do loại trừ', width: 24 },
  { header: 'Tương tác quy đổi', width: 12 },
  { header: 'Điểm tương tác', width: 12 },
];

function teamCells(team: TeamResult): TableCell[] {
  return [team.teamNumber, team.teamName, team.entryName];
}

function interactionCells(team: TeamResult, where: string): TableCell[] {
  const { interaction } = team;
  const excluded = interaction.excluded;
  return [
    count(interaction.reactions),
    count(interaction.shares),
    count(interaction.comments),
    count(excluded?.reactions ?? null),
    count(excluded?.shares ?? null),
    count(excluded?.comments ?? null),
    excluded?.reason ?? null,
    rawCount(interaction.raw, `${where}: tương tác quy đổi`),
    points(interaction.points, `${where}: điểm tương tác`),
  ];
}

function preliminaryCards(team: TeamResult): JudgeCard[] {
  return team.judgeCards.map((c) => ({ ...c, scores: c.criteria }));
}

function subtitle(doc: ResultsDocument, meta: ResultsVersionMeta, what: string): string[] {
  return [doc.contest.name, `${what} – ${versionLine(meta)}`];
}

function addPreliminarySheet(
  workbook: ExcelJS.Workbook,
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
): void {
  const sheet = workbook.addWorksheet(SHEET_PRELIMINARY);
  const teams = rankingOrder(doc.teams);
  const criteria = doc.rules.criteria;
  const judges = roundJudges(doc.judges, teams.flatMap(preliminaryCards));
  // panel judging with normalisation: raw and normalised figures side by side
  const normalised = doc.rules.judgingNormalisation !== undefined;
  const snapshot = doc.interactionSnapshot
    ? [`Số liệu tương tác chốt lúc: ${formatDateTimeVi(doc.interactionSnapshot.takenAt)}`]
    : [];
  const headerRow = writeTitle(sheet, [
    ...subtitle(doc, meta, 'Chi tiết điểm sơ khảo'),
    ...snapshot,
  ]);
  const columns = [
    ...TEAM_COLUMNS,
    ...INTERACTION_COLUMNS,
    ...judgeColumns(judges, criteria, normalised),
    ...(normalised ? [{ header: 'Điểm giám khảo (thô)', width: 12 }] : []),
    { header: normalised ? 'Điểm giám khảo (chuẩn hoá)' : 'Điểm giám khảo', width: 12 },
    { header: 'Điểm sơ khảo', width: 12 },
  ];
  const rows = teams.map((team) => {
    const where = `đội số ${team.teamNumber}`;
    return [
      ...teamCells(team),
      ...interactionCells(team, where),
      ...judgeCells(judges, criteria, preliminaryCards(team), where, normalised),
      ...(normalised
        ? [points(team.judgesRawPoints ?? null, `${where}: điểm giám khảo (thô)`)]
        : []),
      points(team.judgesPoints, `${where}: điểm giám khảo`),
      points(team.preliminary, `${where}: điểm sơ khảo`),
    ];
  });
  setWidths(sheet, columns);
  writeTable(sheet, headerRow, columns, rows);
  freezeAt(sheet, headerRow, 2);
}

// ---------------------------------------------------------------------------------------------
// "Chung khảo": every judge's parts for each finalist, then the part means and the final score

function finalCards(team: TeamResult): JudgeCard[] {
  return (team.final?.cards ?? []).map((c) => ({ ...c, scores: c.parts }));
}

function addFinalSheet(
  workbook: ExcelJS.Workbook,
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
): void {
  const sheet = workbook.addWorksheet(SHEET_FINAL);
  const finalists = rankingOrder(doc.teams).filter((t) => t.finalist);
  const parts = doc.rules.parts;
  const judges = roundJudges(doc.judges, finalists.flatMap(finalCards));
  const headerRow = writeTitle(sheet, subtitle(doc, meta, 'Chi tiết điểm chung khảo'));
  const columns = [
    ...TEAM_COLUMNS,
    ...judgeColumns(judges, parts),
    ...parts.map((p) => ({ header: `Trung bình – ${p.name}`, width: JUDGE_SCORE_WIDTH })),
    { header: 'Điểm chung khảo', width: 12 },
  ];
  const rows = finalists.map((team) => {
    const where = `đội số ${team.teamNumber}`;
    return [
      ...teamCells(team),
      ...judgeCells(judges, parts, finalCards(team), where),
      ...parts.map((p) =>
        points(team.final?.partMeans[p.code] ?? null, `${where}: trung bình ${p.name}`),
      ),
      points(team.final?.points ?? null, `${where}: điểm chung khảo`),
    ];
  });
  setWidths(sheet, columns);
  writeTable(sheet, headerRow, columns, rows);
  freezeAt(sheet, headerRow, 2);
}

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

import type ExcelJS from 'exceljs';
import { toHundredths } from '../../engine';
import { formatDateTimeVi, formatPoints } from '../../formats';
import type {
  AwardLine,
  ResultsDocument,
  ResultsVersionMeta,
  TeamResult,
} from '../results-document';
import {
  freezeAt,
  points,
  setWidths,
  writeTable,
  writeTitle,
  type Column,
  type TableCell,
} from './excel-cells';

/**
 * The summary ranking, shared by the workbook's "Xếp hạng" sheet and the CSV: one line per
 * team with its figures still as decimal strings, written as typed cells or as "64,12".
 */

export const SHEET_RANKING = 'Xếp hạng';

const TIE_BREAK_LABELS: Record<string, string> = {
  final: 'Điểm chung khảo',
  judges: 'Điểm giám khảo sơ khảo',
  interaction: 'Điểm tương tác',
  preliminary: 'Điểm sơ khảo',
};
const NOT_FINALIST = 'Không vào chung khảo';

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

/** What a column shows for a line: a plain value, or points (a decimal string) to format. */
type RankingValue = string | number | null | { points: string | null; what: string };

/** A column of the ranking: its header and width, and its value for one line. */
interface RankingColumn extends Column {
  value: (line: RankingLine) => RankingValue;
}

const pointsOf = (points: string | null, what: string): RankingValue => ({ points, what });

/** The ranking's columns, once: the sheet writes them as typed cells, the CSV as text. */
export const RANKING_COLUMNS: RankingColumn[] = [
  { header: 'Hạng', width: 7, value: (l) => (l.team.finalist ? l.team.rank : null) },
  { header: 'Số báo danh', width: 9, value: (l) => l.team.teamNumber },
  { header: 'Đội', width: 30, value: (l) => l.team.teamName },
  { header: 'Đơn vị', width: 44, value: (l) => l.team.unitName },
  { header: 'Mô hình/sáng kiến', width: 32, value: (l) => l.team.entryName },
  {
    header: 'Điểm tương tác',
    width: 12,
    value: (l) => pointsOf(l.interaction, 'điểm tương tác'),
  },
  { header: 'Điểm giám khảo', width: 12, value: (l) => pointsOf(l.judges, 'điểm giám khảo') },
  { header: 'Điểm sơ khảo', width: 12, value: (l) => pointsOf(l.preliminary, 'điểm sơ khảo') },
  { header: 'Điểm chung khảo', width: 12, value: (l) => pointsOf(l.final, 'điểm chung khảo') },
  { header: 'Tổng điểm', width: 12, value: (l) => pointsOf(l.total, 'tổng điểm') },
  { header: 'Tiêu chí phụ đã dùng', width: 22, value: (l) => l.tieBreak },
  { header: 'Ghi chú', width: 24, value: (l) => l.note },
  { header: 'Giải', width: 40, value: (l) => l.prizes },
];

/**
 * Finalists by rank (a finalist without a rank last), then the others in document order.
 * The document is already in this order; sorting again guards the export against a caller
 * that reordered the teams.
 */
export function rankingOrder(teams: readonly TeamResult[]): TeamResult[] {
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

export function rankingLines(doc: ResultsDocument): RankingLine[] {
  return rankingOrder(doc.teams).map(rankingLine);
}

/** The line as the sheet's cells: points as numbers with the points format. */
function rankingCells(line: RankingLine): TableCell[] {
  const where = `đội số ${line.team.teamNumber}`;
  return RANKING_COLUMNS.map((column) => {
    const value = column.value(line);
    return value !== null && typeof value === 'object'
      ? points(value.points, `${where}: ${value.what}`)
      : value;
  });
}

/** The line as CSV text: points written "64,12", nothing for no value. */
export function rankingCsvFields(line: RankingLine): string[] {
  const where = `đội số ${line.team.teamNumber}`;
  return RANKING_COLUMNS.map((column) => {
    const value = column.value(line);
    if (value === null) return '';
    if (typeof value !== 'object') return String(value);
    return value.points === null
      ? ''
      : formatPoints(toHundredths(value.points, `${where}: ${value.what}`));
  });
}

export function versionLine(meta: ResultsVersionMeta): string {
  return `Phiên bản kết quả: ${meta.version}`;
}

export function addRankingSheet(
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

/** The title lines of a detail sheet: the contest, then what the sheet is and the version. */
export function subtitle(doc: ResultsDocument, meta: ResultsVersionMeta, what: string): string[] {
  return [doc.contest.name, `${what} – ${versionLine(meta)}`];
}

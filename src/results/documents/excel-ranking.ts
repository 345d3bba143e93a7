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

export const RANKING_COLUMNS: Column[] = [
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

export function rankingCsvFields(line: RankingLine): string[] {
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

import type ExcelJS from 'exceljs';
import { formatDateTimeVi } from '../../formats';
import type { ResultsDocument, ResultsVersionMeta, TeamResult } from '../results-document';
import {
  count,
  freezeAt,
  points,
  rawCount,
  setWidths,
  writeTable,
  writeTitle,
  type Column,
  type TableCell,
} from './excel-cells';
import { rankingOrder, subtitle } from './excel-ranking';

/**
 * The two detail sheets of the workbook, "Sơ khảo" and "Chung khảo": each judge's card in
 * columns grouped per judge, a dropped card struck through, then the round's figures.
 */

export const SHEET_PRELIMINARY = 'Sơ khảo';
export const SHEET_FINAL = 'Chung khảo';

const DROPPED_NOTE = 'Bị loại (trung bình cắt)';
const ABSENT_NOTE = 'Không chấm';

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

export function addPreliminarySheet(
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

export function addFinalSheet(
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

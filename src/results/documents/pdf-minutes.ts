import type { SignedCheckpoint } from '../../audit/signed-checkpoint';
import { formatDateTimeVi, formatDateVi, formatVnd } from '../../formats';
import type {
  AwardLine,
  ResultsDocument,
  ResultsVersionMeta,
  TeamResult,
} from '../results-document';
import {
  type Pdf,
  OFFICIAL_MARGINS,
  contentWidth,
  heading,
  keepTogether,
  officialHeader,
  paragraph,
  renderPdf,
  signatures,
  stampFooters,
} from './pdf-document';
import { FONT } from './pdf-fonts';
import {
  BLANK,
  DEFAULT_ORGANIZER,
  type PdfOptions,
  awardGroups,
  awardLabel,
  budgetLine,
  documentDate,
  money,
  placeAndDate,
  points,
  roman,
  shortFingerprint,
  teamOf,
} from './pdf-format';
import { type TableColumn, type TableRow, drawTable } from './pdf-table';

/**
 * "Biên bản tổng hợp kết quả": the official record of a frozen results version, to be signed
 * by the secretary and the head of the organising committee. Everything it states comes from
 * the ResultsDocument; the version and its fingerprint tie the paper to the published figures.
 */

export const MINUTES_TITLE = 'BIÊN BẢN TỔNG HỢP KẾT QUẢ HỘI THI';

export function renderMinutesPdf(
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
  options: PdfOptions = {},
): Promise<Buffer> {
  return renderPdf(
    {
      title: `Biên bản tổng hợp kết quả - ${doc.contest.name}`,
      meta,
      layout: 'portrait',
      margins: OFFICIAL_MARGINS,
    },
    (pdf) => {
      const section = sectionCounter();
      officialHeader(
        pdf,
        options.organizer ?? DEFAULT_ORGANIZER,
        `Số: ${BLANK}/BB-BTC`,
        placeAndDate(documentDate(doc, meta), options.place),
      );
      titleBlock(pdf, doc);
      introduction(pdf, doc);
      rankingSection(pdf, doc, section);
      othersSection(pdf, doc, section);
      prizeSection(pdf, doc, section);
      tieSection(pdf, doc, section);
      versionSection(pdf, meta, section);
      signatures(pdf, ['THƯ KÝ', 'TRƯỞNG BAN TỔ CHỨC']);
      stampFooters(
        pdf,
        (page, count) =>
          `Biên bản kết quả - phiên bản ${meta.version} - mã kiểm tra ${shortFingerprint(meta)} - Trang ${page}/${count}`,
      );
    },
  );
}

/** "I.", "II.", … in the order the sections actually appear (some are optional). */
function sectionCounter(): (title: string) => string {
  let n = 0;
  return (title) => `${roman(++n)}. ${title}`;
}

function titleBlock(pdf: Pdf, doc: ResultsDocument): void {
  paragraph(pdf, MINUTES_TITLE, { font: FONT.bold, size: 14, align: 'center', after: 2 });
  paragraph(pdf, doc.contest.name, { font: FONT.bold, size: 12.5, align: 'center', after: 2 });
  if (doc.contest.finalDate)
    paragraph(pdf, `Ngày thi chung khảo: ${formatDateVi(doc.contest.finalDate)}`, {
      font: FONT.italic,
      size: 12,
      align: 'center',
    });
  pdf.y += 10;
}

/** How the figures were obtained, stated from the frozen rules so the reader can check them. */
function introduction(pdf: Pdf, doc: ResultsDocument): void {
  const r = doc.rules;
  const body = { size: 12, align: 'justify' as const, indent: 28, after: 3 };
  paragraph(
    pdf,
    `Căn cứ Thể lệ Hội thi (phiên bản thể lệ số ${doc.contest.rulesVersion}) và các phiếu chấm đã được ghi nhận, Ban tổ chức tổng hợp kết quả Hội thi như sau.`,
    body,
  );
  paragraph(
    pdf,
    `Điểm sơ khảo = điểm tương tác (tối đa ${points(r.interactionMax)}) + điểm giám khảo (tối đa ${points(r.judgingMax)}). Điểm chung khảo tối đa ${points(r.finalMax)}. Tổng điểm = điểm sơ khảo + điểm chung khảo.`,
    body,
  );
  if (r.judgingNormalisation)
    paragraph(pdf, normalisationSentence(r.judgingNormalisation, r.judgingMax), body);
  if (doc.judges.length > 0)
    paragraph(pdf, `Ban giám khảo: ${doc.judges.map((j) => j.name).join(', ')}.`, body);
  if (doc.interactionSnapshot)
    paragraph(
      pdf,
      `Số liệu tương tác được chốt lúc ${formatDateTimeVi(doc.interactionSnapshot.takenAt)}.`,
      body,
    );
}

/** Panel judging: how the judges' points were put on one scale (docs/scoring.md). */
export function normalisationSentence(method: 'zScore' | 'meanCentering', max: string): string {
  const how =
    method === 'zScore'
      ? `điểm chuẩn (z-score) của từng giám khảo, quy về thang 0–${points(max)} với tâm ở giữa thang`
      : `độ lệch so với điểm trung bình của từng giám khảo, cộng vào giữa thang 0–${points(max)}`;
  return `Mỗi sản phẩm do một tiểu ban giám khảo chấm; tổng điểm của mỗi giám khảo được chuẩn hoá theo ${how}. Điểm giám khảo là trung bình các tổng đã chuẩn hoá; cột "GK thô" ghi trung bình các tổng chưa chuẩn hoá để đối chiếu.`;
}

/** Wide enough for "179,12" at 8.5 pt; the headers wrap over two or three lines. */
const SCORE_COLUMN = { weight: 37, align: 'right' } as const;

/** With normalisation, the raw judges' points follow the normalised ones. */
const RAW_JUDGES_COLUMN: TableColumn = { header: 'GK thô', ...SCORE_COLUMN };

function withRawJudges(columns: readonly TableColumn[], doc: ResultsDocument): TableColumn[] {
  if (!doc.rules.judgingNormalisation) return [...columns];
  const at = columns.findIndex((c) => c.header === 'Điểm giám khảo') + 1;
  return [...columns.slice(0, at), RAW_JUDGES_COLUMN, ...columns.slice(at)];
}

function judgesCells(t: TeamResult, doc: ResultsDocument): string[] {
  return doc.rules.judgingNormalisation
    ? [points(t.judgesPoints), points(t.judgesRawPoints ?? null)]
    : [points(t.judgesPoints)];
}

const RANKING_COLUMNS: readonly TableColumn[] = [
  { header: 'Hạng', weight: 30, align: 'center' },
  { header: 'Đội', weight: 92 },
  { header: 'Đơn vị', weight: 92 },
  { header: 'Điểm tương tác', ...SCORE_COLUMN },
  { header: 'Điểm giám khảo', ...SCORE_COLUMN },
  { header: 'Điểm sơ khảo', ...SCORE_COLUMN },
  { header: 'Điểm chung khảo', ...SCORE_COLUMN },
  { header: 'Tổng điểm', ...SCORE_COLUMN },
  { header: 'Giải', weight: 70 },
];

function awardsCell(team: TeamResult): string {
  return team.awards.map(awardLabel).join('; ');
}

function rankingSection(pdf: Pdf, doc: ResultsDocument, section: (t: string) => string): void {
  const finalists = doc.teams.filter((t) => t.finalist);
  heading(pdf, section('KẾT QUẢ XẾP HẠNG CÁC ĐỘI THI CHUNG KHẢO'));
  if (finalists.length === 0) {
    paragraph(pdf, 'Không có đội thi chung khảo.', { indent: 28 });
    return;
  }
  const rows: TableRow[] = finalists.map((t) => ({
    cells: [
      t.rank === null ? '' : `${t.rank}${t.decided ? '*' : ''}`,
      t.teamName,
      t.unitName,
      points(t.interaction.points),
      ...judgesCells(t, doc),
      points(t.preliminary),
      points(t.final?.points ?? null),
      points(t.rankingScore),
      awardsCell(t),
    ],
  }));
  drawTable(pdf, withRawJudges(RANKING_COLUMNS, doc), rows, { fontSize: 8.5 });
  if (finalists.some((t) => t.decided))
    paragraph(
      pdf,
      '(*) Thứ hạng do Ban tổ chức quyết định vì bằng điểm sau khi đã áp dụng các tiêu chí phụ (xem mục quyết định về các trường hợp bằng điểm).',
      { font: FONT.italic, size: 10 },
    );
}

const OTHERS_COLUMNS: readonly TableColumn[] = [
  { header: 'STT', weight: 30, align: 'center' },
  { header: 'Đội', weight: 90 },
  { header: 'Đơn vị', weight: 120 },
  { header: 'Điểm tương tác', ...SCORE_COLUMN },
  { header: 'Điểm giám khảo', ...SCORE_COLUMN },
  { header: 'Điểm sơ khảo', ...SCORE_COLUMN },
  { header: 'Giải', weight: 90 },
];

/** Teams that did not reach the final, in the document's order, with their preliminary score. */
function othersSection(pdf: Pdf, doc: ResultsDocument, section: (t: string) => string): void {
  const others = doc.teams.filter((t) => !t.finalist);
  if (others.length === 0) return;
  heading(pdf, section('CÁC ĐỘI KHÔNG VÀO VÒNG CHUNG KHẢO'));
  const rows: TableRow[] = others.map((t, i) => ({
    cells: [
      String(i + 1),
      t.teamName,
      t.unitName,
      points(t.interaction.points),
      ...judgesCells(t, doc),
      points(t.preliminary),
      awardsCell(t),
    ],
  }));
  drawTable(pdf, withRawJudges(OTHERS_COLUMNS, doc), rows, { fontSize: 8.5 });
}

const PRIZE_COLUMNS: readonly TableColumn[] = [
  { header: 'STT', weight: 28, align: 'center' },
  { header: 'Giải', weight: 185 },
  { header: 'Đội nhận giải', weight: 180 },
  { header: 'Số tiền', weight: 75, align: 'right' },
];

function prizeSection(pdf: Pdf, doc: ResultsDocument, section: (t: string) => string): void {
  heading(pdf, section('GIẢI THƯỞNG'));
  // Same order as the list of winners: ranked prizes, side prizes, sponsors', giấy khen.
  const awards = awardGroups(doc.prizes.awards).flatMap((g) => g.awards);
  if (awards.length === 0)
    paragraph(pdf, 'Không có giải thưởng nào được trao.', { indent: 28, after: 3 });
  else drawTable(pdf, PRIZE_COLUMNS, prizeRows(doc, awards), { fontSize: 9 });
  paragraph(pdf, budgetLine(doc.prizes.totalVnd), {
    font: FONT.bold,
    after: 3,
  });
  const unassigned = doc.prizes.unassignedSlots;
  if (unassigned.length > 0)
    paragraph(
      pdf,
      `Giải không trao: ${unassigned.map((s) => `${s.prizeName} (${s.count} giải)`).join('; ')}.`,
      { after: 3 },
    );
  for (const n of doc.prizes.notAwarded ?? [])
    paragraph(pdf, `${n.prizeName}: không trao giải. Lý do: ${n.reason}`, { after: 3 });
}

function prizeRows(doc: ResultsDocument, awards: readonly AwardLine[]): TableRow[] {
  const rows: TableRow[] = awards.map((a, i) => ({
    cells: [
      String(i + 1),
      awardLabel(a),
      [a.teamName, teamOf(doc, a)?.unitName].filter(Boolean).join('\n'),
      money(a.amountVnd),
    ],
  }));
  rows.push({
    cells: ['', 'Tổng cộng', `${awards.length} giải`, formatVnd(doc.prizes.totalVnd)],
    bold: true,
  });
  return rows;
}

/** Ties that the tie-break chain could not separate, with the organisers' recorded reasons. */
function tieSection(pdf: Pdf, doc: ResultsDocument, section: (t: string) => string): void {
  if (doc.tieDecisions.length === 0) return;
  heading(pdf, section('QUYẾT ĐỊNH VỀ CÁC TRƯỜNG HỢP BẰNG ĐIỂM'));
  const nameOf = (entryId: string) =>
    doc.teams.find((t) => t.entryId === entryId)?.teamName ?? entryId;
  doc.tieDecisions.forEach((d, i) => {
    keepTogether(pdf, 50);
    paragraph(pdf, `${i + 1}. Các đội: ${d.entryIds.map(nameOf).join(', ')}.`, {
      font: FONT.bold,
      indent: 28,
      after: 1,
    });
    paragraph(pdf, `Lý do: ${d.reason}`, { indent: 28, align: 'justify', after: 1 });
    paragraph(pdf, `Người quyết định: ${d.decidedBy}, lúc ${formatDateTimeVi(d.decidedAt)}.`, {
      indent: 28,
      after: 4,
    });
  });
}

/**
 * What identifies this version. The fingerprint is printed whole, on a line of its own in a
 * size that fits it, so it can be compared (or copied) character by character with the one on
 * the public results page.
 */
function versionSection(pdf: Pdf, meta: ResultsVersionMeta, section: (t: string) => string): void {
  heading(pdf, section('XÁC THỰC KẾT QUẢ'), 110);
  const line = { indent: 28, after: 2 };
  paragraph(pdf, `Phiên bản kết quả số: ${meta.version}`, line);
  paragraph(pdf, `Thời điểm chốt kết quả: ${formatDateTimeVi(meta.frozenAt)}`, line);
  paragraph(
    pdf,
    meta.publishedAt
      ? `Thời điểm công bố: ${formatDateTimeVi(meta.publishedAt)}`
      : 'Thời điểm công bố: chưa công bố',
    line,
  );
  if (meta.correctionReason)
    paragraph(pdf, `Lý do điều chỉnh so với phiên bản trước: ${meta.correctionReason}`, {
      ...line,
      align: 'justify',
    });
  paragraph(pdf, 'Mã kiểm tra (SHA-256) của dữ liệu kết quả:', line);
  pdf.font(FONT.regular);
  const size = fittingSize(pdf, meta.fingerprint, contentWidth(pdf) - 28, 10);
  paragraph(pdf, meta.fingerprint, { size, indent: 28, after: 2 });
  if (meta.auditCheckpoint) checkpointLines(pdf, meta.auditCheckpoint);
}

/**
 * The signed audit checkpoint taken when the version was frozen, printed whole (chain, row
 * count, head hash, time, key and signature): with the published public key, anyone holding
 * this paper can later prove the audit log was not cut short or rewritten before that point.
 */
function checkpointLines(pdf: Pdf, c: SignedCheckpoint): void {
  const line = { indent: 28, after: 2 };
  paragraph(
    pdf,
    `Điểm neo nhật ký kiểm toán (ký số Ed25519, khoá ${c.keyId}): ${c.rowCount} bản ghi, ` +
      `ký lúc ${formatDateTimeVi(c.signedAt)} (${c.signedAt}); chuỗi ${c.chain}; mã băm đầu chuỗi và chữ ký:`,
    { ...line, align: 'justify' },
  );
  for (const text of [c.headHash, c.signature])
    paragraph(pdf, text, {
      size: fittingSize(pdf, text, contentWidth(pdf) - 28, 10),
      indent: 28,
      after: 2,
    });
}

/** The largest size up to `max` at which `text` fits on one line of `width` points. */
function fittingSize(pdf: Pdf, text: string, width: number, max: number): number {
  const atOne = pdf.fontSize(1).widthOfString(text);
  return Math.min(max, Math.floor((width / atOne) * 10) / 10);
}

import { formatVnd } from '../../formats';
import type { ResultsDocument, ResultsVersionMeta } from '../results-document';
import { type Pdf, OFFICIAL_MARGINS, paragraph, renderPdf, stampFooters } from './pdf-document';
import { FONT } from './pdf-fonts';
import {
  BLANK,
  type PdfOptions,
  awardGroups,
  budgetLine,
  money,
  roman,
  shortFingerprint,
  teamOf,
} from './pdf-format';
import { type TableColumn, type TableRow, drawTable } from './pdf-table';

/**
 * "Danh sách các đội đạt giải": the list attached to the organiser's award decision. The
 * decision's number and date are left blank: the decision is signed on paper, after the
 * results are frozen, and its number is only known then.
 */

export const RESULTS_LIST_TITLE = 'DANH SÁCH CÁC ĐỘI ĐẠT GIẢI';

export function renderResultsListPdf(
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
  _options: PdfOptions = {},
): Promise<Buffer> {
  return renderPdf(
    {
      title: `Danh sách các đội đạt giải - ${doc.contest.name}`,
      meta,
      layout: 'portrait',
      margins: OFFICIAL_MARGINS,
    },
    (pdf) => {
      titleBlock(pdf, doc);
      drawTable(pdf, COLUMNS, awardRows(doc), { fontSize: 9.5 });
      paragraph(pdf, budgetLine(doc.prizes.totalVnd), {
        font: FONT.bold,
        after: 4,
      });
      paragraph(
        pdf,
        `Danh sách này lập từ phiên bản kết quả số ${meta.version}, mã kiểm tra (SHA-256) ${meta.fingerprint}.`,
        { font: FONT.italic, size: 9 },
      );
      stampFooters(
        pdf,
        (page, count) =>
          `Danh sách đạt giải - phiên bản ${meta.version} - mã kiểm tra ${shortFingerprint(meta)} - Trang ${page}/${count}`,
      );
    },
  );
}

function titleBlock(pdf: Pdf, doc: ResultsDocument): void {
  paragraph(pdf, RESULTS_LIST_TITLE, { font: FONT.bold, size: 14, align: 'center', after: 2 });
  paragraph(
    pdf,
    `(Kèm theo Quyết định số ${BLANK}/QĐ-BTC ngày ${BLANK}/${BLANK}/${BLANK} của Ban tổ chức Hội thi)`,
    { font: FONT.italic, size: 12, align: 'center', after: 4 },
  );
  paragraph(pdf, doc.contest.name, { font: FONT.bold, size: 12.5, align: 'center' });
  pdf.y += 12;
}

const COLUMNS: readonly TableColumn[] = [
  { header: 'STT', weight: 28, align: 'center' },
  { header: 'Đội / cá nhân', weight: 128 },
  { header: 'Đơn vị', weight: 130 },
  { header: 'Mô hình, sáng kiến', weight: 104 },
  { header: 'Số tiền', weight: 70, align: 'right' },
];

function awardRows(doc: ResultsDocument): TableRow[] {
  const rows: TableRow[] = [];
  awardGroups(doc.prizes.awards).forEach((group, g) => {
    const count = group.awards.length;
    rows.push({ span: `${roman(g + 1)}. ${group.title} (${count} giải)`, bold: true });
    group.awards.forEach((award, i) => {
      const team = teamOf(doc, award);
      // An individual side prize honours a person: the name first, the team under it.
      const who = award.memberName ? `${award.memberName}\n(${award.teamName})` : award.teamName;
      rows.push({
        cells: [
          String(i + 1),
          who,
          team?.unitName ?? '',
          team?.entryName ?? '',
          money(award.amountVnd),
        ],
      });
    });
  });
  const total = doc.prizes.awards.length;
  rows.push({
    cells: ['', `Tổng cộng: ${total} giải`, '', '', formatVnd(doc.prizes.totalVnd)],
    bold: true,
  });
  return rows;
}

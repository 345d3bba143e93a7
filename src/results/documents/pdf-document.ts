import PDFDocument from 'pdfkit';
import type { ResultsVersionMeta } from '../results-document';
import { FONT, type FontName } from './pdf-fonts';

/**
 * The page set-up and the building blocks shared by the results PDFs: a document that renders
 * into a Buffer, paragraphs, the national header, signature blocks and page footers.
 */

export type Pdf = PDFKit.PDFDocument;

const MM = 72 / 25.4;

/**
 * Margins of Nghị định 30/2020/NĐ-CP (top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm):
 * the wide left margin leaves room for the binding of the printed copy.
 */
export const OFFICIAL_MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

export interface PdfSetup {
  title: string;
  meta: ResultsVersionMeta;
  layout: 'portrait' | 'landscape';
  margins: { top: number; bottom: number; left: number; right: number };
  /** false when the renderer adds every page itself (certificates: one page per award) */
  autoFirstPage?: boolean;
}

/**
 * Runs `draw` on a fresh A4 document and resolves with the bytes. Pages are buffered so that
 * footers ("Trang 2/5") can be stamped once the page count is known. CreationDate is the
 * frozen instant, not the rendering time: pdfkit derives the file ID from the metadata, so
 * the same version renders to the same metadata every time.
 */
export function renderPdf(setup: PdfSetup, draw: (doc: Pdf) => void): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const frozenAt = new Date(setup.meta.frozenAt);
    const doc = new PDFDocument({
      size: 'A4',
      layout: setup.layout,
      margins: setup.margins,
      autoFirstPage: setup.autoFirstPage ?? true,
      bufferPages: true,
      // pdfkit would otherwise load Helvetica, which cannot show Vietnamese anyway.
      font: FONT.regular,
      lang: 'vi-VN',
      displayTitle: true,
      info: {
        Title: nfc(setup.title),
        Author: 'Ban tổ chức',
        Subject: `Phiên bản kết quả ${setup.meta.version} - SHA-256 ${setup.meta.fingerprint}`,
        Creator: 'cchc-contest-platform',
        CreationDate: frozenAt,
        ModDate: frozenAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * Text typed on a Mac or pasted from some web pages arrives decomposed (e + combining marks);
 * the font's precomposed glyphs only match NFC, and search in the PDF expects it too.
 */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

export function contentWidth(doc: Pdf): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function pageBottom(doc: Pdf): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when fewer than `height` points are left, so a block is not split. */
export function keepTogether(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

export interface TextStyle {
  font?: FontName;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** first-line indent, as Vietnamese documents indent their paragraphs */
  indent?: number;
  /** space after, in points */
  after?: number;
  color?: string;
}

/** A paragraph across the full text width, at the current vertical position. */
export function paragraph(doc: Pdf, text: string, style: TextStyle = {}): void {
  doc
    .font(style.font ?? FONT.regular)
    .fontSize(style.size ?? 12)
    .fillColor(style.color ?? 'black')
    .text(nfc(text), doc.page.margins.left, doc.y, {
      width: contentWidth(doc),
      align: style.align ?? 'left',
      indent: style.indent ?? 0,
    });
  doc.fillColor('black');
  doc.y += style.after ?? 0;
}

/** A bold section heading, kept on the same page as at least `keepWith` points of what follows. */
export function heading(doc: Pdf, text: string, keepWith = 60): void {
  doc.moveDown(0.4);
  keepTogether(doc, 20 + keepWith);
  paragraph(doc, text, { font: FONT.bold, size: 12, after: 4 });
}

/** Centered text in a column [x, x + width] starting at y; returns the y below it. */
function centeredIn(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  width: number,
  font: FontName,
  size: number,
): number {
  doc.font(font).fontSize(size).text(nfc(text), x, y, { width, align: 'center' });
  return doc.y;
}

/** A short rule centered under a line, as under the motto and the issuer's name. */
function ruleUnder(doc: Pdf, centerX: number, y: number, length: number): void {
  doc
    .moveTo(centerX - length / 2, y)
    .lineTo(centerX + length / 2, y)
    .lineWidth(0.6)
    .strokeColor('black')
    .stroke();
}

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The header of an administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I): issuer and
 * document number on the left, national name and motto on the right with a rule under the
 * motto, then the place and date in italics under the motto.
 */
export function officialHeader(doc: Pdf, issuer: string, number: string, placeDate: string): void {
  const left = doc.page.margins.left;
  const top = doc.y;
  const width = contentWidth(doc);
  const leftWidth = width * 0.4;
  const rightX = left + leftWidth;
  const rightWidth = width - leftWidth;

  let leftY = centeredIn(doc, issuer, left, top, leftWidth, FONT.bold, 12);
  ruleUnder(doc, left + leftWidth / 2, leftY + 2, 60);
  leftY = centeredIn(doc, number, left, leftY + 6, leftWidth, FONT.regular, 12);

  let rightY = centeredIn(doc, NATIONAL_NAME, rightX, top, rightWidth, FONT.bold, 11.5);
  rightY = centeredIn(doc, NATIONAL_MOTTO, rightX, rightY, rightWidth, FONT.bold, 12.5);
  const mottoWidth = doc.widthOfString(NATIONAL_MOTTO);
  ruleUnder(doc, rightX + rightWidth / 2, rightY + 1, mottoWidth);
  rightY = centeredIn(doc, placeDate, rightX, rightY + 8, rightWidth, FONT.italic, 12);

  doc.x = left;
  doc.y = Math.max(leftY, rightY) + 16;
}

/** Signature blocks side by side: title in bold, "(Ký, ghi rõ họ tên)", room to sign. */
export function signatures(doc: Pdf, titles: readonly string[]): void {
  const roomToSign = 70;
  doc.moveDown(1);
  keepTogether(doc, 40 + roomToSign);
  const left = doc.page.margins.left;
  const columnWidth = contentWidth(doc) / titles.length;
  const top = doc.y;
  titles.forEach((title, i) => {
    const x = left + i * columnWidth;
    const y = centeredIn(doc, title, x, top, columnWidth, FONT.bold, 12);
    centeredIn(doc, '(Ký, ghi rõ họ tên)', x, y, columnWidth, FONT.italic, 11);
  });
  doc.x = left;
  doc.y = top + 40 + roomToSign;
}

/**
 * Writes `line(page, count)` centered in the bottom margin of every buffered page. The bottom
 * margin is lifted while writing: text below it would otherwise make pdfkit add a new page.
 */
export function stampFooters(doc: Pdf, line: (page: number, count: number) => string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    const bottom = margins.bottom;
    margins.bottom = 0;
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor('#444444')
      .text(nfc(line(i - start + 1, count)), margins.left, doc.page.height - bottom / 2 - 4, {
        width: contentWidth(doc),
        align: 'center',
        lineBreak: false,
      });
    margins.bottom = bottom;
  }
  doc.fillColor('black');
}

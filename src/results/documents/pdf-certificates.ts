import type { AwardLine, ResultsDocument, ResultsVersionMeta } from '../results-document';
import { NATIONAL_MOTTO, NATIONAL_NAME, type Pdf, nfc, renderPdf } from './pdf-document';
import { FONT, type FontName } from './pdf-fonts';
import {
  BLANK,
  DEFAULT_ORGANIZER,
  type PdfOptions,
  documentDate,
  placeAndDate,
  shortFingerprint,
  teamOf,
} from './pdf-format';

/**
 * Certificates: one landscape A4 page per award line (ranked prize, side prize, sponsor's prize,
 * giấy khen). Every element sits at a computed position inside a decorative frame, and the
 * footer carries the version and the short fingerprint so that a printed certificate can be
 * checked against the public results page.
 */

const RED = '#a31515';
const NAVY = '#12306b';
const GREY = '#555555';

/** Inside the frame: the width the text is centered in. */
const SIDE = 80;
/** pdfkit adds a page when text passes the bottom margin: keep it below everything we draw. */
const MARGINS = { top: 40, bottom: 20, left: SIDE, right: SIDE };

export function renderCertificatesPdf(
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
  options: PdfOptions = {},
): Promise<Buffer> {
  return renderPdf(
    {
      title: `Giấy chứng nhận - ${doc.contest.name}`,
      meta,
      layout: 'landscape',
      margins: MARGINS,
      autoFirstPage: false,
    },
    (pdf) => {
      const awards = doc.prizes.awards;
      if (awards.length === 0) return noAwardsPage(pdf, meta);
      awards.forEach((award, i) => {
        pdf.addPage();
        certificatePage(pdf, doc, meta, options, award, `${i + 1}/${awards.length}`);
      });
    },
  );
}

/** What a certificate says, worked out from the award before anything is drawn. */
export interface CertificateText {
  title: string;
  /** who grants it, above the verb ("BAN TỔ CHỨC HỘI THI" / "chứng nhận") */
  issuer: string;
  verb: string;
  recipient: string;
  details: string[];
  entry: string | null;
  /** "Đã đạt" before the prize, or the whole achievement sentence of a giấy khen */
  lead: string;
  /** the prize in large red letters; null when the title and issuer already say it */
  prize: string | null;
  /** "tại <contest>" after the prize; null when the lead already names the contest */
  where: string | null;
  sponsor: string | null;
  signer: string;
}

const ORGANIZER_SIGNER = 'TRƯỞNG BAN TỔ CHỨC';

export function certificateText(
  doc: ResultsDocument,
  award: AwardLine,
  organizer: string,
): CertificateText {
  const team = teamOf(doc, award);
  // An individual side prize honours a person; the team and unit say where they come from.
  const details = award.memberName
    ? [`Thành viên ${award.teamName}`, ...(team ? [team.unitName] : [])]
    : team
      ? [`Đơn vị: ${team.unitName}`]
      : [];
  const common = {
    recipient: award.memberName ?? award.teamName,
    details,
    entry: team ? `Mô hình, sáng kiến: “${team.entryName}”` : null,
    sponsor: award.sponsor ? `Giải do ${award.sponsor} tài trợ` : null,
  };
  if (award.kind !== 'certificate')
    return {
      ...common,
      title: 'GIẤY CHỨNG NHẬN',
      issuer: organizer,
      verb: 'chứng nhận',
      lead: 'Đã đạt',
      prize: award.prizeName,
      where: `tại ${doc.contest.name}`,
      signer: ORGANIZER_SIGNER,
    };
  // A giấy khen is granted by the head of an authority (Luật Thi đua, khen thưởng), which the
  // prize's name states: "Giấy khen của Chủ tịch UBND thành phố". That authority is then the
  // issuer and the signer; a name in another form keeps the organisers and shows the prize.
  const authority = /^giấy khen của (.+)$/iu.exec(award.prizeName.trim())?.[1];
  return {
    ...common,
    title: 'GIẤY KHEN',
    issuer: authority ? authority.toLocaleUpperCase('vi') : organizer,
    verb: 'khen tặng',
    lead: `Đã có thành tích tại ${doc.contest.name}`,
    prize: authority ? null : award.prizeName,
    where: null,
    signer: authority ? authority.toLocaleUpperCase('vi') : ORGANIZER_SIGNER,
  };
}

function certificatePage(
  pdf: Pdf,
  doc: ResultsDocument,
  meta: ResultsVersionMeta,
  options: PdfOptions,
  award: AwardLine,
  ordinal: string,
): void {
  const text = certificateText(doc, award, options.organizer ?? DEFAULT_ORGANIZER);
  frame(pdf);
  let y = 52;
  y = centered(pdf, NATIONAL_NAME, y, FONT.bold, 13);
  y = centered(pdf, NATIONAL_MOTTO, y, FONT.bold, 13.5);
  rule(pdf, y + 1, pdf.widthOfString(NATIONAL_MOTTO));
  y = centered(pdf, text.title, y + 24, FONT.bold, 34, RED);
  y = centered(pdf, text.issuer, y + 6, FONT.bold, 14);
  y = centered(pdf, text.verb, y, FONT.italic, 14);
  y = centered(pdf, text.recipient, y + 14, FONT.bold, 24, NAVY);
  for (const line of text.details) y = centered(pdf, line, y + 2, FONT.regular, 14);
  if (text.entry) y = centered(pdf, text.entry, y + 2, FONT.italic, 14);
  y = centered(pdf, text.lead, y + 16, FONT.regular, 14);
  if (text.prize) y = centered(pdf, text.prize, y + 2, FONT.bold, 20, RED);
  if (text.where) y = centered(pdf, text.where, y + 4, FONT.regular, 14);
  if (text.sponsor) y = centered(pdf, text.sponsor, y + 2, FONT.italic, 12);
  const placeDate = placeAndDate(documentDate(doc, meta), options.place);
  signatureBlock(pdf, placeDate, text.signer, y + 16);
  footer(pdf, meta, ordinal);
}

/** A PDF needs at least one page: say why there is no certificate rather than fail. */
function noAwardsPage(pdf: Pdf, meta: ResultsVersionMeta): void {
  pdf.addPage();
  frame(pdf);
  centered(pdf, 'Phiên bản kết quả này không có giải thưởng nào.', 250, FONT.italic, 16);
  footer(pdf, meta, '0/0');
}

/** A thick outer and a thin inner border, the usual frame of a printed certificate. */
function frame(pdf: Pdf): void {
  const { width, height } = pdf.page;
  pdf
    .lineWidth(3)
    .strokeColor(RED)
    .rect(22, 22, width - 44, height - 44)
    .stroke();
  pdf
    .lineWidth(0.8)
    .strokeColor(RED)
    .rect(30, 30, width - 60, height - 60)
    .stroke();
  pdf.strokeColor('black');
}

/** Text centered between the side margins at y; returns the y below it. */
function centered(
  pdf: Pdf,
  text: string,
  y: number,
  font: FontName,
  size: number,
  color = 'black',
): number {
  const width = pdf.page.width - 2 * SIDE;
  pdf
    .font(font)
    .fontSize(size)
    .fillColor(color)
    .text(nfc(text), SIDE, y, { width, align: 'center' });
  pdf.fillColor('black');
  return pdf.y;
}

function rule(pdf: Pdf, y: number, length: number): void {
  const middle = pdf.page.width / 2;
  pdf
    .moveTo(middle - length / 2, y)
    .lineTo(middle + length / 2, y)
    .lineWidth(0.6)
    .stroke();
}

/**
 * Date and signer in the lower right half, the register number in the lower left. The block
 * sits at a fixed height, lower only if long names pushed the text above it down.
 */
function signatureBlock(pdf: Pdf, placeDate: string, signer: string, below: number): void {
  const half = (pdf.page.width - 2 * SIDE) / 2;
  const right = SIDE + half;
  const top = Math.max(pdf.page.height - 165, below);
  pdf
    .font(FONT.regular)
    .fontSize(12)
    .text(nfc(`Số vào sổ: ${BLANK}`), SIDE, top + 20, { width: half });
  pdf
    .font(FONT.italic)
    .fontSize(13)
    .text(nfc(placeDate), right, top, { width: half, align: 'center' });
  pdf
    .font(FONT.bold)
    .fontSize(13)
    .text(nfc(signer), right, pdf.y + 2, {
      width: half,
      align: 'center',
    });
}

/** Version, short fingerprint and the certificate's ordinal, small and grey above the frame. */
function footer(pdf: Pdf, meta: ResultsVersionMeta, ordinal: string): void {
  const line = `Phiên bản kết quả số ${meta.version} - Mã kiểm tra: ${shortFingerprint(meta)} - Đối chiếu tại trang công bố kết quả của Hội thi - ${ordinal}`;
  pdf
    .font(FONT.regular)
    .fontSize(8.5)
    .fillColor(GREY)
    .text(nfc(line), SIDE, pdf.page.height - 48, {
      width: pdf.page.width - 2 * SIDE,
      align: 'center',
      lineBreak: false,
    });
  pdf.fillColor('black');
}

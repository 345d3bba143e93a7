import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { FONT } from '../results/documents/pdf-fonts';

export interface Slip {
  displayName: string;
  /** "Đội thi", "Giám khảo", "Ban tổ chức" */
  role: string;
  /** e.g. the team's number and unit, or the judge's unit */
  detail: string;
  username: string;
  temporaryPassword: string;
}

const MM = 72 / 25.4;
const SLIPS_PER_PAGE = 4;
const MARGIN = 12 * MM;
const QR_SIZE = 30 * MM;

/**
 * The account slips of one registration: A4 pages of four slips to cut apart, one per person:
 * contest, name, role, login name, temporary password, the sign-in address and its QR code.
 * Same fonts as the results documents (Noto Serif: every Vietnamese letter, text extractable).
 * The QR code is drawn as vector squares from `qrcode`'s module matrix (no image, no canvas),
 * computed once: every slip points to the same address.
 */
export function renderAccountSlips(
  contestName: string,
  signInUrl: string,
  slips: readonly Slip[],
  createdAt: Date,
): Promise<Buffer> {
  const qr = qrRuns(signInUrl);
  return new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      autoFirstPage: false,
      font: FONT.regular,
      lang: 'vi-VN',
      info: {
        Title: nfc(`Phiếu tài khoản - ${contestName}`),
        Author: 'Ban tổ chức',
        Creator: 'cchc-contest-platform',
        CreationDate: createdAt,
        ModDate: createdAt,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      slips.forEach((slip, i) => {
        if (i % SLIPS_PER_PAGE === 0) doc.addPage();
        const height = (doc.page.height - 2 * MARGIN) / SLIPS_PER_PAGE;
        const top = MARGIN + (i % SLIPS_PER_PAGE) * height;
        drawSlip(doc, slip, contestName, signInUrl, qr, top, height);
      });
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function drawSlip(
  doc: PDFKit.PDFDocument,
  slip: Slip,
  contestName: string,
  signInUrl: string,
  qr: QrRuns,
  top: number,
  height: number,
) {
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  // cut line
  doc
    .save()
    .dash(4, { space: 3 })
    .lineWidth(0.5)
    .strokeColor('#888888')
    .rect(left, top + 2, width, height - 4)
    .stroke()
    .restore();
  const textLeft = left + 10;
  const textWidth = width - QR_SIZE - 30;
  let y = top + 10;
  const line = (text: string, font: string, size: number, gap = 3) => {
    doc.font(font).fontSize(size).fillColor('black').text(nfc(text), textLeft, y, {
      width: textWidth,
      lineBreak: true,
    });
    y = doc.y + gap;
  };
  line('PHIẾU TÀI KHOẢN', FONT.bold, 12, 1);
  line(contestName, FONT.italic, 10, 6);
  line(`Họ và tên: ${slip.displayName}`, FONT.bold, 11);
  line(`Vai trò: ${slip.role}${slip.detail ? ` - ${slip.detail}` : ''}`, FONT.regular, 10);
  line(`Tên đăng nhập: ${slip.username}`, FONT.regular, 11);
  line(`Mật khẩu tạm thời: ${slip.temporaryPassword}`, FONT.bold, 12);
  line(`Đăng nhập tại: ${signInUrl}`, FONT.regular, 10);
  line(
    'Lần đăng nhập đầu tiên, hệ thống yêu cầu đổi sang mật khẩu của riêng bạn. Giữ kín phiếu này.',
    FONT.italic,
    9,
  );
  // QR code of the sign-in address, at the right of the slip
  const qrLeft = left + width - QR_SIZE - 12;
  const qrTop = top + (height - QR_SIZE) / 2;
  const cell = QR_SIZE / qr.size;
  doc.save().fillColor('black');
  for (const [row, col, length] of qr.runs)
    doc.rect(qrLeft + col * cell, qrTop + row * cell, length * cell, cell);
  doc.fill().restore();
}

interface QrRuns {
  size: number;
  /** [row, first column, length] of each horizontal run of dark modules */
  runs: [number, number, number][];
}

/** The QR code's dark modules as horizontal runs (fewer rectangles than one per module). */
function qrRuns(text: string): QrRuns {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: [number, number, number][] = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col);
      if (dark && start < 0) start = col;
      else if (!dark && start >= 0) {
        runs.push([row, start, col - start]);
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

function nfc(text: string): string {
  return text.normalize('NFC');
}

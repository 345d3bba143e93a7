import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { startWorker } from '../common/start-worker';
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

export interface SlipsInput {
  contestName: string;
  signInUrl: string;
  slips: Slip[];
  /** ISO 8601: the PDF's creation date */
  createdAt: string;
}

/** A PDF of 436 slips took 0,3-2 s of CPU (idle to busy machine): too long for the main thread. */
const SLIPS_TIMEOUT_MS = 60_000;

/**
 * Renders the slips in a worker thread, so other requests are answered meanwhile; the worker
 * has a heap limit and is stopped after a minute. The passwords travel to it in memory only.
 */
export function renderSlipsInWorker(input: SlipsInput): Promise<Buffer> {
  const worker = startWorker(join(__dirname, 'slips-worker'), {
    workerData: input,
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  });
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error('account slips: rendering took longer than a minute'));
      void worker.terminate();
    }, SLIPS_TIMEOUT_MS);
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: { pdf: Uint8Array } | { failed: string }) =>
      finish(() =>
        'pdf' in message
          ? resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength))
          : reject(new Error(`account slips: ${message.failed}`)),
      ),
    );
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`account slips worker exited with code ${code}`))),
    );
  });
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
  // Lines at fixed offsets, drawn font by font: switching fonts and wrapping lines were most
  // of the time of 436 slips; a value too long for its line is shortened with "…".
  const lines: [font: string, size: number, dy: number, text: string][] = [
    [FONT.bold, 12, 10, 'PHIẾU TÀI KHOẢN'],
    [FONT.italic, 10, 27, contestName],
    [FONT.bold, 11, 48, `Họ và tên: ${slip.displayName}`],
    [FONT.regular, 10, 65, `Vai trò: ${slip.role}${slip.detail ? ` - ${slip.detail}` : ''}`],
    [FONT.regular, 11, 82, `Tên đăng nhập: ${slip.username}`],
    [FONT.bold, 12, 100, `Mật khẩu tạm thời: ${slip.temporaryPassword}`],
    [FONT.regular, 10, 120, `Đăng nhập tại: ${signInUrl}`],
    [
      FONT.italic,
      9,
      140,
      'Lần đăng nhập đầu tiên, hệ thống yêu cầu đổi sang mật khẩu của riêng bạn.',
    ],
    [FONT.italic, 9, 153, 'Giữ kín phiếu này; không gửi ảnh chụp phiếu qua mạng xã hội.'],
  ];
  doc.fillColor('black');
  for (const font of [FONT.bold, FONT.regular, FONT.italic]) {
    doc.font(font);
    for (const [f, size, dy, text] of lines)
      if (f === font)
        doc.fontSize(size).text(fit(doc, nfc(text), textWidth), textLeft, top + dy, {
          lineBreak: false,
        });
  }
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

/** The text, shortened with "…" when wider than `width` at the current font and size. */
function fit(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text.length;
  while (cut > 1 && doc.widthOfString(`${text.slice(0, cut)}…`) > width) cut--;
  return `${text.slice(0, cut)}…`;
}

function nfc(text: string): string {
  return text.normalize('NFC');
}

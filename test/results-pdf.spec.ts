import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  renderCertificatesPdf,
  renderMinutesPdf,
  renderResultsListPdf,
} from '../src/results/documents/pdf';
import type {
  ResultsDocument,
  ResultsVersionMeta,
  TeamResult,
} from '../src/results/results-document';
import { sampleId, sampleResultsDocument } from './support/sample-results';

/**
 * The results PDFs, read back with poppler (pdftotext, pdfinfo, pdftoppm): the Vietnamese text
 * must come out exactly, in NFC, which only happens when the font is embedded with a correct
 * ToUnicode map. Needs the system package poppler-utils.
 */

const run = promisify(execFile);
const OUT = join(__dirname, '..', 'test-output');

const POPPLER_MISSING =
  'poppler-utils is not installed: the PDF tests need pdftotext, pdfinfo and pdftoppm. ' +
  'Install it with `apt-get install -y poppler-utils` (Debian/Ubuntu).';

async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(POPPLER_MISSING);
    throw error;
  }
}

function save(name: string, pdf: Buffer): string {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, name);
  writeFileSync(file, pdf);
  return file;
}

/** The text of every page, laid out as on paper; pages are separated by form feeds. */
async function textOf(file: string): Promise<string> {
  const text = await poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
  // A font without a ToUnicode map, or a decomposed encoding, fails here before any match.
  expect(text).toBe(text.normalize('NFC'));
  return text;
}

async function pageCount(file: string): Promise<number> {
  const info = await poppler('pdfinfo', [file]);
  const match = /^Pages:\s+(\d+)$/m.exec(info);
  if (!match) throw new Error(`pdfinfo printed no page count:\n${info}`);
  return Number(match[1]);
}

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

interface Page {
  width: number;
  height: number;
  words: Word[];
}

/** Every word with its box, from `pdftotext -bbox` (XHTML, one <page> per page). */
async function wordsOf(file: string): Promise<Page[]> {
  const html = await poppler('pdftotext', ['-bbox', file, '-']);
  const pages: Page[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  const wordRe =
    /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const [, width, height, body] of html.matchAll(pageRe)) {
    const words = [...body!.matchAll(wordRe)].map(([, xMin, yMin, xMax, yMax, text]) => ({
      text: text!,
      xMin: Number(xMin),
      yMin: Number(yMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
    }));
    pages.push({ width: Number(width), height: Number(height), words });
  }
  return pages;
}

const MM = 72 / 25.4;
/** pdfkit's justified lines may end a fraction of a point past the margin; overflow is more. */
const SLACK = 2;

/**
 * Nothing is drawn outside the text area of an official page (margins of 30 mm left, 15 mm
 * right, 20 mm top and bottom) except the footer line in the bottom margin.
 */
async function expectWithinMargins(file: string, footer: RegExp): Promise<Page[]> {
  const pages = await wordsOf(file);
  pages.forEach((page, i) => {
    const bottom = page.height - 20 * MM;
    const body = page.words.filter((w) => w.yMin < bottom);
    const below = page.words.filter((w) => w.yMin >= bottom);
    for (const w of body) {
      expect({ page: i + 1, word: w.text, inside: w.yMax <= bottom + SLACK }).toEqual({
        page: i + 1,
        word: w.text,
        inside: true,
      });
      expect(w.xMin).toBeGreaterThanOrEqual(30 * MM - SLACK);
      expect(w.xMax).toBeLessThanOrEqual(page.width - 15 * MM + SLACK);
      expect(w.yMin).toBeGreaterThanOrEqual(20 * MM - SLACK);
    }
    expect(below.map((w) => w.text).join(' ')).toMatch(footer);
    expect(Math.max(...below.map((w) => w.yMax))).toBeLessThan(page.height - 5 * MM);
  });
  return pages;
}

async function renderPng(file: string, name: string): Promise<string> {
  const prefix = join(OUT, name);
  await poppler('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-singlefile',
    '-f',
    '1',
    '-l',
    '1',
    file,
    prefix,
  ]);
  const png = `${prefix}.png`;
  // A blank A4 page at 60 dpi compresses to about 2 kB; a page with text is many times that.
  expect(statSync(png).size).toBeGreaterThan(15_000);
  return png;
}

function metaOf(doc: ResultsDocument, overrides: Partial<ResultsVersionMeta> = {}) {
  return {
    version: 2,
    fingerprint: createHash('sha256').update(JSON.stringify(doc)).digest('hex'),
    frozenAt: '2022-09-08T09:30:00.000Z',
    publishedAt: '2022-09-08T10:05:00.000Z',
    correctionReason: 'Loại 12 lượt tương tác từ tài khoản ảo của Đội phường Ngã Bảy',
    ...overrides,
  } satisfies ResultsVersionMeta;
}

/**
 * The fixture with 60 teams: 40 finalists (ranks 1-40), then 20 teams out at the preliminary.
 * The added teams copy the figures of the 9th (a layout test: the ties are not meaningful).
 */
function sixtyTeams(): ResultsDocument {
  const doc = sampleResultsDocument();
  const template = doc.teams[8]!;
  const extra: TeamResult[] = Array.from({ length: 51 }, (_, k) => {
    const n = k + 10;
    const finalist = n <= 40;
    return {
      ...structuredClone(template),
      entryId: sampleId('entry', n),
      teamId: sampleId('team', n),
      teamNumber: n,
      teamName: `Đội ấp Thạnh Hòa số ${n}`,
      unitName: `Ủy ban nhân dân xã Tân Thành, ấp Thạnh Hòa số ${n}`,
      entryName: `Sáng kiến số ${n}`,
      finalist,
      final: finalist ? structuredClone(template.final) : null,
      rankingScore: finalist ? template.rankingScore : null,
      rank: finalist ? n : null,
      awards: [],
    };
  });
  doc.teams.push(...extra);
  return doc;
}

/** The fixture with a tie between the 4th and 5th teams, settled by the organisers. */
function withTieDecision(): ResultsDocument {
  const doc = sampleResultsDocument();
  doc.teams[3]!.decided = true;
  doc.teams[4]!.decided = true;
  doc.tieDecisions.push({
    entryIds: [sampleId('entry', 4), sampleId('entry', 5)],
    reason: 'Hai đội bằng điểm ở mọi tiêu chí phụ; Ban tổ chức bốc thăm công khai.',
    decidedBy: 'Nguyễn Văn An',
    decidedAt: '2022-09-08T10:00:00.000Z',
  });
  return doc;
}

const NATIONAL = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

describe('results PDFs', () => {
  beforeAll(async () => {
    // Fail (never skip) with the install hint when poppler is missing.
    await poppler('pdftotext', ['-v']);
  });

  describe('minutes (biên bản)', () => {
    const doc = sampleResultsDocument();
    const meta = metaOf(doc);
    let file: string;
    let text: string;
    let flat: string;

    beforeAll(async () => {
      file = save('minutes.pdf', await renderMinutesPdf(doc, meta, { place: 'Ngã Bảy' }));
      text = await textOf(file);
      flat = text.replace(/\s+/g, ' ');
    });

    it('has the national header, the title, the contest and the date', () => {
      expect(text).toContain(NATIONAL);
      expect(text).toContain(MOTTO);
      expect(text).toContain('BIÊN BẢN TỔNG HỢP KẾT QUẢ HỘI THI');
      expect(text).toContain('Ngã Bảy, ngày 08 tháng 9 năm 2022');
      expect(text).toContain('Ngày thi chung khảo: 08/09/2022');
      expect(flat).toContain(doc.contest.name);
    });

    it('ranks every finalist with Vietnamese-formatted points', () => {
      // Team 1: interaction 30,00 + judges 64,12 = preliminary 94,12; + final 85,00 = 179,12.
      const row1 = text.split('\n').find((l) => /^\s*1\s/.test(l) && l.includes('179,12'));
      expect(row1).toBeDefined();
      expect(row1!.replace(/\s+/g, ' ')).toContain('30,00 64,12 94,12 85,00 179,12');
      // Team 2: 29,00 + 62,62 = 91,62; + 83,00 = 174,62.
      expect(text).toMatch(/29,00\s+62,62\s+91,62\s+83,00\s+174,62/);
      expect(text).toContain('Đội Tư pháp');
      for (const header of ['Hạng', 'Đội', 'Đơn vị', 'Tổng điểm', 'Giải'])
        expect(text).toContain(header);
    });

    it('lists the prizes with amounts and the total budget', () => {
      expect(text).toContain('6.000.000 đ');
      expect(text).toContain('4.000.000 đ');
      expect(text).toContain('500.000 đ');
      expect(text.replace(/\s+/g, ' ')).toContain(
        'Tổng kinh phí khen thưởng: 18.000.000 đ (bằng chữ: Mười tám triệu đồng)',
      );
      // The team name sits on the line above its row's middle line (cells are centered).
      expect(text).toMatch(/Đội phường Hiệp Thành\s*\n\s*1\s+Giải Nhất\s.*\s6\.000\.000 đ\n/);
      expect(text).toContain('Giải phụ cá nhân: Đặng Thị Thúy Hằng');
      expect(text).toMatch(/Tổng cộng\s+11 giải\s+18\.000\.000 đ/);
    });

    it('states the version, frozen time, correction reason and the whole fingerprint', () => {
      expect(text).toContain('Phiên bản kết quả số: 2');
      expect(text).toContain('Thời điểm chốt kết quả: 08/09/2022 16:30');
      expect(text).toContain('Thời điểm công bố: 08/09/2022 17:05');
      expect(flat).toContain(`Lý do điều chỉnh so với phiên bản trước: ${meta.correctionReason}`);
      // On one line, so it can be copied and compared in one piece.
      expect(text).toMatch(new RegExp(`^\\s*${meta.fingerprint}\\s*$`, 'm'));
    });

    it('has the signature blocks', () => {
      expect(text).toMatch(/THƯ KÝ\s+TRƯỞNG BAN TỔ CHỨC/);
      expect(text).toContain('(Ký, ghi rõ họ tên)');
    });

    it('sets the metadata, with the frozen instant as creation date', async () => {
      const info = await poppler('pdfinfo', ['-isodates', file]);
      expect(info).toMatch(/^Title:\s+Biên bản tổng hợp kết quả - Hội thi Mô hình/m);
      expect(info).toMatch(/^Author:\s+Ban tổ chức$/m);
      expect(info).toContain(meta.fingerprint);
      expect(info).toMatch(/^CreationDate:\s+2022-09-08T09:30:00(Z|\+00)/m);
    });

    it('keeps the text inside the margins and numbers the pages', async () => {
      await expectWithinMargins(
        file,
        new RegExp(
          `^Biên bản kết quả - phiên bản 2 - mã kiểm tra ${meta.fingerprint.slice(0, 12)} - Trang \\d/\\d$`,
        ),
      );
    });

    it('renders a first page that can be looked at', async () => {
      await renderPng(file, 'minutes-page1');
    });

    it('renders the same version to the same bytes', async () => {
      const again = await renderMinutesPdf(doc, meta, { place: 'Ngã Bảy' });
      expect(again.equals(await renderMinutesPdf(doc, meta, { place: 'Ngã Bảy' }))).toBe(true);
    });
  });

  describe('minutes of 60 teams', () => {
    const doc = sixtyTeams();
    const meta = metaOf(doc, { correctionReason: null, publishedAt: null });
    let file: string;
    let pages: string[];

    beforeAll(async () => {
      file = save('minutes-60.pdf', await renderMinutesPdf(doc, meta));
      pages = (await textOf(file)).split('\f').filter((p) => p.trim() !== '');
    });

    it('runs over several pages with nothing below the bottom margin', async () => {
      expect(await pageCount(file)).toBeGreaterThanOrEqual(3);
      await expectWithinMargins(
        file,
        /^Biên bản kết quả - phiên bản 2 - mã kiểm tra [0-9a-f]{12} - Trang \d+\/\d+$/,
      );
    });

    it('lists every team once and repeats the table header on every page of a table', () => {
      const all = pages.join('\n');
      for (let n = 10; n <= 60; n++) expect(all).toContain(`Thạnh Hòa số ${n}`);
      for (const page of pages) {
        if (/Thạnh Hòa số \d+/.test(page)) expect(page).toMatch(/(Hạng|STT)\s+Đội\s+Đơn vị/);
      }
      expect(all).toContain('CÁC ĐỘI KHÔNG VÀO VÒNG CHUNG KHẢO');
      // A non-finalist shows its preliminary score (22,00 + 52,12) and no final score.
      expect(all).toMatch(/CHUNG KHẢO[\s\S]*\n\s*1\s.*\s22,00\s+52,12\s+74,12\n/);
      expect(all).toContain('Thời điểm công bố: chưa công bố');
      expect(all).not.toContain('Lý do điều chỉnh');
    });

    it('renders its certificates one page per award', async () => {
      const certs = save('certificates-60.pdf', await renderCertificatesPdf(doc, meta));
      expect(await pageCount(certs)).toBe(doc.prizes.awards.length);
    });
  });

  describe('minutes with a tie decision', () => {
    it('states the decision, its reason and marks the ranks', async () => {
      const doc = withTieDecision();
      const file = save('minutes-tie.pdf', await renderMinutesPdf(doc, metaOf(doc)));
      const text = await textOf(file);
      const flat = text.replace(/\s+/g, ' ');
      expect(text).toContain('QUYẾT ĐỊNH VỀ CÁC TRƯỜNG HỢP BẰNG ĐIỂM');
      expect(flat).toContain('Các đội: Đội xã Đại Thành, Đội Tài chính - Kế hoạch.');
      expect(flat).toContain(
        'Lý do: Hai đội bằng điểm ở mọi tiêu chí phụ; Ban tổ chức bốc thăm công khai.',
      );
      expect(flat).toContain('Người quyết định: Nguyễn Văn An, lúc 08/09/2022 17:00.');
      expect(text).toMatch(/^\s*4\*\s/m);
      expect(text).toMatch(/^\s*5\*\s/m);
    });
  });

  describe('minutes with a side prize not awarded', () => {
    it("states the prize and the organisers' reason", async () => {
      const doc = sampleResultsDocument();
      doc.prizes.notAwarded = [
        {
          prizeCode: 'phu_ca_nhan',
          prizeName: 'Giải phụ cá nhân',
          reason: 'Không có cá nhân nào được đa số giám khảo đề cử.',
        },
      ];
      const text = await textOf(
        save('minutes-not-awarded.pdf', await renderMinutesPdf(doc, metaOf(doc))),
      );
      expect(text.replace(/\s+/g, ' ')).toContain(
        'Giải phụ cá nhân: không trao giải. Lý do: Không có cá nhân nào được đa số giám khảo đề cử.',
      );
    });
  });

  describe('list of award winners', () => {
    const doc = sampleResultsDocument();
    const meta = metaOf(doc);
    let file: string;
    let text: string;

    beforeAll(async () => {
      file = save('results-list.pdf', await renderResultsListPdf(doc, meta));
      text = await textOf(file);
    });

    it('has the title and the blanks for the decision', () => {
      expect(text).toContain('DANH SÁCH CÁC ĐỘI ĐẠT GIẢI');
      expect(text.replace(/\s+/g, ' ')).toContain(
        '(Kèm theo Quyết định số ……/QĐ-BTC ngày ……/……/…… của Ban tổ chức Hội thi)',
      );
    });

    it('groups the awards by prize, ranked prizes first', () => {
      const order = [
        'I. Giải Nhất (1 giải)',
        'II. Giải Nhì (1 giải)',
        'III. Giải Ba (1 giải)',
        'IV. Giải Khuyến khích (2 giải)',
        'V. Giải phụ cá nhân (1 giải)',
        'VI. Giải phụ tập thể (1 giải)',
        'VII. Giấy khen của Chủ tịch UBND thành phố (4 giải)',
      ];
      const positions = order.map((heading) => text.indexOf(heading));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it('names the teams, the individual, the amounts and the total', () => {
      expect(text).toContain('Đội phường Hiệp Thành');
      expect(text).toContain('Đặng Thị Thúy Hằng');
      expect(text).toContain('(Đội Tư pháp)');
      expect(text).toContain('Chính quyền 24 giờ');
      expect(text).toContain('6.000.000 đ');
      expect(text).toContain('2.000.000 đ');
      expect(text).toMatch(/Tổng cộng: 11 giải\s+18\.000\.000 đ/);
      expect(text.replace(/\s+/g, ' ')).toContain(
        'Tổng kinh phí khen thưởng: 18.000.000 đ (bằng chữ: Mười tám triệu đồng)',
      );
      expect(text.replace(/\s+/g, '')).toContain(meta.fingerprint);
    });

    it('keeps the text inside the margins', async () => {
      await expectWithinMargins(
        file,
        /^Danh sách đạt giải - phiên bản 2 - mã kiểm tra [0-9a-f]{12} - Trang 1\/1$/,
      );
    });
  });

  describe('certificates', () => {
    const doc = sampleResultsDocument();
    const meta = metaOf(doc);
    let file: string;
    let pages: string[];

    beforeAll(async () => {
      file = save('certificates.pdf', await renderCertificatesPdf(doc, meta));
      pages = (await textOf(file)).split('\f').slice(0, -1);
    });

    it('has one landscape page per award', async () => {
      expect(doc.prizes.awards).toHaveLength(11);
      expect(await pageCount(file)).toBe(11);
      expect(pages).toHaveLength(11);
      const info = await poppler('pdfinfo', [file]);
      expect(info).toMatch(/^Page size:\s+841\.89 x 595\.28 pts \(A4\)/m);
    });

    it('certifies the first prize to the team, with unit, entry, contest and date', () => {
      const page = pages[0]!;
      expect(page).toContain(NATIONAL);
      expect(page).toContain(MOTTO);
      expect(page).toContain('GIẤY CHỨNG NHẬN');
      expect(page).toContain('Đội phường Hiệp Thành');
      expect(page).toContain('Đơn vị: Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành');
      expect(page).toContain('Mô hình, sáng kiến: “Chính quyền 24 giờ”');
      expect(page).toContain('Giải Nhất');
      expect(page.replace(/\s+/g, ' ')).toContain(`tại ${doc.contest.name}`);
      expect(page).toContain('……………, ngày 08 tháng 9 năm 2022');
      expect(page).toMatch(/Số vào sổ: ……\s+TRƯỞNG BAN TỔ CHỨC\n/);
    });

    it('names the person on an individual side prize', () => {
      const page = pages.find((p) => p.includes('Giải phụ cá nhân'));
      expect(page).toBeDefined();
      expect(page).toContain('Đặng Thị Thúy Hằng');
      expect(page).toContain('Thành viên Đội Tư pháp');
    });

    it('prints a giấy khen for each team given one', () => {
      const giayKhen = pages.filter((p) => /^\s*GIẤY KHEN\s*$/m.test(p));
      expect(giayKhen).toHaveLength(4);
      // Granted and signed by the authority named in the prize, not by the organisers.
      expect(giayKhen[0]).toMatch(/^\s*CHỦ TỊCH UBND THÀNH PHỐ\s*$/m);
      expect(giayKhen[0]).toContain('khen tặng');
      expect(giayKhen[0]).toContain('Đội phường Lái Hiếu');
      expect(giayKhen[0]!.replace(/\s+/g, ' ')).toContain(
        `Đã có thành tích tại ${sampleResultsDocument().contest.name}`,
      );
      expect(giayKhen[0]).toMatch(/Số vào sổ: ……\s+CHỦ TỊCH UBND THÀNH PHỐ\n/);
    });

    it('carries the version and the short fingerprint on every page', () => {
      pages.forEach((page, i) =>
        expect(page).toContain(
          `Phiên bản kết quả số 2 - Mã kiểm tra: ${meta.fingerprint.slice(0, 12)} - Đối chiếu tại trang công bố kết quả của Hội thi - ${i + 1}/11`,
        ),
      );
    });

    it('takes the place from the options, and the frozen date when the final date is unknown', async () => {
      const undated = sampleResultsDocument();
      undated.contest.finalDate = null;
      // 2022-09-10 20:00 UTC is already 11 September in Vietnam.
      const late = metaOf(undated, { frozenAt: '2022-09-10T20:00:00.000Z' });
      const pdf = save(
        'certificates-undated.pdf',
        await renderCertificatesPdf(undated, late, { place: 'Ngã Bảy' }),
      );
      expect(await textOf(pdf)).toContain('Ngã Bảy, ngày 11 tháng 9 năm 2022');
    });

    it('renders a first page that can be looked at', async () => {
      await renderPng(file, 'certificate-page1');
    });

    it('renders one explanatory page (a valid PDF) when there is no award', async () => {
      const empty = sampleResultsDocument();
      empty.teams.forEach((t) => (t.awards = []));
      empty.prizes = { awards: [], totalVnd: 0, unassignedSlots: [] };
      const pdf = save('certificates-empty.pdf', await renderCertificatesPdf(empty, metaOf(empty)));
      expect(await pageCount(pdf)).toBe(1);
      expect(await textOf(pdf)).toContain('Phiên bản kết quả này không có giải thưởng nào.');
      const minutes = save('minutes-empty.pdf', await renderMinutesPdf(empty, metaOf(empty)));
      const text = await textOf(minutes);
      expect(text).toContain('Không có giải thưởng nào được trao.');
      expect(text.replace(/\s+/g, ' ')).toContain(
        'Tổng kinh phí khen thưởng: 0 đ (bằng chữ: Không đồng)',
      );
    });
  });
});

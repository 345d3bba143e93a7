import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRankingCsv, buildResultsWorkbook } from '../src/results/documents/excel';
import { safeText } from '../src/spreadsheets/spreadsheet-cells';
import type { ResultsDocument, ResultsVersionMeta } from '../src/results/results-document';
import { sampleId, sampleResultsDocument } from './support/sample-results';

/**
 * The results workbook and ranking CSV, built from the hand-made 9-team document, written to
 * real files under test-output/ and read back with exceljs / a strict RFC 4180 parser.
 */

const OUTPUT_DIR = join(__dirname, '..', 'test-output');

const META: ResultsVersionMeta = {
  version: 2,
  fingerprint: '9f2c4e1ab37d5c08e6f41a2b9c7d3e5f0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  frozenAt: '2022-09-08T10:30:00.000Z', // 17:30 in Vietnam
  publishedAt: null,
  correctionReason: 'Sửa số lượt chia sẻ của đội số 3',
};

const RANKING_HEADER = [
  'Hạng',
  'Số báo danh',
  'Đội',
  'Đơn vị',
  'Mô hình/sáng kiến',
  'Điểm tương tác',
  'Điểm giám khảo',
  'Điểm sơ khảo',
  'Điểm chung khảo',
  'Tổng điểm',
  'Tiêu chí phụ đã dùng',
  'Ghi chú',
  'Giải',
];
const POINTS = '#,##0.00';
const MONEY = '#,##0 "đ"';
const INJECTIONS = ['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)'];

// ---------------------------------------------------------------------------------------------
// Helpers

async function writeAndRead(name: string, doc: ResultsDocument): Promise<ExcelJS.Workbook> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = join(OUTPUT_DIR, name);
  writeFileSync(file, await buildResultsWorkbook(doc, META));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The first row whose column A holds `value`. */
function rowWhere(sheet: ExcelJS.Worksheet, value: ExcelJS.CellValue): number {
  for (let r = 1; r <= sheet.rowCount; r++) if (sheet.getCell(r, 1).value === value) return r;
  throw new Error(`no row starting with ${String(value)} in ${sheet.name}`);
}

function rowValues(sheet: ExcelJS.Worksheet, row: number, columns: number): ExcelJS.CellValue[] {
  return Array.from({ length: columns }, (_, i) => sheet.getCell(row, i + 1).value);
}

/** A table read through its header row: the cell under `header` on the row of team `number`. */
function table(sheet: ExcelJS.Worksheet, firstHeader: string) {
  const headerRow = rowWhere(sheet, firstHeader);
  const headers = rowValues(sheet, headerRow, sheet.columnCount);
  const column = (header: string) => {
    const i = headers.indexOf(header);
    if (i < 0) throw new Error(`no column "${header}" in ${sheet.name}`);
    return i + 1;
  };
  const rowOfTeam = (teamNumber: number) => {
    const teamColumn = column('Số báo danh');
    for (let r = headerRow + 1; r <= sheet.rowCount; r++)
      if (sheet.getCell(r, teamColumn).value === teamNumber) return r;
    throw new Error(`no team ${teamNumber} in ${sheet.name}`);
  };
  const cell = (teamNumber: number, header: string) =>
    sheet.getCell(rowOfTeam(teamNumber), column(header));
  return { headerRow, headers, column, rowOfTeam, cell };
}

function everyCell(workbook: ExcelJS.Workbook): ExcelJS.Cell[] {
  const cells: ExcelJS.Cell[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell))),
  );
  return cells;
}

function expectNoFormula(workbook: ExcelJS.Workbook) {
  for (const cell of everyCell(workbook)) {
    expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(cell.formula).toBeFalsy();
    // Only plain text and numbers are written: no hyperlink, rich text or formula objects.
    expect(['string', 'number']).toContain(typeof cell.value);
  }
}

/** The four injection payloads as the names of teams 1–4, plus a judge, a reason, a person. */
function injectedDocument(): ResultsDocument {
  const doc = sampleResultsDocument();
  INJECTIONS.forEach((name, i) => {
    const team = doc.teams[i]!;
    team.teamName = name;
    for (const a of team.awards) a.teamName = name;
  });
  doc.teams[0]!.unitName = '\tTab đầu dòng';
  doc.teams[0]!.entryName = '\rCR đầu dòng';
  doc.teams[2]!.interaction.excluded!.reason = '-Tài khoản ảo';
  doc.judges[0]!.name = '=Giám khảo';
  for (const t of doc.teams)
    for (const c of t.judgeCards)
      if (c.judgeId === sampleId('judge', 1)) c.judgeName = '=Giám khảo';
  doc.prizes.awards.find((a) => a.memberName)!.memberName = '@Đặng Thị Thúy Hằng';
  return doc;
}

/** Teams 8 and 9 did not reach the final; team 2 won a tie on judges' points. */
function documentWithNonFinalists(): ResultsDocument {
  const doc = sampleResultsDocument();
  for (const team of doc.teams.slice(7)) {
    team.finalist = false;
    team.final = null;
    team.rankingScore = null;
    team.rank = null;
  }
  doc.teams[1]!.tieBreakUsed = 'judges';
  doc.teams[2]!.tieBreakUsed = 'final';
  doc.teams[3]!.decided = true;
  doc.teams[4]!.needsDecision = true;
  doc.teams[0]!.judgeCards[2]!.dropped = true;
  doc.teams[0]!.judgesTrimmed = true;
  doc.prizes.unassignedSlots = [{ prizeCode: 'ba', prizeName: 'Giải Ba bổ sung', count: 2 }];
  // Reordered on purpose: the export sorts by rank itself.
  doc.teams.reverse();
  return doc;
}

/**
 * A strict RFC 4180 reader: every record ends with CRLF, a quote may only open a field or be
 * doubled inside a quoted one; anything else throws.
 */
function parseRfc4180(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quote');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else field += text[i++];
      }
    } else {
      while (i < text.length && !/[,\r\n]/.test(text[i]!)) {
        if (text[i] === '"') throw new Error(`stray quote at ${i}`);
        field += text[i++];
      }
    }
    fields.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      records.push(fields);
      fields = [];
      i += 2;
    } else throw new Error(`expected , or CRLF at ${i}`);
  }
  if (fields.length > 0) throw new Error('last record not ended by CRLF');
  return records;
}

function csvText(doc: ResultsDocument): { bytes: Buffer; text: string; records: string[][] } {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const bytes = buildRankingCsv(doc, META);
  writeFileSync(join(OUTPUT_DIR, 'ranking.csv'), bytes);
  const text = bytes.subarray(3).toString('utf8');
  return { bytes, text, records: parseRfc4180(text) };
}

// ---------------------------------------------------------------------------------------------

describe('safeText', () => {
  it('prefixes a quote to what a spreadsheet would evaluate, and only that', () => {
    for (const v of [...INJECTIONS, '\tx', '\rx']) expect(safeText(v)).toBe(`'${v}`);
    expect(safeText('Đội Tài chính - Kế hoạch')).toBe('Đội Tài chính - Kế hoạch');
    expect(safeText('')).toBe('');
    expect(safeText(safeText('=1'))).toBe("'=1");
  });
});

describe('results workbook', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await writeAndRead('results-sample.xlsx', sampleResultsDocument());
  });

  it('has the four sheets in order', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Xếp hạng',
      'Sơ khảo',
      'Chung khảo',
      'Giải thưởng',
    ]);
  });

  it('titles the ranking with the contest, version, frozen time (Vietnam) and fingerprint', () => {
    const sheet = sheetOf(workbook, 'Xếp hạng');
    const lines = Array.from({ length: 7 }, (_, r) => sheet.getCell(r + 1, 1).value);
    expect(lines[0]).toBe(
      'Hội thi Mô hình, sáng kiến cải cách hành chính thành phố Ngã Bảy lần thứ 1 - năm 2022',
    );
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
    expect(lines).toContain('Bảng tổng hợp kết quả xếp hạng – Phiên bản kết quả: 2');
    expect(lines).toContain('Chốt kết quả lúc: 08/09/2022 17:30');
    expect(lines).toContain('Chưa công bố (bản chốt để kiểm tra)');
    expect(lines).toContain('Lý do đính chính: Sửa số lượt chia sẻ của đội số 3');
    expect(lines).toContain(`Mã xác thực (SHA-256): ${META.fingerprint}`);
  });

  it('ranks the teams with numeric points, a bold frozen header and an autofilter', () => {
    const sheet = sheetOf(workbook, 'Xếp hạng');
    const t = table(sheet, 'Hạng');
    expect(t.headers).toEqual(RANKING_HEADER);
    expect(sheet.getCell(t.headerRow, 3).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: t.headerRow, xSplit: 3 });
    expect(sheet.autoFilter).toBeTruthy();

    expect(rowValues(sheet, t.headerRow + 1, 13)).toEqual([
      1,
      1,
      'Đội phường Hiệp Thành',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành',
      'Chính quyền 24 giờ',
      30,
      64.12,
      94.12,
      85,
      179.12,
      null,
      null,
      'Giải Nhất',
    ]);
    expect(t.cell(2, 'Tổng điểm').value).toBe(174.62);
    expect(t.cell(2, 'Giải').value).toBe('Giải Nhì; Giải phụ cá nhân (Đặng Thị Thúy Hằng)');
    for (const header of RANKING_HEADER.slice(5, 10)) expect(t.cell(1, header).numFmt).toBe(POINTS);
    // Rank order, every team once.
    const ranks = Array.from({ length: 9 }, (_, i) => sheet.getCell(t.headerRow + 1 + i, 1).value);
    expect(ranks).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // A dash inside the name is not an injection.
    expect(t.cell(5, 'Đội').value).toBe('Đội Tài chính - Kế hoạch');
    expect(t.cell(5, 'Đơn vị').value).toBe('Phòng Tài chính - Kế hoạch thành phố');
  });

  it('details the preliminary round: interactions and every judge’s criteria', () => {
    const t = table(sheetOf(workbook, 'Sơ khảo'), 'Số báo danh');
    const doc = sampleResultsDocument();
    for (const judge of doc.judges) {
      for (const criterion of doc.rules.criteria) {
        const header = `${judge.name} – ${criterion.name}`;
        for (const team of doc.teams) {
          const card = team.judgeCards.find((c) => c.judgeId === judge.id)!;
          const cell = t.cell(team.teamNumber, header);
          expect(cell.value).toBe(Number(card.criteria[criterion.code]));
          expect(cell.numFmt).toBe(POINTS);
        }
      }
      expect(t.cell(1, `${judge.name} – Tổng`).value).toBe(64.12);
      expect(t.cell(1, `${judge.name} – Ghi chú`).value).toBeNull();
    }
    // Spot checks written out in full, diacritics included.
    expect(t.cell(1, 'Nguyễn Minh Triều – Tính thiết thực').value).toBe(13);
    expect(t.cell(1, 'Trần Thị Ngọc Hân – Tính thiết thực').value).toBe(13.25);
    expect(t.cell(1, 'Lê Quốc Bảo – Tính thiết thực').value).toBe(13.5);
    expect(t.cell(1, 'Lê Quốc Bảo – Chất lượng sản phẩm').value).toBe(13.12);
    expect(t.cell(1, 'Trần Thị Ngọc Hân – Khả năng tạo đột phá').value).toBe(13);

    expect(t.cell(1, 'Đội').value).toBe('Đội phường Hiệp Thành');
    expect(t.cell(1, 'Lượt thích').value).toBe(1000);
    expect(t.cell(1, 'Lượt chia sẻ').value).toBe(100);
    expect(t.cell(1, 'Bình luận').value).toBe(50);
    expect(t.cell(1, 'Tương tác quy đổi').value).toBe(1200);
    expect(t.cell(1, 'Loại trừ: lượt thích').value).toBeNull();
    expect(t.cell(3, 'Loại trừ: lượt thích').value).toBe(12);
    expect(t.cell(3, 'Loại trừ: lượt chia sẻ').value).toBe(0);
    expect(t.cell(3, 'Lý do loại trừ').value).toBe('Tài khoản ảo');
    expect(t.cell(1, 'Điểm tương tác').value).toBe(30);
    expect(t.cell(1, 'Điểm giám khảo').value).toBe(64.12);
    expect(t.cell(1, 'Điểm sơ khảo').value).toBe(94.12);
    expect(t.cell(1, 'Điểm sơ khảo').numFmt).toBe(POINTS);
    expect(t.cell(9, 'Điểm sơ khảo').value).toBe(74.12); // 22,00 + 52,12
  });

  it('details the final round per judge and part, with the part means', () => {
    const t = table(sheetOf(workbook, 'Chung khảo'), 'Số báo danh');
    for (const judge of ['Nguyễn Minh Triều', 'Trần Thị Ngọc Hân', 'Lê Quốc Bảo']) {
      expect(t.cell(1, `${judge} – Thuyết trình`).value).toBe(35);
      expect(t.cell(1, `${judge} – Phản biện giữa các đội`).value).toBe(30);
      expect(t.cell(1, `${judge} – Trả lời câu hỏi của Ban giám khảo`).value).toBe(20);
      expect(t.cell(1, `${judge} – Tổng`).value).toBe(85);
      expect(t.cell(9, `${judge} – Thuyết trình`).value).toBe(19);
    }
    expect(t.cell(1, 'Trung bình – Thuyết trình').value).toBe(35);
    expect(t.cell(1, 'Trung bình – Phản biện giữa các đội').value).toBe(30);
    expect(t.cell(1, 'Điểm chung khảo').value).toBe(85);
    expect(t.cell(1, 'Điểm chung khảo').numFmt).toBe(POINTS);
    expect(t.cell(9, 'Điểm chung khảo').value).toBe(69);
  });

  it('lists the prizes with the document’s total, formatted as đồng', () => {
    const sheet = sheetOf(workbook, 'Giải thưởng');
    const headerRow = rowWhere(sheet, 'Giải');
    expect(rowValues(sheet, headerRow, 6)).toEqual([
      'Giải',
      'Đội',
      'Đơn vị',
      'Cá nhân',
      'Nhà tài trợ',
      'Số tiền',
    ]);
    expect(rowValues(sheet, headerRow + 1, 6)).toEqual([
      'Giải Nhất',
      'Đội phường Hiệp Thành',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành',
      null,
      null,
      6_000_000,
    ]);
    expect(sheet.getCell(headerRow + 1, 6).numFmt).toBe(MONEY);
    const person = rowWhere(sheet, 'Giải phụ cá nhân');
    expect(rowValues(sheet, person, 6)).toEqual([
      'Giải phụ cá nhân',
      'Đội Tư pháp',
      'Phòng Tư pháp thành phố',
      'Đặng Thị Thúy Hằng',
      null,
      500_000,
    ]);
    const total = rowWhere(sheet, 'Tổng cộng');
    expect(total).toBe(headerRow + 12); // 11 awards
    expect(sheet.getCell(total, 6).value).toBe(18_000_000);
    expect(sheet.getCell(total, 6).numFmt).toBe(MONEY);
    expect(sheet.getCell(total, 1).font?.bold).toBe(true);
  });

  it('holds no formula anywhere, only text and numbers', () => {
    expectNoFormula(workbook);
  });
});

describe('results workbook, variants', () => {
  it('escapes user text that a spreadsheet would evaluate', async () => {
    const workbook = await writeAndRead('results-injection.xlsx', injectedDocument());
    expectNoFormula(workbook);
    const ranking = table(sheetOf(workbook, 'Xếp hạng'), 'Hạng');
    INJECTIONS.forEach((name, i) => expect(ranking.cell(i + 1, 'Đội').value).toBe(`'${name}`));
    expect(ranking.cell(1, 'Đơn vị').value).toBe("'\tTab đầu dòng");
    // XML normalises a raw CR to LF on reading (Excel does the same); the quote is what counts.
    expect(ranking.cell(1, 'Mô hình/sáng kiến').value).toMatch(/^'[\r\n]CR đầu dòng$/);
    expect(ranking.cell(5, 'Đội').value).toBe('Đội Tài chính - Kế hoạch');

    const preliminary = table(sheetOf(workbook, 'Sơ khảo'), 'Số báo danh');
    expect(preliminary.headers).toContain("'=Giám khảo – Tính mới");
    expect(preliminary.cell(3, 'Lý do loại trừ').value).toBe("'-Tài khoản ảo");
    expect(preliminary.cell(4, 'Đội').value).toBe("'@SUM(A1)");

    const prizes = sheetOf(workbook, 'Giải thưởng');
    const first = rowWhere(prizes, 'Giải Nhất');
    expect(prizes.getCell(first, 2).value).toBe(`'=HYPERLINK("http://x")`);
    expect(prizes.getCell(rowWhere(prizes, 'Giải phụ cá nhân'), 4).value).toBe(
      "'@Đặng Thị Thúy Hằng",
    );
    // Every text cell of the workbook is either harmless or escaped.
    for (const cell of everyCell(workbook))
      if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('puts non-finalists last without rank, marks ties, dropped cards and open slots', async () => {
    const workbook = await writeAndRead('results-variants.xlsx', documentWithNonFinalists());
    const sheet = sheetOf(workbook, 'Xếp hạng');
    const ranking = table(sheet, 'Hạng');
    const teamNumbers = Array.from(
      { length: 9 },
      (_, i) => sheet.getCell(ranking.headerRow + 1 + i, 2).value,
    );
    expect(teamNumbers).toEqual([1, 2, 3, 4, 5, 6, 7, 9, 8]); // the others keep document order
    expect(ranking.cell(8, 'Hạng').value).toBeNull();
    expect(ranking.cell(8, 'Điểm sơ khảo').value).toBe(76.62);
    expect(ranking.cell(8, 'Điểm chung khảo').value).toBeNull();
    expect(ranking.cell(8, 'Tổng điểm').value).toBeNull();
    expect(ranking.cell(8, 'Ghi chú').value).toBe('Không vào chung khảo');
    expect(ranking.cell(2, 'Tiêu chí phụ đã dùng').value).toBe('Điểm giám khảo sơ khảo');
    expect(ranking.cell(3, 'Tiêu chí phụ đã dùng').value).toBe('Điểm chung khảo');
    expect(ranking.cell(4, 'Ghi chú').value).toBe('Ban tổ chức quyết định');
    expect(ranking.cell(5, 'Ghi chú').value).toBe('Cần quyết định');

    const preliminary = table(sheetOf(workbook, 'Sơ khảo'), 'Số báo danh');
    const dropped = preliminary.cell(1, 'Lê Quốc Bảo – Tổng');
    expect(dropped.value).toBe(64.12);
    expect(dropped.font?.strike).toBe(true);
    expect(preliminary.cell(1, 'Lê Quốc Bảo – Tính mới').font?.strike).toBe(true);
    expect(preliminary.cell(1, 'Lê Quốc Bảo – Ghi chú').value).toBe('Bị loại (trung bình cắt)');
    expect(preliminary.cell(1, 'Nguyễn Minh Triều – Tổng').font?.strike).toBeFalsy();

    const final = sheetOf(workbook, 'Chung khảo');
    const finalTable = table(final, 'Số báo danh');
    expect(final.rowCount).toBe(finalTable.headerRow + 7);
    expect(() => finalTable.rowOfTeam(8)).toThrow();

    const prizes = sheetOf(workbook, 'Giải thưởng');
    const open = rowWhere(prizes, 'Giải chưa trao');
    expect(open).toBeGreaterThan(rowWhere(prizes, 'Tổng cộng'));
    expect(rowValues(prizes, open + 1, 2)).toEqual(['Giải', 'Số lượng']);
    expect(rowValues(prizes, open + 2, 2)).toEqual(['Giải Ba bổ sung', 2]);
  });
});

describe('ranking CSV', () => {
  it('is UTF-8 with a BOM, CRLF records and a Vietnamese header', () => {
    const { bytes, text, records } = csvText(sampleResultsDocument());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(records).toHaveLength(10);
    expect(records[0]).toEqual(RANKING_HEADER);
  });

  it('writes the points the Vietnamese way, quoted because of the comma', () => {
    const { text, records } = csvText(sampleResultsDocument());
    expect(records[1]).toEqual([
      '1',
      '1',
      'Đội phường Hiệp Thành',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Thành',
      'Chính quyền 24 giờ',
      '30,00',
      '64,12',
      '94,12',
      '85,00',
      '179,12',
      '',
      '',
      'Giải Nhất',
    ]);
    expect(records[1]).toContain('94,12');
    expect(text).toContain(',"94,12",');
    expect(records[5]![2]).toBe('Đội Tài chính - Kế hoạch');
    expect(records[2]![12]).toBe('Giải Nhì; Giải phụ cá nhân (Đặng Thị Thúy Hằng)');
  });

  it('keeps the diacritics intact (NFC)', () => {
    const { text, records } = csvText(sampleResultsDocument());
    expect(text).toBe(text.normalize('NFC'));
    const names = sampleResultsDocument().teams.map((t) => t.teamName.normalize('NFC'));
    expect(records.slice(1).map((r) => r[2])).toEqual(names);
    const { bytes } = csvText(sampleResultsDocument());
    expect(bytes.includes(Buffer.from('Đội xã Tân Thành'.normalize('NFC'), 'utf8'))).toBe(true);
  });

  it('escapes injections and quotes separators, quotes and line breaks', () => {
    const doc = injectedDocument();
    doc.teams[5]!.teamName = 'Đội "Một cửa", phường 1\r\nxã; ấp';
    const { text, records } = csvText(doc);
    INJECTIONS.forEach((name, i) => expect(records[i + 1]![2]).toBe(`'${name}`));
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(records[1]![3]).toBe("'\tTab đầu dòng");
    expect(records[6]![2]).toBe('Đội "Một cửa", phường 1\r\nxã; ấp');
    expect(records[5]![2]).toBe('Đội Tài chính - Kế hoạch');
  });

  it('leaves non-finalists without rank or final points', () => {
    const { records } = csvText(documentWithNonFinalists());
    expect(records.map((r) => r[1])).toEqual([
      'Số báo danh',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '9',
      '8',
    ]);
    expect(records[9]).toEqual([
      '',
      '8',
      'Đội phường Hiệp Lợi',
      'Bộ phận tiếp nhận và trả kết quả UBND phường Hiệp Lợi',
      'Người dân chấm điểm',
      '23,00',
      '53,62',
      '76,62',
      '',
      '',
      '',
      'Không vào chung khảo',
      'Giấy khen của Chủ tịch UBND thành phố',
    ]);
  });
});

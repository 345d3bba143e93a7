import ExcelJS from 'exceljs';
import { SHEETS, type SheetKey } from '../src/registration/workbook';

/** Rows of each sheet (header excluded), as the organiser would type them. */
export type WorkbookRows = Partial<Record<SheetKey, (string | number)[][]>>;

const LAST_NAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Võ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Hoàng', 'Ngọc', 'Quốc', 'Kim'];
const GIVEN = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hạnh',
  'Khoa',
  'Linh',
  'Nam',
  'Phúc',
  'Quyên',
  'Sơn',
  'Tâm',
  'Uyên',
  'Vy',
];

/** A distinct Vietnamese name for each i. */
export function personName(i: number): string {
  const last = LAST_NAMES[i % LAST_NAMES.length];
  const middle = MIDDLE[Math.floor(i / LAST_NAMES.length) % MIDDLE.length];
  const given = GIVEN[Math.floor(i / (LAST_NAMES.length * MIDDLE.length)) % GIVEN.length];
  const n = Math.floor(i / (LAST_NAMES.length * MIDDLE.length * GIVEN.length));
  return `${last} ${middle} ${given}${n ? ` ${n + 1}` : ''}`;
}

/**
 * A province-scale registration (issue 24): `units` units (phường, xã, phòng), `teams` teams
 * spread over them, `members` members per team (the first the leader), `judges` judges from
 * the city's offices, no organisers.
 */
export function provinceWorkbook(options: {
  units: number;
  teams: number;
  members: number;
  judges: number;
}): WorkbookRows {
  const unitName = (u: number) =>
    u % 3 === 0
      ? `Phòng ${u + 1} thành phố`
      : u % 3 === 1
        ? `UBND phường ${u + 1}`
        : `UBND xã ${u + 1}`;
  const unitKind = (u: number) => (u % 3 === 0 ? 'Phòng' : u % 3 === 1 ? 'Phường' : 'Xã');
  const units = Array.from({ length: options.units }, (_, u) => [unitName(u), unitKind(u)]);
  const teams = Array.from({ length: options.teams }, (_, t) => [
    t + 1,
    `Sáng kiến cải cách số ${t + 1}`,
    unitName(t % options.units),
  ]);
  const members = teams.flatMap(([number], t) =>
    Array.from({ length: options.members }, (_, m) => [
      number as number,
      personName(t * options.members + m),
      m === 0 ? 'Trưởng phòng' : 'Chuyên viên',
      '',
      m === 0 ? 'x' : '',
    ]),
  );
  const judges = Array.from({ length: options.judges }, (_, j) => [
    `Giám khảo ${personName(j)}`,
    unitName((j * 3) % options.units),
    `giamkhao${j + 1}@example.gov.vn`,
  ]);
  return { units, teams, members, judges };
}

/** The CSV form: each sheet under "[Tên trang]", then its header row. */
export function workbookCsv(rows: WorkbookRows, separator = ','): string {
  const cell = (v: string | number) => {
    const text = String(v);
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines: string[] = [];
  for (const spec of SHEETS) {
    const data = rows[spec.key];
    if (!data) continue;
    lines.push(`[${spec.title}]`);
    lines.push(spec.columns.map((c) => cell(c.header)).join(separator));
    for (const row of data) lines.push(row.map(cell).join(separator));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The XLSX form: one worksheet per sheet, header in row 1. */
export async function workbookXlsx(rows: WorkbookRows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of SHEETS) {
    const data = rows[spec.key];
    if (!data) continue;
    const sheet = workbook.addWorksheet(spec.title);
    sheet.addRow(spec.columns.map((c) => c.header));
    for (const row of data) sheet.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

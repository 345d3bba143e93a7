import { UNIT_KINDS, type UnitKind } from '../units/unit.entity';
import { foldText } from '../common/paging';

/**
 * The registration workbook: five sheets, each a header row then one row per thing. The XLSX
 * template has one worksheet per sheet; a CSV (one table by nature) stacks them, each under a
 * line holding only its title in brackets ("[Đội thi]"). Headers are matched case-, accent-
 * and spacing-insensitively, in any order; unknown columns are ignored.
 */
export const SHEET_KEYS = ['units', 'teams', 'members', 'judges', 'organisers'] as const;
export type SheetKey = (typeof SHEET_KEYS)[number];

export interface ColumnSpec {
  key: string;
  header: string;
  required: boolean;
  /** Shown in the template's second row and the docs. */
  example: string;
  width: number;
}

export interface SheetSpec {
  key: SheetKey;
  title: string;
  columns: ColumnSpec[];
}

const col = (key: string, header: string, required: boolean, example: string, width = 24) => ({
  key,
  header,
  required,
  example,
  width,
});

export const SHEETS: readonly SheetSpec[] = [
  {
    key: 'units',
    title: 'Đơn vị',
    columns: [
      col('name', 'Tên đơn vị', true, 'UBND phường Hiệp Thành', 40),
      col('kind', 'Loại đơn vị', false, 'Phường', 14),
    ],
  },
  {
    key: 'teams',
    title: 'Đội thi',
    columns: [
      col('number', 'Số đội', true, '5', 8),
      col('name', 'Tên đội', true, 'Chính quyền 24 giờ', 36),
      col('unit', 'Đơn vị', true, 'UBND phường Hiệp Thành', 40),
    ],
  },
  {
    key: 'members',
    title: 'Thành viên',
    columns: [
      col('team', 'Số đội', true, '5', 8),
      col('fullName', 'Họ và tên', true, 'Nguyễn Thị Mai', 28),
      col('position', 'Chức vụ', false, 'Công chức Văn phòng - Thống kê', 30),
      col('unit', 'Đơn vị công tác', false, 'UBND phường Hiệp Thành', 36),
      col('leader', 'Trưởng nhóm', false, 'x', 12),
    ],
  },
  {
    key: 'judges',
    title: 'Giám khảo',
    columns: [
      col('fullName', 'Họ và tên', true, 'Phạm Thị Thanh Xuân', 28),
      col('unit', 'Đơn vị', false, 'Phòng Tư pháp thành phố', 36),
      col('email', 'Thư điện tử', false, 'xuan.ptt@example.gov.vn', 30),
    ],
  },
  {
    key: 'organisers',
    title: 'Ban tổ chức',
    columns: [
      col('fullName', 'Họ và tên', true, 'Nguyễn Văn An', 28),
      col('unit', 'Đơn vị', false, 'Phòng Nội vụ thành phố', 36),
      col('email', 'Thư điện tử', false, 'an.nv@example.gov.vn', 30),
    ],
  },
];

export const SHEET_BY_KEY = new Map(SHEETS.map((s) => [s.key, s]));

/** "Phường  Hiệp THÀNH" → "phuong hiep thanh": how names and headers are compared. */
export const fold = foldText;

/** The sheet a worksheet name or a CSV section line ("[Đội thi]") names, if any. */
export function sheetNamed(name: string): SheetSpec | undefined {
  const bare = fold(name.replace(/^\s*\[|\]\s*$/g, ''));
  return SHEETS.find((s) => fold(s.title) === bare || s.key === bare);
}

/** Vietnamese labels of unit kinds, as written in the "Loại đơn vị" column. */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  phong: 'Phòng',
  ban: 'Ban',
  nganh: 'Ngành',
  xa: 'Xã',
  phuong: 'Phường',
  khac: 'Khác',
};

export function unitKindOf(text: string): UnitKind | undefined {
  const folded = fold(text);
  if (folded === '') return 'khac';
  return UNIT_KINDS.find((k) => k === folded || fold(UNIT_KIND_LABELS[k]) === folded);
}

/** 0 → "A", 27 → "AB". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

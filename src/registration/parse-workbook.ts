import type { Cell } from '../spreadsheets/sheet-row';
import { isEmail } from 'class-validator';
import { MAX_COLUMNS } from '../spreadsheets/xlsx-rows';
import type { UnitKind } from '../units/unit.entity';
import {
  columnLetter,
  fold,
  SHEETS,
  sheetNamed,
  type SheetKey,
  type SheetSpec,
  unitKindOf,
} from './workbook';

/** One error (or note) at a precise place: sheet, row (as Excel or the CSV file numbers it), column. */
export interface Problem {
  sheet: string;
  row: number;
  /** "B", or null when the whole row (or sheet) is at fault */
  column: string | null;
  columnName: string | null;
  code: string;
  message: string;
}

export interface UnitRow {
  row: number;
  name: string;
  kind: UnitKind;
}
export interface TeamRow {
  row: number;
  number: number;
  name: string;
  unit: string;
}
export interface MemberRow {
  row: number;
  team: number;
  fullName: string;
  position: string;
  unit: string;
  leader: boolean;
}
export interface PersonRow {
  row: number;
  fullName: string;
  unit: string;
  email: string | null;
}

export interface ParsedWorkbook {
  units: UnitRow[];
  teams: TeamRow[];
  members: MemberRow[];
  judges: PersonRow[];
  organisers: PersonRow[];
  errors: Problem[];
  /** Where each sheet's columns are ("B"), for errors found later against the database. */
  columnLetters: Partial<Record<SheetKey, Record<string, string>>>;
}

/** Names and positions longer than this are a pasted paragraph, not a name. */
export const MAX_TEXT = 200;
/** Rows per sheet: a province's yearly contest has ~500 teams and ~1.500 members. */
export const MAX_ROWS_PER_SHEET = 20_000;
const MAX_TEAM_NUMBER = 100_000;

const YES = new Set(['x', 'co', 'yes', '1', 'true', 'truong nhom', 'v']);
const NO = new Set(['', 'khong', 'no', '0', 'false']);

interface SheetState {
  spec: SheetSpec;
  /** column index of each key, once the header row is read */
  columns: Map<string, number> | null;
  rows: number;
  /** a required column is missing: its rows are not read (the header's error says why) */
  unusable: boolean;
}

/**
 * Turns the rows of a workbook (any sheet order; CSV sections) into typed rows, checking each
 * cell on its own and duplicates within the file. Rows are pushed as the reader hands them
 * over; nothing here touches the database (plan.ts compares with what is stored).
 */
export class WorkbookParser {
  private readonly parsed: ParsedWorkbook = {
    units: [],
    teams: [],
    members: [],
    judges: [],
    organisers: [],
    errors: [],
    columnLetters: {},
  };
  private readonly states = new Map<SheetKey, SheetState>();
  /** For a CSV (or a worksheet with another name): the section being read. */
  private section: SheetState | null = null;
  private worksheet: string | null | undefined = undefined;
  private readonly seen = new Map<string, number>();
  /** CSV rows outside any section, counted to bound their errors */
  private strayRows = 0;

  /** `sheetName`: the worksheet's name, or null for a CSV file. */
  push(sheetName: string | null, row: number, cells: readonly Cell[]): void {
    // the columns an XLSX row is read to; a CSV line of millions of cells (a few MB of commas)
    // would otherwise hold the event loop for seconds while its header is matched
    const texts = cells.slice(0, MAX_COLUMNS).map(text);
    if (sheetName !== this.worksheet) {
      this.worksheet = sheetName;
      this.section = null;
    }
    const named = sheetName === null ? undefined : sheetNamed(sheetName);
    let state: SheetState | null;
    if (named) state = this.state(named);
    else {
      // a section line: its only non-empty cell is a sheet title in brackets
      const filled = texts.filter((t) => t !== '');
      const title =
        filled.length === 1 && /^\[.*\]$/.test(filled[0]!) ? sheetNamed(filled[0]!) : undefined;
      if (title) {
        this.section = this.state(title);
        return;
      }
      state = this.section;
    }
    if (!state) {
      // another worksheet (the template's "Hướng dẫn"): ignored; in a CSV, a stray row, one
      // error each up to the rows a sheet may have (a 10 MB file of stray lines would
      // otherwise hold millions of errors in memory)
      if (sheetName === null && texts.some((t) => t !== '')) {
        if (++this.strayRows <= MAX_ROWS_PER_SHEET)
          this.error(
            'Tệp CSV',
            row,
            null,
            null,
            'OUTSIDE_SHEET',
            'Dòng này không thuộc trang nào; hãy đặt nó dưới dòng tên trang, ví dụ "[Đội thi]".',
          );
        else if (this.strayRows === MAX_ROWS_PER_SHEET + 1)
          this.error(
            'Tệp CSV',
            row,
            null,
            null,
            'TOO_MANY_ROWS',
            `Tệp CSV có quá ${MAX_ROWS_PER_SHEET} dòng không thuộc trang nào; hãy dùng tệp mẫu.`,
          );
      }
      return;
    }
    if (state.columns === null) {
      this.readHeader(state, row, texts);
      return;
    }
    if (state.unusable || texts.every((t) => t === '')) return;
    if (++state.rows > MAX_ROWS_PER_SHEET) {
      if (state.rows === MAX_ROWS_PER_SHEET + 1)
        this.error(
          state.spec.title,
          row,
          null,
          null,
          'TOO_MANY_ROWS',
          `Trang "${state.spec.title}" có quá ${MAX_ROWS_PER_SHEET} dòng; hãy chia thành nhiều tệp.`,
        );
      return;
    }
    this.readRow(state, row, texts);
  }

  finish(): ParsedWorkbook {
    for (const spec of SHEETS) {
      const state = this.states.get(spec.key);
      if (state && state.columns === null)
        this.error(
          spec.title,
          1,
          null,
          null,
          'HEADER_MISSING',
          `Trang "${spec.title}" không có dòng tiêu đề.`,
        );
    }
    if (this.states.size === 0)
      this.error(
        'Tệp',
        1,
        null,
        null,
        'NO_SHEETS',
        'Không tìm thấy trang nào của mẫu đăng ký (Đơn vị, Đội thi, Thành viên, Giám khảo, Ban tổ chức); hãy dùng tệp mẫu.',
      );
    this.parsed.errors.sort((a, b) => sheetOrder(a.sheet) - sheetOrder(b.sheet) || a.row - b.row);
    return this.parsed;
  }

  private state(spec: SheetSpec): SheetState {
    let state = this.states.get(spec.key);
    if (!state) {
      state = { spec, columns: null, rows: 0, unusable: false };
      this.states.set(spec.key, state);
    }
    return state;
  }

  private readHeader(state: SheetState, row: number, texts: string[]) {
    if (texts.every((t) => t === '')) return; // blank lines before the header
    const columns = new Map<string, number>();
    texts.forEach((t, i) => {
      const spec = state.spec.columns.find((c) => fold(c.header) === fold(t));
      if (spec && !columns.has(spec.key)) columns.set(spec.key, i);
    });
    for (const c of state.spec.columns)
      if (c.required && !columns.has(c.key)) {
        state.unusable = true;
        this.error(
          state.spec.title,
          row,
          null,
          c.header,
          'COLUMN_MISSING',
          `Trang "${state.spec.title}" thiếu cột "${c.header}" ở dòng tiêu đề.`,
        );
      }
    state.columns = columns;
    this.parsed.columnLetters[state.spec.key] = Object.fromEntries(
      [...columns].map(([key, index]) => [key, columnLetter(index)]),
    );
  }

  private readRow(state: SheetState, row: number, texts: string[]) {
    const { spec } = state;
    const before = this.parsed.errors.length;
    const get = (key: string): string => {
      const index = state.columns!.get(key);
      return index === undefined ? '' : (texts[index] ?? '');
    };
    const at = (key: string) => state.columns!.get(key) ?? null;
    const fail = (key: string, code: string, message: string) => {
      const column = spec.columns.find((c) => c.key === key)!;
      const index = at(key);
      this.error(
        spec.title,
        row,
        index === null ? null : columnLetter(index),
        column.header,
        code,
        message,
      );
    };
    // every cell: required, length
    for (const c of spec.columns) {
      const value = get(c.key);
      // a required column missing from the header was reported once, at the header
      if (c.required && value === '' && at(c.key) !== null)
        fail(c.key, 'CELL_REQUIRED', `Chưa nhập "${c.header}".`);
      else if (value.length > MAX_TEXT)
        fail(c.key, 'CELL_TOO_LONG', `"${c.header}" dài quá ${MAX_TEXT} ký tự.`);
    }
    const duplicate = (key: string, column: string, what: string) => {
      const first = this.seen.get(key);
      if (first !== undefined)
        fail(column, 'DUPLICATE_ROW', `${what} trùng với dòng ${first} của trang "${spec.title}".`);
      else this.seen.set(key, row);
    };
    switch (spec.key) {
      case 'units': {
        const kind = unitKindOf(get('kind'));
        if (!kind)
          fail(
            'kind',
            'UNIT_KIND_INVALID',
            'Loại đơn vị phải là Phòng, Ban, Ngành, Xã, Phường hoặc Khác.',
          );
        if (get('name')) duplicate(`unit|${fold(get('name'))}`, 'name', `Đơn vị "${get('name')}"`);
        if (this.parsed.errors.length === before)
          this.parsed.units.push({ row, name: get('name'), kind: kind! });
        break;
      }
      case 'teams': {
        const number = teamNumber(get('number'));
        if (get('number') && number === null)
          fail(
            'number',
            'TEAM_NUMBER_INVALID',
            `Số đội phải là số nguyên từ 1 đến ${MAX_TEAM_NUMBER}.`,
          );
        if (number !== null) duplicate(`team|${number}`, 'number', `Số đội ${number}`);
        if (this.parsed.errors.length === before)
          this.parsed.teams.push({ row, number: number!, name: get('name'), unit: get('unit') });
        break;
      }
      case 'members': {
        const team = teamNumber(get('team'));
        if (get('team') && team === null)
          fail(
            'team',
            'TEAM_NUMBER_INVALID',
            `Số đội phải là số nguyên từ 1 đến ${MAX_TEAM_NUMBER}.`,
          );
        const leader = fold(get('leader'));
        if (!YES.has(leader) && !NO.has(leader))
          fail(
            'leader',
            'LEADER_INVALID',
            'Cột "Trưởng nhóm": ghi "x" cho trưởng nhóm, để trống cho thành viên.',
          );
        if (this.parsed.errors.length === before)
          this.parsed.members.push({
            row,
            team: team!,
            fullName: get('fullName'),
            position: get('position'),
            unit: get('unit'),
            leader: YES.has(leader),
          });
        break;
      }
      case 'judges':
      case 'organisers': {
        const email = get('email');
        if (email && !isEmail(email))
          fail('email', 'EMAIL_INVALID', `"${email}" không phải địa chỉ thư điện tử hợp lệ.`);
        if (get('fullName'))
          duplicate(
            `${spec.key}|${fold(get('fullName'))}|${fold(get('unit'))}`,
            'fullName',
            `Người "${get('fullName')}" (${get('unit') || 'không ghi đơn vị'})`,
          );
        if (this.parsed.errors.length === before)
          this.parsed[spec.key].push({
            row,
            fullName: get('fullName'),
            unit: get('unit'),
            email: email || null,
          });
        break;
      }
    }
  }

  private error(
    sheet: string,
    row: number,
    column: string | null,
    columnName: string | null,
    code: string,
    message: string,
  ) {
    this.parsed.errors.push({ sheet, row, column, columnName, code, message });
  }
}

/**
 * A cell as the person who typed it sees it: NFC (one person, not two, whether the file was
 * typed in NFD or NFC), control and invisible format characters (zero-width spaces, bidi
 * overrides) removed so that a name made only of them is empty and "Nguyễn\u200b Văn An" is
 * the same person as "Nguyễn Văn An"; whitespace runs as one space.
 */
function text(cell: Cell): string {
  if (cell === null) return '';
  return (typeof cell === 'number' ? String(cell) : cell)
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (/\s/.test(c) ? ' ' : ''))
    .replace(/\s+/g, ' ')
    .trim();
}

function teamNumber(value: string): number | null {
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number(value);
  return n >= 1 && n <= MAX_TEAM_NUMBER ? n : null;
}

function sheetOrder(title: string): number {
  const i = SHEETS.findIndex((s) => s.title === title);
  return i === -1 ? -1 : i;
}

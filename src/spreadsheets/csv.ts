/**
 * A small RFC 4180 CSV reader for organiser spreadsheets: UTF-8 with or without BOM, comma,
 * semicolon or tab separated (detected from the header line), quoted fields with doubled
 * quotes and line breaks inside quotes. Rows are handed over with their 1-based line number.
 *
 * It reads text in pieces (`push`, then `end`), so an upload is parsed while it is read from
 * disk and never held whole in memory; any cut between two pieces gives the same rows.
 */
export interface CsvRow {
  line: number;
  cells: string[];
}

export type CsvRowSink = (line: number, cells: string[]) => void;

export function detectSeparator(headerLine: string): ',' | ';' | '\t' {
  const count = (ch: string) => headerLine.split(ch).length - 1;
  const candidates: [',' | ';' | '\t', number][] = [
    [';', count(';')],
    [',', count(',')],
    ['\t', count('\t')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0]![1] > 0 ? candidates[0]![0] : ',';
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

export class CsvReader {
  /** Char code of the separator; -1 until the first line is complete. */
  private sep = -1;
  /** Text received before the first line was complete (the separator is decided from it). */
  private head = '';
  /**
   * The last character of the previous piece, not yet read: a CR or a quote needs the next
   * character to know what it means (CRLF, a doubled quote), and the next piece has it.
   */
  private carry = '';
  private first = true;
  private cells: string[] = [];
  private field = '';
  private quoted = false;
  private line = 1;
  private rowLine = 1;

  constructor(private readonly onRow: CsvRowSink) {}

  push(text: string): void {
    if (this.first && text.length > 0) {
      this.first = false;
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    if (this.sep === -1) {
      this.head += text;
      const lineEnd = this.head.search(/\r?\n/);
      if (lineEnd === -1) return;
      this.sep = detectSeparator(this.head.slice(0, lineEnd)).charCodeAt(0);
      text = this.head;
      this.head = '';
    }
    const body = this.carry + text;
    if (body.length === 0) return;
    this.carry = body.slice(this.scan(body, body.length - 1));
  }

  end(): void {
    let body = this.carry;
    if (this.sep === -1) {
      // a file of one line (or of CR-only line ends): its whole text is the header line
      this.sep = detectSeparator(this.head).charCodeAt(0);
      body = this.head;
    }
    this.scan(body, body.length);
    this.cells.push(this.field);
    this.emit();
    this.carry = this.head = this.field = '';
  }

  private emit() {
    const cells = this.cells;
    if (cells.some((c) => c.trim() !== '')) this.onRow(this.rowLine, cells);
    this.cells = [];
  }

  /**
   * Reads `body` up to `end` (characters past `end` may be looked at, never consumed unless
   * they complete a CRLF or a doubled quote). Returns where reading stopped: `end`, or one
   * past it when the last character was consumed with its follower.
   */
  private scan(body: string, end: number): number {
    const sep = this.sep;
    let field = this.field;
    let quoted = this.quoted;
    let line = this.line;
    // Runs of ordinary characters are copied with one slice each rather than one character at
    // a time: appending per character made a 10.000-row file cost hundreds of thousands of
    // temporary strings.
    let i = 0;
    while (i < end) {
      let j = i;
      if (quoted) {
        // inside quotes everything up to the next quote is text; line breaks still count
        for (let c = body.charCodeAt(j); j < end && c !== QUOTE; c = body.charCodeAt(++j))
          if (c === LF) line++;
        if (j > i) field += body.slice(i, j);
        if (j === end) {
          i = end;
          break;
        }
        if (body.charCodeAt(j + 1) === QUOTE) {
          field += '"'; // a doubled quote is one quote
          i = j + 2;
        } else {
          quoted = false;
          i = j + 1;
        }
        continue;
      }
      for (let c = body.charCodeAt(j); j < end; c = body.charCodeAt(++j))
        if (c === sep || c === LF || c === CR || c === QUOTE) break;
      if (j > i) field += body.slice(i, j);
      if (j === end) {
        i = end;
        break;
      }
      const ch = body.charCodeAt(j);
      i = j + 1;
      if (ch === QUOTE) {
        // a quote opens a quoted field only at its start; elsewhere it is an ordinary character
        if (field === '') quoted = true;
        else field += '"';
      } else if (ch === sep) {
        this.cells.push(field);
        field = '';
      } else {
        if (ch === CR && body.charCodeAt(i) === LF) i++;
        this.cells.push(field);
        this.emit();
        field = '';
        line++;
        this.rowLine = line;
      }
    }
    this.field = field;
    this.quoted = quoted;
    this.line = line;
    return i;
  }
}

/** All rows of a CSV text. */
export function parseCsv(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  const reader = new CsvReader((line, cells) => rows.push({ line, cells }));
  reader.push(text);
  reader.end();
  return rows;
}

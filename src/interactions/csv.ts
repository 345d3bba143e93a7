/**
 * A small RFC 4180 CSV reader for organiser spreadsheets: UTF-8 with or without BOM, comma,
 * semicolon or tab separated (detected from the header line), quoted fields with doubled
 * quotes and line breaks inside quotes. Returns rows of strings with their 1-based line number.
 */
export interface CsvRow {
  line: number;
  cells: string[];
}

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

export function parseCsv(text: string): CsvRow[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLineEnd = body.search(/\r?\n/);
  const separator = detectSeparator(firstLineEnd === -1 ? body : body.slice(0, firstLineEnd));
  const sep = separator.charCodeAt(0);
  const end = body.length;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  // Runs of ordinary characters are copied with one slice each rather than one character at a
  // time: appending per character made a 10.000-row file cost hundreds of thousands of
  // temporary strings.
  let i = 0;
  while (i < end) {
    let j = i;
    if (quoted) {
      // inside quotes everything up to the next quote is text; line breaks still count
      for (let c = body.charCodeAt(j); j < end && c !== QUOTE; c = body.charCodeAt(++j))
        if (c === LF) line++;
      if (j > i) field += body.slice(i, j);
      if (j === end) break;
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
    if (j === end) break;
    const ch = body.charCodeAt(j);
    i = j + 1;
    if (ch === QUOTE) {
      // a quote opens a quoted field only at its start; elsewhere it is an ordinary character
      if (field === '') quoted = true;
      else field += '"';
    } else if (ch === sep) {
      cells.push(field);
      field = '';
    } else {
      if (ch === CR && body.charCodeAt(i) === LF) i++;
      cells.push(field);
      if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
      cells = [];
      field = '';
      line++;
      rowLine = line;
    }
  }
  cells.push(field);
  if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
  return rows;
}

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { inflateEntry, type InflateBudget } from '../storage/sniff/bounded-inflate';
import type { ByteSource } from '../storage/sniff/types';
import type { ZipEntry } from '../storage/sniff/zip';
import { SpreadsheetError } from './spreadsheet-error';

/**
 * The parts of an XLSX file besides its rows (xlsx-rows.ts): where the worksheets are, the
 * shared strings and which styles show dates, and the SAX reading of one part as it is
 * inflated, which the rows use too.
 */

export const corrupt = () =>
  new SpreadsheetError('CORRUPT_XLSX', 'Không đọc được tệp Excel (.xlsx).');

/** Number formats Excel builds in that show a date or a time (ECMA-376 18.8.30). */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** The rule ExcelJS applies to custom formats, kept so that values read as they did before. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** The attribute `name`, with or without a namespace prefix (`r:id`, `x:r`). */
export function attr(tag: SaxesTagPlain, name: string): string | undefined {
  const { attributes } = tag;
  const plain = attributes[name];
  if (plain !== undefined) return plain;
  for (const key in attributes) if (key.endsWith(`:${name}`)) return attributes[key];
  return undefined;
}

interface XmlHandlers {
  open?(name: string, tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

export async function parsePart(
  src: ByteSource,
  entry: ZipEntry,
  budget: InflateBudget,
  handlers: XmlHandlers,
): Promise<void> {
  const parser = new SaxesParser<{ position: false; xmlns: false }>({
    position: false,
    xmlns: false,
  });
  parser.on('error', (error) => {
    throw error;
  });
  if (handlers.open) parser.on('opentag', (tag) => handlers.open!(localName(tag.name), tag));
  if (handlers.close) parser.on('closetag', (tag) => handlers.close!(localName(tag.name)));
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const piece of inflateEntry(src, entry, budget))
    parser.write(decoder.decode(piece, { stream: true }));
  parser.write(decoder.decode());
  parser.close();
}

/** `xl/_rels/workbook.xml.rels` target → part name (lower case, like the directory's). */
function partName(target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/').toLowerCase();
}

export interface Workbook {
  /** Every worksheet in the workbook's order (the first one first), with its name. */
  sheets: { name: string; entry: ZipEntry }[];
  sharedStrings?: ZipEntry;
  styles?: ZipEntry;
  date1904: boolean;
}

export async function findWorkbook(
  src: ByteSource,
  entries: Map<string, ZipEntry>,
  budget: InflateBudget,
): Promise<Workbook> {
  const workbook = entries.get('xl/workbook.xml');
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  if (!workbook || !rels) throw corrupt();
  const sheetIds: { name: string; id: string | undefined }[] = [];
  let date1904 = false;
  await parsePart(src, workbook, budget, {
    open(name, tag) {
      if (name === 'sheet') sheetIds.push({ name: attr(tag, 'name') ?? '', id: attr(tag, 'id') });
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
    },
  });
  if (sheetIds[0]?.id === undefined)
    throw new SpreadsheetError('EMPTY_XLSX', 'Tệp Excel không có trang tính nào.');
  const targets = new Map<string, string>();
  let sharedStrings: string | undefined;
  let styles: string | undefined;
  await parsePart(src, rels, budget, {
    open(name, tag) {
      if (name !== 'Relationship') return;
      const target = attr(tag, 'Target');
      if (target === undefined) return;
      targets.set(attr(tag, 'Id') ?? '', partName(target));
      const type = attr(tag, 'Type') ?? '';
      if (type.endsWith('/sharedStrings')) sharedStrings = partName(target);
      if (type.endsWith('/styles')) styles = partName(target);
    },
  });
  const sheets = sheetIds.map(({ name, id }) => {
    const entry = entries.get(targets.get(id ?? '') ?? '');
    if (!entry) throw corrupt();
    return { name, entry };
  });
  return {
    sheets,
    sharedStrings: sharedStrings === undefined ? undefined : entries.get(sharedStrings),
    styles: styles === undefined ? undefined : entries.get(styles),
    date1904,
  };
}

/** The text of each shared string (rich text runs joined, phonetic guides left out). */
export async function readSharedStrings(src: ByteSource, entry: ZipEntry, budget: InflateBudget) {
  const strings: string[] = [];
  let current: string[] = [];
  let inText = false;
  let phonetic = 0;
  await parsePart(src, entry, budget, {
    open(name) {
      if (name === 'si') current = [];
      else if (name === 't') inText = phonetic === 0;
      else if (name === 'rPh') phonetic++;
    },
    close(name) {
      if (name === 'si') strings.push(current.join(''));
      else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
    },
    text(text) {
      if (inText) current.push(text);
    },
  });
  return strings;
}

/** Indexes of the cell formats (`s` attribute) that show a number as a date or a time. */
export async function readDateStyles(src: ByteSource, entry: ZipEntry, budget: InflateBudget) {
  const customDates = new Set<number>();
  const dateStyles = new Set<number>();
  let inCellXfs = false;
  let xfIndex = 0;
  await parsePart(src, entry, budget, {
    open(name, tag) {
      if (name === 'numFmt' && isDateFormat(attr(tag, 'formatCode') ?? ''))
        customDates.add(Number(attr(tag, 'numFmtId')));
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        if (BUILT_IN_DATE_FORMATS.has(id) || customDates.has(id)) dateStyles.add(xfIndex);
        xfIndex++;
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return dateStyles;
}

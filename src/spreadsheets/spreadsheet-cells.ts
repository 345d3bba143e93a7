import { toHundredths } from '../engine';

/**
 * Cell-level helpers for the files we write (the results workbook, the ranking CSV, the import
 * templates): formula-injection
 * escaping, RFC 4180 quoting and the number formats a Vietnamese-locale Excel displays as
 * 64,12 and 6.000.000 đ (Excel swaps the separators by locale; the codes stay en-US).
 */

/** Points with two decimals: 64.12 → "64,12" in a Vietnamese Excel. */
export const POINTS_FORMAT = '#,##0.00';
/** Whole đồng: 6000000 → "6.000.000 đ". */
export const MONEY_FORMAT = '#,##0 "đ"';
/** Counts of interactions: 1200 → "1.200". */
export const COUNT_FORMAT = '#,##0';

/**
 * A spreadsheet program evaluates a cell starting with = + - @ (or a tab or carriage return,
 * which some programs strip before looking) as a formula, even in a CSV or when the user
 * merely edits the cell. Prefixing a single quote makes it plain text (OWASP "CSV injection").
 * Idempotent: an escaped value starts with ' and is left alone.
 */
export function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * One CSV field: escaped against formulas, then quoted when it holds the separator, a quote or
 * a line break (RFC 4180), inner quotes doubled. A semicolon is quoted too: it costs nothing
 * and keeps the field whole when Excel (Vietnamese regional settings) splits on ";".
 */
export function csvField(value: string): string {
  const safe = safeText(value);
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A whole CSV file: UTF-8 with a byte-order mark (without it Excel reads the file in the
 * legacy code page and mangles the diacritics), CRLF after every record (RFC 4180).
 */
export function csvDocument(records: readonly (readonly string[])[]): Buffer {
  const body = records.map((fields) => fields.map(csvField).join(',') + '\r\n').join('');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

/**
 * The numeric cell value of a decimal string with at most two decimals ("64.12" → 64.12).
 * Parsed through toHundredths, so a malformed figure fails loudly instead of becoming NaN;
 * hundredths / 100 is the double nearest to the decimal, i.e. exactly Number("64.12").
 */
export function decimalValue(value: string, field: string): number {
  return toHundredths(value, field) / 100;
}

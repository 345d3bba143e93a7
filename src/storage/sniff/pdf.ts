/**
 * PDF. The specification lets readers tolerate junk before the `%PDF-` line, and Acrobat
 * and pdf.js look for it in the first 1024 bytes, so we do the same. Two extra rules keep
 * other documents out:
 * - a version (`%PDF-1.7`, `%PDF-2.0`) must follow, as in every real PDF;
 * - the bytes before it must not contain a markup tag, so an HTML or SVG page carrying
 *   `%PDF-` in its text (a classic polyglot used to smuggle scripts) is not a PDF to us.
 */

const MARKER = Buffer.from('%PDF-', 'latin1');
const SEARCH_WINDOW = 1024;

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function isLetter(byte: number | undefined): boolean {
  return byte !== undefined && (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a;
}

/** `<` followed by a letter, `!`, `?` or `/`: the start of a tag, comment or declaration. */
function containsTag(buf: Buffer, end: number): boolean {
  for (let i = buf.indexOf(0x3c); i !== -1 && i < end; i = buf.indexOf(0x3c, i + 1)) {
    const next = buf[i + 1];
    if (isLetter(next) || next === 0x21 || next === 0x3f || next === 0x2f) return true;
  }
  return false;
}

export function sniffPdf(header: Buffer): boolean {
  const at = header.subarray(0, SEARCH_WINDOW).indexOf(MARKER);
  if (at === -1) return false;
  const v = at + MARKER.length;
  if (!isDigit(header[v]) || header[v + 1] !== 0x2e || !isDigit(header[v + 2])) return false;
  return at === 0 || !containsTag(header, at);
}

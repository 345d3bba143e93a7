import type { Response } from 'express';

/**
 * Names files are downloaded under. A name typed on someone else's computer must not decide
 * how the reader's computer opens the file: the extension always comes from the type sniffed
 * from the content, and characters that change how a name is displayed are removed, e.g. the
 * right-to-left override in `invoice\u202egpj.exe`, shown as "invoiceexe.jpg".
 */

/** Controls (C0, DEL, C1), format characters (bidi overrides and isolates, zero-width), line breaks. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
/** Path separators (browsers replace the other characters Windows refuses themselves). */
const RESERVED = /[\\/]/g;
const MAX_STEM = 120;

/**
 * A cleaned stem and the sniffed extension: NFC, no control/bidi/format characters, no path
 * separators, no extension of its own, at most 120 characters before the extension.
 * `extension` without the dot, e.g. "pdf"; `fallback` is used when nothing usable is left.
 */
export function safeDownloadName(name: string, extension: string, fallback: string): string {
  let stem = name
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .trim();
  // the name's own extension goes ("de-cuong.html" → "de-cuong", "clip.pdf.exe" → "clip.pdf"),
  // and so do leading dots (a hidden file once saved)
  stem = stem
    .replace(/\.[A-Za-z0-9]{1,10}$/, '')
    .replace(/[.\s]+$/u, '')
    .replace(/^[.\s]+/u, '');
  stem = [...stem].slice(0, MAX_STEM).join('').trim();
  if (!stem || /^\.+$/.test(stem)) stem = fallback;
  const ext = /^[a-z0-9]{1,8}$/.test(extension) ? extension : 'bin';
  return `${stem}.${ext}`;
}

/**
 * `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266, RFC 5987
 * `filename*`). The name is cleaned again here, so no caller can put a quote, a control
 * character or a bidi override into the header.
 */
export function contentDisposition(
  fileName: string,
  type: 'inline' | 'attachment' = 'inline',
): string {
  const clean = fileName.normalize('NFC').replace(INVISIBLE, '');
  const ascii = clean
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(clean).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a file made for the request (a template, a PDF) as a download named `fileName`. */
export function sendAttachment(res: Response, type: string, fileName: string, body: Buffer) {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', contentDisposition(fileName, 'attachment'));
  res.send(body);
}

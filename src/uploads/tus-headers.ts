import { DomainError } from '../common/domain-error';

/**
 * The subset of tus 1.0.0 we speak: core + creation + termination. Not `expiration`: an
 * unfinished upload does expire (UPLOAD_PENDING_MAX_AGE_SECONDS after its last byte, by the
 * cleanup job), but no response carries the Upload-Expires header that extension promises.
 */
export const TUS_VERSION = '1.0.0';
export const TUS_EXTENSIONS = 'creation,termination';

/** `Upload-Metadata: filename d2VyLm1wNA==,kind dmlkZW8=` → { filename: 'wer.mp4', kind: 'video' } */
export function parseMetadata(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (!header) return out;
  for (const pair of header.split(',')) {
    const [key, value] = pair.trim().split(' ');
    if (!key || !/^[A-Za-z0-9_.-]{1,50}$/.test(key)) {
      throw DomainError.invalid(
        'BAD_UPLOAD_METADATA',
        'Upload-Metadata không hợp lệ.',
        'Upload-Metadata',
      );
    }
    out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

export function parseNonNegativeInt(value: string | string[] | undefined, header: string): number {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) {
    throw DomainError.invalid('BAD_UPLOAD_HEADER', `Thiếu hoặc sai header ${header}.`, header);
  }
  return Number(value);
}

/**
 * A file name as shown to people: no path, no control or format characters (a right-to-left
 * override would show `invoice\u202egpj.exe` as "invoiceexe.jpg"), bounded length.
 * It is never used to build a path on disk.
 */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = [
    ...base
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
      .trim(),
  ]
    .slice(0, 200)
    .join('');
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'tep-tin';
}

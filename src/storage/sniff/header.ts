import { sniffFtyp, sniffLegacyQuickTime } from './bmff';
import { sniffEbml } from './ebml';
import { sniffOle2 } from './ole2';
import { sniffPdf } from './pdf';
import type { SniffedType } from './types';

/** What the header says, with how it was recognised where the file-level check differs. */
export type HeaderKind =
  | { type: Exclude<SniffedType, 'docx'> | 'zip'; legacyQuickTime?: false }
  | { type: 'mov'; legacyQuickTime: true };

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Classifies the first bytes of a file. Signatures at fixed offsets are tried first; the
 * PDF marker, which may float within the first 1024 bytes, comes last so that a ZIP or
 * video that happens to contain `%PDF-` is judged by its own format.
 */
export function classifyHeader(header: Buffer): HeaderKind | null {
  const ebml = sniffEbml(header);
  if (ebml) return { type: ebml };
  if (sniffOle2(header)) return { type: 'doc' };
  if (header.length >= 4 && header.subarray(0, 4).equals(ZIP_LOCAL_HEADER)) return { type: 'zip' };
  const ftyp = sniffFtyp(header);
  if (ftyp) return { type: ftyp };
  if (sniffLegacyQuickTime(header)) return { type: 'mov', legacyQuickTime: true };
  if (sniffPdf(header)) return { type: 'pdf' };
  return null;
}

/**
 * The type the first 4100 bytes of a file point to. Pure and never throws. `zip` means
 * "may be a DOCX": only `sniffFile` can tell, from the central directory at the end.
 * `doc` means "OLE2 compound file"; `sniffFile` then requires a Word stream in it.
 */
export function sniffHeader(header: Buffer): SniffedType | 'zip' | null {
  return classifyHeader(header)?.type ?? null;
}

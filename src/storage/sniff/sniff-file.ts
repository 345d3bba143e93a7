import { open, type FileHandle } from 'node:fs/promises';
import { hasQuickTimeMovie } from './bmff';
import { classifyHeader } from './header';
import { isWordDocument } from './ole2';
import {
  HEADER_BYTES,
  MEDIA,
  type ByteSource,
  type SniffedType,
  type SniffOptions,
  type SniffResult,
} from './types';
import { checkInflatedSizes } from './bounded-inflate';
import { docxEntries } from './zip';

const DEFAULT_MAX_DOCX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
const DEFAULT_MAX_DOCX_ENTRIES = 2000;

function positiveLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be > 0`);
  return value;
}

/** Positional reads on an open file; loops because one read may return fewer bytes. */
export function fileSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    async read(position: number, length: number): Promise<Buffer> {
      const wanted = Math.max(0, Math.min(length, size - position));
      const buf = Buffer.alloc(wanted);
      let filled = 0;
      while (filled < wanted) {
        const { bytesRead } = await handle.read(buf, filled, wanted - filled, position + filled);
        if (bytesRead === 0) break; // file shrank since stat: the caller sees a short buffer
        filled += bytesRead;
      }
      return buf.subarray(0, filled);
    },
  };
}

function result(type: SniffedType): SniffResult {
  return { type, ...MEDIA[type] };
}

/**
 * Decides a stored file's type from its content. Reads the header and, where the header is
 * not conclusive, only the structures needed: the ZIP central directory (DOCX; then every
 * entry is inflated with a counting cap, streamed), the OLE2 directory (DOC) or the
 * top-level atoms (QuickTime without `ftyp`).
 *
 * Returns null for anything not accepted. Throws SniffError (`ZIP_BOMB`, `CORRUPT_ZIP`)
 * for a ZIP that is hostile or broken; file-system errors propagate unchanged.
 */
export async function sniffFile(
  path: string,
  options: SniffOptions = {},
): Promise<SniffResult | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await sniffSource(fileSource(handle, size), options);
  } finally {
    await handle.close();
  }
}

/** The same decision over any positional reader (a local file, or ranged GETs of an object). */
export async function sniffSource(
  src: ByteSource,
  options: SniffOptions = {},
): Promise<SniffResult | null> {
  const limits = {
    maxUncompressedBytes: positiveLimit(
      options.maxDocxUncompressedBytes,
      DEFAULT_MAX_DOCX_UNCOMPRESSED_BYTES,
      'maxDocxUncompressedBytes',
    ),
    maxEntries: positiveLimit(options.maxDocxEntries, DEFAULT_MAX_DOCX_ENTRIES, 'maxDocxEntries'),
  };
  const header = await src.read(0, HEADER_BYTES);
  const kind = classifyHeader(header);
  if (!kind) return null;
  switch (kind.type) {
    case 'zip': {
      const entries = await docxEntries(src, limits);
      if (!entries) return null;
      // Declared sizes can lie (4 KiB declared, 2 GiB inside): every entry is inflated,
      // counted and dropped, stopping at its declared size and at the total cap.
      await checkInflatedSizes(src, entries, limits.maxUncompressedBytes);
      return result('docx');
    }
    case 'doc':
      return (await isWordDocument(src, header)) ? result('doc') : null;
    case 'mov':
      if (kind.legacyQuickTime) return (await hasQuickTimeMovie(src)) ? result('mov') : null;
      return result('mov');
    default:
      return result(kind.type);
  }
}

/** Content types we accept, named after what the bytes are, not what the upload claims. */
export type SniffedType = 'mp4' | 'mov' | 'webm' | 'mkv' | 'pdf' | 'docx' | 'doc';

export interface SniffResult {
  type: SniffedType;
  mime: string;
  /** With the leading dot, as `path.extname` returns it (e.g. `.mp4`). */
  extension: string;
}

export interface SniffOptions {
  /** Cap on the sum of the uncompressed sizes a DOCX declares. Default 200 MiB. */
  maxDocxUncompressedBytes?: number;
  /** Cap on the number of entries in a DOCX. Default 2000. */
  maxDocxEntries?: number;
}

/**
 * Thrown when the content is recognisably a container we would accept but is hostile or
 * broken, so the caller can tell the user why instead of a bare "wrong type".
 * Codes: `ZIP_BOMB`, `CORRUPT_ZIP`. The message is Vietnamese, for people.
 */
export class SniffError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SniffError';
  }
}

export const ZIP_BOMB = 'ZIP_BOMB';
export const CORRUPT_ZIP = 'CORRUPT_ZIP';

export const MEDIA: Readonly<Record<SniffedType, { mime: string; extension: string }>> = {
  mp4: { mime: 'video/mp4', extension: '.mp4' },
  mov: { mime: 'video/quicktime', extension: '.mov' },
  webm: { mime: 'video/webm', extension: '.webm' },
  mkv: { mime: 'video/x-matroska', extension: '.mkv' },
  pdf: { mime: 'application/pdf', extension: '.pdf' },
  docx: {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: '.docx',
  },
  doc: { mime: 'application/msword', extension: '.doc' },
};

/**
 * Random access to the bytes being sniffed. The format checks that need more than the
 * header (DOCX central directory, OLE2 directory, QuickTime atoms) take this instead of a
 * file handle, so they read only the few ranges they need and stay testable in memory.
 */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes at `position`; shorter only at the end of the data. */
  read(position: number, length: number): Promise<Buffer>;
}

/** How much of the start of a file `sniffHeader` needs to recognise every accepted type. */
export const HEADER_BYTES = 4100;

/**
 * Matroska and WebM share one container, EBML (RFC 8794). The file opens with an EBML
 * header element whose `DocType` child names the flavour, so we walk that element's
 * children properly instead of searching for the words anywhere in the bytes (a string
 * search would let any file with "webm" early on pass).
 */

const EBML_MAGIC = 0x1a45dfa3;
const DOC_TYPE_ID = 0x4282;

interface VarInt {
  /** The value with the length marker bit cleared (sizes) or kept (IDs). */
  value: number;
  length: number;
  /** All value bits set: the "unknown size" marker, which the EBML header may not use. */
  allOnes: boolean;
}

/**
 * Reads an EBML variable-length integer: the count of leading zero bits in the first byte
 * gives the extra byte count (0..7). Returns null when the first byte is 0 (longer than
 * 8 bytes, invalid), when it exceeds `maxLength`, or when it runs past `end`.
 */
function readVarInt(
  buf: Buffer,
  at: number,
  end: number,
  maxLength: number,
  keepMarker: boolean,
): VarInt | null {
  if (at >= end) return null;
  const first = buf[at];
  if (first === 0) return null;
  const length = Math.clz32(first) - 23; // clz32 counts from bit 31; a byte's top bit is bit 7
  if (length > maxLength || at + length > end) return null;
  const mask = keepMarker ? 0xff : 0xff >> length;
  let value = first & mask;
  let allOnes = (first & (0xff >> length)) === 0xff >> length;
  for (let i = 1; i < length; i++) {
    // Multiplication rather than shifts: sizes may use up to 56 bits, beyond 32-bit ints.
    value = value * 256 + buf[at + i];
    if (buf[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, allOnes };
}

/** `webm` / `mkv` from the EBML header's DocType, or null. */
export function sniffEbml(header: Buffer): 'webm' | 'mkv' | null {
  if (header.length < 5 || header.readUInt32BE(0) !== EBML_MAGIC) return null;
  const size = readVarInt(header, 4, header.length, 8, false);
  if (!size || size.allOnes) return null;
  const start = 4 + size.length;
  // Only the part of the header we were given can be read; DocType sits in its first
  // few dozen bytes in every muxer, far inside the 4100-byte window.
  const end = Math.min(start + size.value, header.length);
  let at = start;
  while (at < end) {
    const id = readVarInt(header, at, end, 4, true);
    if (!id) return null;
    const len = readVarInt(header, at + id.length, end, 8, false);
    if (!len || len.allOnes) return null;
    const dataAt = at + id.length + len.length;
    const dataEnd = dataAt + len.value;
    if (dataEnd > end) return null;
    if (id.value === DOC_TYPE_ID) {
      // EBML strings may be padded with NULs up to their declared size.
      const docType = header.toString('latin1', dataAt, dataEnd).replace(/\0+$/, '');
      if (docType === 'webm') return 'webm';
      if (docType === 'matroska') return 'mkv';
      return null;
    }
    at = dataEnd;
  }
  return null;
}

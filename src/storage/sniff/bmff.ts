import { HEADER_BYTES, type ByteSource } from './types';

/**
 * ISO base media (MP4) and QuickTime. Both are a sequence of boxes ("atoms"): a 32-bit
 * big-endian size, then a four-character type. Modern files start with `ftyp`, whose major
 * brand says which specification the file follows; pre-2001 QuickTime files have no `ftyp`
 * and start straight with one of a few top-level atoms.
 */

/** Brands of still images and audio that also use `ftyp`: not videos, so never `mp4`. */
const NOT_VIDEO_BRANDS = new Set([
  'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'avif', 'avis', 'avio',
  'crx ', 'jp2 ', 'jpx ', 'jpm ', 'M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ',
]); // prettier-ignore

/**
 * Brands of video files that are MP4 for our purpose. A file whose major brand is unknown
 * still counts when one of its compatible brands is listed here, because encoders (phones,
 * cameras, Sony `XAVC`, Adobe `f4v `) often put their own brand first and `isom` after.
 */
const VIDEO_BRANDS = new Set([
  'isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42',
  'mp71', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'msdh', 'msix', 'cmfc', 'cmf2', 'f4v ',
  'mmp4', 'XAVC', 'MSNV', 'NDAS', 'ndxh', 'kddi', 'isml', 'piff', 'iso1',
  '3gp4', '3gp5', '3gp6', '3gp7', '3gp8', '3gp9', '3gg6', '3gg9', '3gs7', '3ge6', '3ge7',
  '3g2a', '3g2b', '3g2c',
]); // prettier-ignore

/** Atoms an old QuickTime file may start with (and that may follow the first one). */
const LEGACY_FIRST = new Set(['wide', 'free', 'mdat', 'moov']);
const LEGACY_TOP_LEVEL = new Set(['wide', 'free', 'skip', 'mdat', 'moov', 'pnot', 'udta', 'uuid']);

/** A readable box type: four printable ASCII characters (brands and atoms are such). */
function fourCC(buf: Buffer, at: number): string | null {
  if (at + 4 > buf.length) return null;
  for (let i = at; i < at + 4; i++) if (buf[i] < 0x20 || buf[i] > 0x7e) return null;
  return buf.toString('latin1', at, at + 4);
}

/** `mp4` / `mov` from a leading `ftyp` box, or null. */
export function sniffFtyp(header: Buffer): 'mp4' | 'mov' | null {
  if (header.length < 16 || fourCC(header, 4) !== 'ftyp') return null;
  const size = header.readUInt32BE(0);
  // A real ftyp carries a major brand and a minor version (16 bytes) plus a handful of
  // compatible brands; anything outside this range is not a media file that happens to
  // begin with these bytes. (Stricter than 8 because the major brand must be inside it.)
  if (size < 16 || size > 4096) return null;
  const major = fourCC(header, 8);
  if (major === null || NOT_VIDEO_BRANDS.has(major)) return null;
  if (major === 'qt  ') return 'mov';
  if (VIDEO_BRANDS.has(major)) return 'mp4';
  // Unknown major brand (camera makers use their own): decide by the compatible brands.
  let quickTime = false;
  const end = Math.min(size, header.length);
  for (let at = 16; at + 4 <= end; at += 4) {
    const brand = fourCC(header, at);
    if (brand !== null && VIDEO_BRANDS.has(brand)) return 'mp4';
    if (brand === 'qt  ') quickTime = true;
  }
  return quickTime ? 'mov' : null;
}

interface BoxHead {
  type: string;
  /** Whole box size in bytes, or `Infinity` for a size-0 box that runs to the end of the data. */
  size: number;
}

/** Reads a box header at `at` when it is structurally valid; null otherwise. */
function boxAt(buf: Buffer, at: number): BoxHead | null {
  if (at + 8 > buf.length) return null;
  const type = fourCC(buf, at + 4);
  if (type === null) return null;
  const size32 = buf.readUInt32BE(at);
  if (size32 === 0) return { type, size: Infinity };
  if (size32 === 1) {
    // 64-bit "largesize" follows the type; used for big `mdat`s.
    if (at + 16 > buf.length) return null;
    const size = Number(buf.readBigUInt64BE(at + 8));
    return size >= 16 ? { type, size } : null;
  }
  return size32 >= 8 ? { type, size: size32 } : null;
}

/**
 * Old QuickTime (no `ftyp`): the first atom must be one QuickTime starts files with and
 * have a valid size. When that atom ends inside the header, the next one must be a
 * plausible top-level atom too, which keeps arbitrary files that merely contain `free` or
 * `wide` at offset 4 from passing. The file-level check (`hasQuickTimeMovie`) then requires
 * a `moov` atom.
 */
export function sniffLegacyQuickTime(header: Buffer): boolean {
  const first = boxAt(header, 0);
  if (!first || !LEGACY_FIRST.has(first.type)) return false;
  if (first.size === Infinity) return first.type === 'mdat';
  if (first.size >= header.length) return true; // cannot see further from the header alone
  // The next atom header may be cut off by the header window: then we cannot judge it.
  if (header.length - first.size < 16 && header.length >= HEADER_BYTES) return true;
  const next = boxAt(header, first.size);
  return next !== null && LEGACY_TOP_LEVEL.has(next.type);
}

/** At most this many top-level atoms are walked looking for `moov`. */
const MAX_ATOMS = 64;

/**
 * True when the top-level atoms are consistent with the data size and one of them is
 * `moov` (the movie header: without it no player can open the file). Reads 16 bytes per
 * atom, skipping over their contents.
 */
export async function hasQuickTimeMovie(src: ByteSource): Promise<boolean> {
  let at = 0;
  for (let i = 0; i < MAX_ATOMS && at + 8 <= src.size; i++) {
    const head = await src.read(at, 16);
    const box = boxAt(head, 0);
    if (!box) return false;
    if (box.type === 'moov') return box.size === Infinity || at + box.size <= src.size;
    if (box.size === Infinity || at + box.size > src.size) return false;
    at += box.size;
  }
  return false;
}

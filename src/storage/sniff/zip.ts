import { CORRUPT_ZIP, SniffError, ZIP_BOMB, type ByteSource } from './types';

/**
 * DOCX (and XLSX) is a ZIP (OPC package). The central directory at the end of the archive
 * lists every entry with its sizes, which is enough to (1) see whether the Word parts are
 * there and (2) refuse archives whose declared sizes are built to exhaust whoever unpacks
 * them later (previewers, virus scanners, reviewers' Word).
 *
 * Declared sizes can lie in the other direction (claim small, inflate huge); only inflating
 * can catch that, so every entry is then inflated by `bounded-inflate.ts`, which stops at the
 * declared size and at a total cap.
 */

export interface ZipLimits {
  maxUncompressedBytes: number;
  maxEntries: number;
}

const EOCD_SIG = Buffer.from('PK\x05\x06', 'latin1');
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIG = 0x06064b50;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_SIG = 0x02014b50;
const CENTRAL_SIZE = 46;
export const LOCAL_SIG = 0x04034b50;
export const LOCAL_SIZE = 30;
const ZIP64_EXTRA_ID = 0x0001;
const U32_MAX = 0xffffffff;

/** Ratio cap, applied only to big entries: small XML parts legitimately compress > 200:1. */
const MAX_RATIO = 200;
const RATIO_MIN_BYTES = 10 * 1024 * 1024;
/**
 * A Word file's central directory is a few KiB (entries have short names and no comments).
 * Refusing to load more than this stops a crafted directory from costing us memory.
 */
const MAX_CENTRAL_DIRECTORY_BYTES = 16 * 1024 * 1024;

/** OPC part names are case-insensitive (ECMA-376 part 2, 9.1.1.4), hence lower case. */
const CONTENT_TYPES = '[content_types].xml';
const MAIN_DOCUMENT = 'word/document.xml';

function corrupt(message: string): SniffError {
  return new SniffError(CORRUPT_ZIP, `Tệp nén (ZIP/DOCX) bị hỏng hoặc không trọn vẹn: ${message}`);
}

function bomb(message: string): SniffError {
  return new SniffError(
    ZIP_BOMB,
    `Tệp nén (ZIP/DOCX) bị từ chối vì có dấu hiệu "bom nén": ${message}`,
  );
}

/** 64-bit little-endian field as a number; values past 2^53 lose precision but stay huge. */
function u64(buf: Buffer, at: number): number {
  return Number(buf.readBigUInt64LE(at));
}

async function readExactly(src: ByteSource, at: number, length: number): Promise<Buffer> {
  const buf = await src.read(at, length);
  if (buf.length !== length) throw corrupt('tệp kết thúc sớm hơn cấu trúc khai báo.');
  return buf;
}

interface CentralDirectory {
  disk: number;
  cdDisk: number;
  entriesHere: number;
  entries: number;
  offset: number;
  size: number;
  /** Where the directory must end: the (ZIP64) end-of-central-directory record. */
  end: number;
}

/** Index in `tail` of the last end record whose comment ends exactly at the end, or -1. */
function endRecordIndex(tail: Buffer): number {
  for (
    let i = tail.lastIndexOf(EOCD_SIG);
    i !== -1;
    i = i ? tail.lastIndexOf(EOCD_SIG, i - 1) : -1
  ) {
    if (i + EOCD_SIZE <= tail.length && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      return i;
    }
  }
  return -1;
}

/**
 * Finds the end-of-central-directory record: the last `PK\x05\x06` in the final
 * 22 + 65535 bytes whose comment length runs exactly to the end of the file (a signature
 * inside the comment would not).
 */
async function locateCentralDirectory(src: ByteSource): Promise<CentralDirectory> {
  const tailLength = Math.min(src.size, EOCD_SIZE + MAX_COMMENT);
  const tailStart = src.size - tailLength;
  const tail = await readExactly(src, tailStart, tailLength);
  const i = endRecordIndex(tail);
  if (i === -1) throw corrupt('không tìm thấy phần kết thúc danh mục trung tâm (tệp bị cắt cụt?).');
  const eocdAt = tailStart + i;
  let dir: CentralDirectory = {
    disk: tail.readUInt16LE(i + 4),
    cdDisk: tail.readUInt16LE(i + 6),
    entriesHere: tail.readUInt16LE(i + 8),
    entries: tail.readUInt16LE(i + 10),
    size: tail.readUInt32LE(i + 12),
    offset: tail.readUInt32LE(i + 16),
    end: eocdAt,
  };

  // ZIP64: a locator right before the classic record points at a record with 64-bit fields.
  if (eocdAt >= ZIP64_LOCATOR_SIZE) {
    const loc = await readExactly(src, eocdAt - ZIP64_LOCATOR_SIZE, ZIP64_LOCATOR_SIZE);
    if (loc.readUInt32LE(0) === ZIP64_LOCATOR_SIG) {
      const recordAt = u64(loc, 8);
      if (recordAt + ZIP64_EOCD_SIZE > eocdAt - ZIP64_LOCATOR_SIZE) {
        throw corrupt('bản ghi ZIP64 trỏ ra ngoài tệp.');
      }
      const rec = await readExactly(src, recordAt, ZIP64_EOCD_SIZE);
      if (rec.readUInt32LE(0) !== ZIP64_EOCD_SIG) throw corrupt('bản ghi ZIP64 không hợp lệ.');
      dir = {
        disk: rec.readUInt32LE(16),
        cdDisk: rec.readUInt32LE(20),
        entriesHere: u64(rec, 24),
        entries: u64(rec, 32),
        size: u64(rec, 40),
        offset: u64(rec, 48),
        end: recordAt,
      };
    }
  }
  // Split (multi-volume) archives are never documents and cannot be read from one file.
  if (dir.disk !== 0 || dir.cdDisk !== 0 || dir.entriesHere !== dir.entries) {
    throw corrupt('tệp nén chia nhiều phần không được hỗ trợ.');
  }
  return dir;
}

/** One entry of the central directory, as declared there (sizes are claims, not facts). */
export interface ZipEntry {
  /** In lower case: OPC part names are case-insensitive. */
  name: string;
  /** 0 stored, 8 deflate; anything else is refused when the entry is inflated. */
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Lower bound of the bytes the entry occupies from its local header on. */
  minSpan: number;
}

/** Replaces 0xFFFFFFFF markers with the values from the ZIP64 extra field, when present. */
function applyZip64Extra(
  extra: Buffer,
  fields: { uncompressed: number; compressed: number; localOffset: number },
): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at);
    const len = extra.readUInt16LE(at + 2);
    const data = extra.subarray(at + 4, at + 4 + len);
    if (data.length !== len) throw corrupt('trường mở rộng của một mục bị cắt cụt.');
    if (id === ZIP64_EXTRA_ID) {
      // Only the fields whose 32-bit value is the marker are present, in this order.
      let p = 0;
      for (const key of ['uncompressed', 'compressed', 'localOffset'] as const) {
        if (fields[key] !== U32_MAX) continue;
        if (p + 8 > data.length) throw corrupt('trường ZIP64 của một mục bị thiếu.');
        fields[key] = u64(data, p);
        p += 8;
      }
      return;
    }
    at += 4 + len;
  }
  // No ZIP64 field: the markers stand for what they claim (>= 4 GiB), checked by the caps.
}

/**
 * Reads and checks the archive's central directory: entry count, declared sizes and ratios
 * under the limits, entries inside the data area, no duplicate names, no overlapping entries.
 * Throws SniffError `ZIP_BOMB` or `CORRUPT_ZIP`.
 */
export async function readZipDirectory(src: ByteSource, limits: ZipLimits): Promise<ZipEntry[]> {
  const dir = await locateCentralDirectory(src);
  if (dir.entries > limits.maxEntries) {
    throw bomb(`có ${dir.entries} mục bên trong, vượt giới hạn ${limits.maxEntries}.`);
  }
  if (dir.offset + dir.size !== dir.end || dir.size < dir.entries * CENTRAL_SIZE) {
    throw corrupt('danh mục trung tâm bị cắt cụt hoặc không khớp với vị trí khai báo.');
  }
  if (dir.size > MAX_CENTRAL_DIRECTORY_BYTES) {
    throw bomb('danh mục trung tâm lớn bất thường.');
  }
  const cd = await readExactly(src, dir.offset, dir.size);

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = 0;
  for (let n = 0; n < dir.entries; n++) {
    if (p + CENTRAL_SIZE > cd.length || cd.readUInt32LE(p) !== CENTRAL_SIG) {
      throw corrupt('danh mục trung tâm bị cắt cụt hoặc không nhất quán.');
    }
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const diskStart = cd.readUInt16LE(p + 34);
    const nameAt = p + CENTRAL_SIZE;
    const next = nameAt + nameLength + extraLength + commentLength;
    if (next > cd.length) throw corrupt('danh mục trung tâm bị cắt cụt.');
    const fields = {
      compressed: cd.readUInt32LE(p + 20),
      uncompressed: cd.readUInt32LE(p + 24),
      localOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(cd.subarray(nameAt + nameLength, nameAt + nameLength + extraLength), fields);
    const { compressed, uncompressed, localOffset } = fields;

    // Bomb checks come before the offset checks so that a huge claim is reported as such.
    if (uncompressed > RATIO_MIN_BYTES && uncompressed > MAX_RATIO * compressed) {
      throw bomb('tỉ lệ nén của một mục vượt quá 200:1.');
    }
    total += uncompressed;
    if (total > limits.maxUncompressedBytes) {
      throw bomb('tổng dung lượng sau giải nén vượt giới hạn cho phép.');
    }

    const encrypted = (flags & 1) !== 0;
    if (method === 0 && !encrypted && compressed !== uncompressed) {
      throw corrupt('kích thước của một mục không nén không nhất quán.');
    }
    // Every entry's data lies before the central directory.
    if (diskStart !== 0 || localOffset + LOCAL_SIZE + nameLength + compressed > dir.offset) {
      throw corrupt('một mục trỏ ra ngoài vùng dữ liệu.');
    }
    // Names are compared in lower case; UTF-8 vs CP437 does not matter for the ASCII names
    // we look for, and the same bytes always decode to the same string for the dup check.
    const name = cd.toString('latin1', nameAt, nameAt + nameLength).toLowerCase();
    if (names.has(name)) {
      // Two entries with one name: readers disagree on which wins, a known smuggling trick.
      throw corrupt('có hai mục trùng tên.');
    }
    names.add(name);
    entries.push({
      name,
      method,
      flags,
      compressedSize: compressed,
      uncompressedSize: uncompressed,
      localOffset,
      minSpan: LOCAL_SIZE + nameLength + compressed,
    });
    p = next;
  }
  if (p !== cd.length) throw corrupt('danh mục trung tâm không khớp với số mục khai báo.');

  // Overlapping entries let one compressed kernel be counted many times over: the
  // "non-recursive zip bomb" construction. Real archives store entries back to back.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const prev = byOffset[i - 1];
    if (prev.localOffset + prev.minSpan > byOffset[i].localOffset) {
      throw bomb('các mục chồng lấn lên nhau.');
    }
  }
  return entries;
}

/**
 * Checks the archive's central directory and, when it is a Word document, returns its
 * entries (to be inflated by the caller). Returns null for a sound ZIP without the DOCX parts
 * (xlsx, jar, plain zip). Throws SniffError `ZIP_BOMB` or `CORRUPT_ZIP`.
 */
export async function docxEntries(src: ByteSource, limits: ZipLimits): Promise<ZipEntry[] | null> {
  const entries = await readZipDirectory(src, limits);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has(CONTENT_TYPES) || !names.has(MAIN_DOCUMENT)) return null;
  // The central directory must point at real local headers for the parts we rely on.
  for (const entry of entries) {
    if (entry.name !== CONTENT_TYPES && entry.name !== MAIN_DOCUMENT) continue;
    const local = await readExactly(src, entry.localOffset, LOCAL_SIZE);
    if (local.readUInt32LE(0) !== LOCAL_SIG) throw corrupt('đầu mục cục bộ không hợp lệ.');
  }
  return entries;
}

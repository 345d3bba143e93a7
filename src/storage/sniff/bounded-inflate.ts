import { pipeline, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { CORRUPT_ZIP, SniffError, ZIP_BOMB, type ByteSource } from './types';
import { LOCAL_SIG, LOCAL_SIZE, type ZipEntry } from './zip';

/**
 * Inflates ZIP entries while counting what comes out, so that a size the central directory
 * declares is a limit, not a promise: an entry that inflates past its declared size (a "lying"
 * zip bomb: 4 KiB declared, 2 GiB inside) is stopped at the first byte too many, and all the
 * entries of one archive together stop at `budget.limit`. Nothing is buffered beyond one
 * chunk: the caller consumes the pieces as they come (or drops them).
 */

/** Bytes inflated so far across the entries of one archive, and the most allowed. */
export interface InflateBudget {
  readonly limit: number;
  used: number;
}

/** Why inflation stopped early; the code is always `ZIP_BOMB`. */
export class InflateLimitError extends SniffError {
  constructor(
    readonly reason: 'over_declared_size' | 'over_total_limit',
    message: string,
  ) {
    super(ZIP_BOMB, message);
  }
}

const CHUNK_BYTES = 64 * 1024;

function corrupt(message: string): SniffError {
  return new SniffError(CORRUPT_ZIP, `Tệp nén bị hỏng: ${message}`);
}

async function* compressedBytes(src: ByteSource, start: number, length: number) {
  for (let at = 0; at < length;) {
    const piece = await src.read(start + at, Math.min(CHUNK_BYTES, length - at));
    if (piece.length === 0) throw corrupt('dữ liệu của một mục bị cắt cụt.');
    at += piece.length;
    yield piece;
  }
}

/**
 * The entry's inflated bytes, piece by piece. Throws InflateLimitError when it grows past its
 * declared size or the budget, SniffError `CORRUPT_ZIP` when its data is damaged, encrypted,
 * compressed by another method than deflate, or shorter than declared.
 */
export async function* inflateEntry(
  src: ByteSource,
  entry: ZipEntry,
  budget: InflateBudget,
): AsyncGenerator<Buffer> {
  if (entry.flags & 1) throw corrupt('mục được mã hoá.');
  if (entry.method !== 0 && entry.method !== 8) throw corrupt('phương thức nén không hỗ trợ.');
  const local = await src.read(entry.localOffset, LOCAL_SIZE);
  if (local.length !== LOCAL_SIZE || local.readUInt32LE(0) !== LOCAL_SIG)
    throw corrupt('đầu mục cục bộ không hợp lệ.');
  const start = entry.localOffset + LOCAL_SIZE + local.readUInt16LE(26) + local.readUInt16LE(28);
  const input = Readable.from(compressedBytes(src, start, entry.compressedSize));
  const output: Readable =
    entry.method === 0
      ? input
      : pipeline(input, createInflateRaw({ chunkSize: CHUNK_BYTES }), () => {});
  let produced = 0;
  try {
    for await (const piece of output as AsyncIterable<Buffer>) {
      produced += piece.length;
      budget.used += piece.length;
      if (produced > entry.uncompressedSize)
        throw new InflateLimitError(
          'over_declared_size',
          'một mục giải nén ra lớn hơn kích thước khai báo (dấu hiệu "bom nén").',
        );
      if (budget.used > budget.limit)
        throw new InflateLimitError(
          'over_total_limit',
          'tổng dung lượng sau giải nén vượt giới hạn cho phép.',
        );
      yield piece;
    }
  } catch (error) {
    if (error instanceof SniffError) throw error;
    throw corrupt('dữ liệu nén không hợp lệ.');
  } finally {
    output.destroy();
    input.destroy();
  }
  if (produced !== entry.uncompressedSize)
    throw corrupt('một mục giải nén ra ít hơn kích thước khai báo.');
}

/** Inflates every entry and drops the bytes: proves the declared sizes true, or throws. */
export async function checkInflatedSizes(
  src: ByteSource,
  entries: readonly ZipEntry[],
  limit: number,
): Promise<void> {
  const budget: InflateBudget = { limit, used: 0 };
  for (const entry of entries)
    for await (const piece of inflateEntry(src, entry, budget)) void piece;
}

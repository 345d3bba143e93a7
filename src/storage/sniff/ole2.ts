import type { ByteSource } from './types';

/**
 * Legacy Word `.doc` lives in an OLE2 Compound File (MS-CFB), the same container as `.xls`,
 * `.ppt` and `.msi` installers. The header alone only says "compound file", so
 * `sniffHeader` reports any well-formed OLE2 header as `doc` (best effort: good enough to
 * reject early what is clearly not a document). `isWordDocument` then walks the directory
 * and requires the `WordDocument` stream under the root, which only Word binary files
 * have; that keeps spreadsheets and installers out at the final check.
 */

const MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const HEADER_SIZE = 512;

// Special sector numbers (MS-CFB 2.1).
const MAX_REG_SECT = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
const NO_STREAM = 0xffffffff;

const DIR_ENTRY_SIZE = 128;
const TYPE_STREAM = 2;
const TYPE_ROOT = 5;
const WORD_DOCUMENT = 'WordDocument';

// Bounds on the work a hostile file can cause: Word files have a handful of directory
// sectors and a few dozen root children.
const MAX_DIR_SECTORS = 1024;
const MAX_VISITED_ENTRIES = 4096;

interface CfbHeader {
  sectorSize: number;
  fatSectorCount: number;
  firstDirSector: number;
  firstDifatSector: number;
  difatSectorCount: number;
}

/** Parses the fixed header fields the specification says MUST hold; null when any fails. */
function parseHeader(header: Buffer): CfbHeader | null {
  if (header.length < HEADER_SIZE || !header.subarray(0, 8).equals(MAGIC)) return null;
  if (header.readUInt16LE(28) !== 0xfffe) return null; // byte order mark
  const major = header.readUInt16LE(26);
  const shift = header.readUInt16LE(30);
  if (!((major === 3 && shift === 9) || (major === 4 && shift === 12))) return null;
  if (header.readUInt16LE(32) !== 6) return null; // mini sector shift
  return {
    sectorSize: 1 << shift,
    fatSectorCount: header.readUInt32LE(44),
    firstDirSector: header.readUInt32LE(48),
    firstDifatSector: header.readUInt32LE(68),
    difatSectorCount: header.readUInt32LE(72),
  };
}

/** True for a well-formed OLE2 compound file header (needs the first 512 bytes). */
export function sniffOle2(header: Buffer): boolean {
  return parseHeader(header) !== null;
}

/** Reads a compound file's sectors and FAT on demand, refusing anything out of range. */
class Cfb {
  private readonly fatSectors: number[] = [];
  private readonly fatCache = new Map<number, Buffer>();

  constructor(
    private readonly src: ByteSource,
    readonly h: CfbHeader,
  ) {}

  /** Sector `n` starts right after the header-sized sector 0 slot. */
  async sector(n: number): Promise<Buffer | null> {
    if (n > MAX_REG_SECT) return null;
    const at = (n + 1) * this.h.sectorSize;
    if (at + this.h.sectorSize > this.src.size) return null;
    const buf = await this.src.read(at, this.h.sectorSize);
    return buf.length === this.h.sectorSize ? buf : null;
  }

  /** Collects the FAT sector numbers from the header's 109 DIFAT slots and the DIFAT chain. */
  async loadFatSectorList(header: Buffer): Promise<boolean> {
    const { fatSectorCount, sectorSize } = this.h;
    // More FAT sectors than the file could need means a lie in the header.
    const maxFat = Math.ceil(this.src.size / sectorSize / (sectorSize / 4)) + 1;
    if (fatSectorCount === 0 || fatSectorCount > maxFat) return false;
    for (let i = 0; i < 109 && this.fatSectors.length < fatSectorCount; i++) {
      this.fatSectors.push(header.readUInt32LE(76 + i * 4));
    }
    let difat = this.h.firstDifatSector;
    for (let hops = 0; this.fatSectors.length < fatSectorCount; hops++) {
      if (hops >= this.h.difatSectorCount || hops > maxFat) return false;
      const buf = await this.sector(difat);
      if (!buf) return false;
      const perSector = sectorSize / 4 - 1; // last slot links to the next DIFAT sector
      for (let i = 0; i < perSector && this.fatSectors.length < fatSectorCount; i++) {
        this.fatSectors.push(buf.readUInt32LE(i * 4));
      }
      difat = buf.readUInt32LE(perSector * 4);
    }
    return true;
  }

  /** The FAT entry of sector `n`: the next sector of its chain. Null when unreadable. */
  async next(n: number): Promise<number | null> {
    const perSector = this.h.sectorSize / 4;
    const index = Math.floor(n / perSector);
    if (index >= this.fatSectors.length) return null;
    let fat = this.fatCache.get(index);
    if (!fat) {
      const buf = await this.sector(this.fatSectors[index]);
      if (!buf) return null;
      fat = buf;
      this.fatCache.set(index, fat);
    }
    return fat.readUInt32LE((n % perSector) * 4);
  }
}

/** Reads the directory sector chain into one buffer of 128-byte entries. */
async function readDirectory(cfb: Cfb): Promise<Buffer | null> {
  const parts: Buffer[] = [];
  const seen = new Set<number>();
  let n = cfb.h.firstDirSector;
  while (n !== END_OF_CHAIN) {
    if (seen.has(n) || seen.size >= MAX_DIR_SECTORS) return null; // loop or absurd size
    seen.add(n);
    const buf = await cfb.sector(n);
    if (!buf) return null;
    parts.push(buf);
    const next = await cfb.next(n);
    if (next === null || next === FREE_SECT) return null;
    n = next;
  }
  return parts.length ? Buffer.concat(parts) : null;
}

function entryName(dir: Buffer, at: number): string {
  const bytes = dir.readUInt16LE(at + 64); // includes the UTF-16 NUL terminator
  if (bytes < 2 || bytes > 64 || bytes % 2 !== 0) return '';
  return dir.toString('utf16le', at, at + bytes - 2);
}

/**
 * True when the compound file's root storage has a `WordDocument` stream. The root's
 * children form a red-black tree linked through left/right sibling ids; we walk it with an
 * explicit stack and a visited set, so a cyclic tree cannot hang us.
 */
export async function isWordDocument(src: ByteSource, header: Buffer): Promise<boolean> {
  const h = parseHeader(header);
  if (!h) return false;
  const cfb = new Cfb(src, h);
  if (!(await cfb.loadFatSectorList(header))) return false;
  const dir = await readDirectory(cfb);
  if (!dir) return false;
  const count = Math.floor(dir.length / DIR_ENTRY_SIZE);
  if (dir[66] !== TYPE_ROOT) return false;
  const stack = [dir.readUInt32LE(76)]; // root's child
  const visited = new Set<number>();
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (id === NO_STREAM) continue;
    if (id >= count || visited.has(id) || visited.size >= MAX_VISITED_ENTRIES) return false;
    visited.add(id);
    const at = id * DIR_ENTRY_SIZE;
    if (dir[at + 66] === TYPE_STREAM && entryName(dir, at) === WORD_DOCUMENT) return true;
    stack.push(dir.readUInt32LE(at + 68), dir.readUInt32LE(at + 72));
  }
  return false;
}

import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { deflatedZeros } from '../../../test/support/zip';
import { SniffError, sniffFile, sniffHeader, type SniffResult } from './index';

// ---- sample builders --------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

interface ZipInput {
  name: string;
  data: string | Buffer;
  /** Size the central directory claims, instead of the real one (ZIP64 extra when > 4 GiB). */
  declaredSize?: number;
  /** Local header offset the central directory claims, instead of the real one. */
  declaredOffset?: number;
  /** Raw deflate data to store as is (a bomb made in the test); `data` is then ignored. */
  packed?: Buffer;
}

interface ZipOptions {
  comment?: string;
  /** Bytes cut from the end of the central directory, keeping the end record as written. */
  cutCentralDirectory?: number;
  /** Entry count the end record claims, instead of the real one. */
  declaredEntries?: number;
}

/** A minimal but real ZIP writer: deflated entries, central directory, end record. */
function buildZip(inputs: ZipInput[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = Buffer.isBuffer(input.data) ? input.data : Buffer.from(input.data, 'utf8');
    const packed = input.packed ?? deflateRawSync(data);
    const name = Buffer.from(input.name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);

    const declared = input.declaredSize ?? data.length;
    const zip64 = declared >= 0xffffffff;
    const extra = Buffer.alloc(zip64 ? 12 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(8, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(zip64 ? 45 : 20, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(input.declaredOffset ?? offset, 42);
    centrals.push(central, name, extra);
    offset += local.length + name.length + packed.length;
  }
  let cd = Buffer.concat(centrals);
  const cdSize = cd.length;
  if (options.cutCentralDirectory) cd = cd.subarray(0, cd.length - options.cutCentralDirectory);
  const comment = Buffer.from(options.comment ?? '', 'latin1');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.declaredEntries ?? inputs.length, 8);
  end.writeUInt16LE(options.declaredEntries ?? inputs.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...locals, cd, end, comment]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const DOCUMENT = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Đề cương sáng kiến</w:t></w:r></w:p></w:body></w:document>`;

function docxParts(document: Partial<ZipInput> = {}): ZipInput[] {
  return [
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: DOCUMENT, ...document },
  ];
}

/**
 * A minimal compound file (MS-CFB v3, 512-byte sectors): header, one FAT sector (sector 0)
 * and one directory sector (sector 1) holding the root and one stream named `streamName`.
 */
function buildCfb(streamName: string): Buffer {
  const file = Buffer.alloc(512 * 3);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0);
  file.writeUInt16LE(0x3e, 24);
  file.writeUInt16LE(3, 26);
  file.writeUInt16LE(0xfffe, 28);
  file.writeUInt16LE(9, 30);
  file.writeUInt16LE(6, 32);
  file.writeUInt32LE(1, 44); // one FAT sector
  file.writeUInt32LE(1, 48); // directory starts at sector 1
  file.writeUInt32LE(4096, 56);
  file.writeUInt32LE(0xfffffffe, 60); // no mini FAT
  file.writeUInt32LE(0xfffffffe, 68); // no DIFAT sectors
  for (let i = 0; i < 109; i++) file.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 76 + i * 4);
  const fat = 512; // sector 0
  for (let i = 0; i < 128; i++) file.writeUInt32LE(0xffffffff, fat + i * 4);
  file.writeUInt32LE(0xfffffffd, fat); // sector 0 is a FAT sector
  file.writeUInt32LE(0xfffffffe, fat + 4); // sector 1 (directory) ends its chain
  const dir = 1024; // sector 1
  const entry = (index: number, name: string, type: number, child: number): void => {
    const at = dir + index * 128;
    file.write(name, at, 'utf16le');
    file.writeUInt16LE((name.length + 1) * 2, at + 64);
    file[at + 66] = type;
    file[at + 67] = 1; // black
    file.writeUInt32LE(0xffffffff, at + 68);
    file.writeUInt32LE(0xffffffff, at + 72);
    file.writeUInt32LE(child, at + 76);
    file.writeUInt32LE(0xfffffffe, at + 116);
  };
  entry(0, 'Root Entry', 5, 1);
  entry(1, streamName, 2, 0xffffffff);
  return file;
}

function be32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

const MP4 = Buffer.concat([
  be32(24),
  Buffer.from('ftypisom\0\0\x02\0isomiso2', 'latin1'),
  be32(8),
  Buffer.from('free', 'latin1'),
  be32(16),
  Buffer.from('mdat', 'latin1'),
  Buffer.alloc(8, 7),
]);
const MOV = Buffer.concat([
  be32(20),
  Buffer.from('ftypqt  \0\0\x02\0qt  ', 'latin1'),
  be32(8),
  Buffer.from('moov', 'latin1'),
]);
const LEGACY_MOV = Buffer.concat([
  be32(8),
  Buffer.from('wide', 'latin1'),
  be32(24),
  Buffer.from('mdat', 'latin1'),
  Buffer.alloc(16, 1),
  be32(16),
  Buffer.from('moov', 'latin1'),
  be32(8),
  Buffer.from('mvhd', 'latin1'),
]);

function ebml(docType: string): Buffer {
  const doc = Buffer.from(docType, 'latin1');
  const body = Buffer.concat([
    Buffer.from([0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04]),
    Buffer.from([0x42, 0xf3, 0x81, 0x08, 0x42, 0x82, 0x80 | doc.length]),
    doc,
    Buffer.from([0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]),
  ]);
  return Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | body.length]),
    body,
    Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
  ]);
}

const PDF = Buffer.from(
  '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

// ---- harness ----------------------------------------------------------------------------

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sniff-spec-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` under `name` (the name is deliberately misleading in some tests). */
async function file(name: string, content: Buffer): Promise<string> {
  const path = join(dir, `${counter++}-${name}`);
  await writeFile(path, content);
  return path;
}

async function sniffBytes(
  name: string,
  content: Buffer,
  options?: Parameters<typeof sniffFile>[1],
) {
  return sniffFile(await file(name, content), options);
}

/** The SniffError code a sniff rejects with; fails the test when it resolves instead. */
async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    const value = await promise;
    throw new Error(`expected a SniffError, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (!(error instanceof SniffError)) throw error;
    expect(error.message).toMatch(/[ệạảốừ]/); // Vietnamese, with diacritics
    return error.code;
  }
}

// ---- examples ---------------------------------------------------------------------------

describe('sniffFile: accepted types', () => {
  it.each<[string, Buffer, SniffResult]>([
    ['clip.mp4', MP4, { type: 'mp4', mime: 'video/mp4', extension: '.mp4' }],
    ['clip.mov', MOV, { type: 'mov', mime: 'video/quicktime', extension: '.mov' }],
    ['old.mov', LEGACY_MOV, { type: 'mov', mime: 'video/quicktime', extension: '.mov' }],
    ['clip.webm', ebml('webm'), { type: 'webm', mime: 'video/webm', extension: '.webm' }],
    ['clip.mkv', ebml('matroska'), { type: 'mkv', mime: 'video/x-matroska', extension: '.mkv' }],
    ['a.pdf', PDF, { type: 'pdf', mime: 'application/pdf', extension: '.pdf' }],
    [
      'a.docx',
      buildZip(docxParts()),
      {
        type: 'docx',
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: '.docx',
      },
    ],
    [
      'a.doc',
      buildCfb('WordDocument'),
      { type: 'doc', mime: 'application/msword', extension: '.doc' },
    ],
  ])('%s', async (name, content, expected) => {
    expect(await sniffBytes(name, content)).toEqual(expected);
  });

  it('judges by content, not by name', async () => {
    expect((await sniffBytes('video.mp4', PDF))?.type).toBe('pdf');
    expect((await sniffBytes('notes.txt', buildZip(docxParts())))?.type).toBe('docx');
  });

  it('finds the end record of a DOCX that has an archive comment (even one mimicking it)', async () => {
    const comment = 'made by hand PK\x05\x06 not a real end record';
    expect((await sniffBytes('c.docx', buildZip(docxParts(), { comment })))?.type).toBe('docx');
  });

  it('accepts a DOCX whose parts use other letter case (OPC names are case-insensitive)', async () => {
    const parts = docxParts({ name: 'Word/Document.xml' });
    expect((await sniffBytes('case.docx', buildZip(parts)))?.type).toBe('docx');
  });
});

describe('sniffFile: rejected types', () => {
  it.each<[string, Buffer]>([
    [
      'video.mp4',
      Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
    ],
    ['setup.exe', Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0', 'latin1'), Buffer.alloc(200)])],
    [
      'tool.pdf',
      Buffer.concat([Buffer.from([0x7f]), Buffer.from('ELF\x02\x01\x01'), Buffer.alloc(60)]),
    ],
    [
      'report.pdf',
      Buffer.from(
        '<!DOCTYPE html>\n<html><head><title>x</title></head><body>%PDF-1.4</body></html>',
      ),
    ],
    ['empty.mp4', Buffer.alloc(0)],
    ['three.pdf', Buffer.from('%PD')],
    ['three.docx', Buffer.from('PK\x03')],
    ['photo.mov', Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex')],
    ['text.doc', Buffer.from('Chỉ là văn bản thuần, không phải tài liệu Word.', 'utf8')],
  ])('%s', async (name, content) => {
    expect(await sniffBytes(name, content)).toBeNull();
  });

  it('rejects a ZIP without the Word parts (xlsx-like, plain zip, jar)', async () => {
    const xlsx = buildZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'xl/workbook.xml', data: '<workbook/>' },
    ]);
    const plain = buildZip([{ name: 'readme.txt', data: 'hello' }]);
    const jar = buildZip([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }]);
    expect(await sniffBytes('sheet.docx', xlsx)).toBeNull();
    expect(await sniffBytes('plain.docx', plain)).toBeNull();
    expect(await sniffBytes('lib.docx', jar)).toBeNull();
  });

  it('rejects an OLE2 file without a WordDocument stream (e.g. an .xls) and a bare OLE2 header', async () => {
    const xls = buildCfb('Workbook');
    expect(sniffHeader(xls)).toBe('doc'); // the header alone cannot tell
    expect(await sniffBytes('sheet.doc', xls)).toBeNull();
    expect(await sniffBytes('bare.doc', buildCfb('WordDocument').subarray(0, 512))).toBeNull();
  });

  it('rejects an old-QuickTime look-alike without a moov atom', async () => {
    const noMoov = Buffer.concat([
      be32(8),
      Buffer.from('wide'),
      be32(16),
      Buffer.from('mdat'),
      Buffer.alloc(8),
    ]);
    expect(sniffHeader(noMoov)).toBe('mov');
    expect(await sniffBytes('old.mov', noMoov)).toBeNull();
  });
});

describe('sniffFile: ZIPs whose declared sizes lie (checked while inflating)', () => {
  it('ZIP_BOMB: word/document.xml declares 4 KiB and inflates to 2 GiB (a ~2 MB file)', async () => {
    const packed = await deflatedZeros(2 * 1024 ** 3);
    expect(packed.length).toBeLessThan(3 * 1024 * 1024);
    const zip = buildZip(docxParts({ packed, declaredSize: 4096 }));
    const before = process.memoryUsage().rss;
    expect(await errorCode(sniffBytes('bomb.docx', zip))).toBe('ZIP_BOMB');
    // stopped at the declared size: nothing near the 2 GiB was ever held
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('CORRUPT_ZIP: an entry inflating to less than declared, or with damaged data', async () => {
    const short = buildZip(docxParts({ declaredSize: DOCUMENT.length + 100 }));
    expect(await errorCode(sniffBytes('short.docx', short))).toBe('CORRUPT_ZIP');
    const damaged = buildZip(docxParts({ packed: Buffer.from([0xff, 0xff, 0xff, 0xff]) }));
    expect(await errorCode(sniffBytes('damaged.docx', damaged))).toBe('CORRUPT_ZIP');
  });
});

describe('sniffFile: hostile and broken ZIPs', () => {
  it('ZIP_BOMB: central directory declares 5 GiB for word/document.xml', async () => {
    const zip = buildZip(docxParts({ declaredSize: 5 * 1024 ** 3 }));
    expect(await errorCode(sniffBytes('bomb.docx', zip))).toBe('ZIP_BOMB');
  });

  it('ZIP_BOMB: one entry inflates more than 200:1 beyond 10 MiB, under the total cap', async () => {
    const zip = buildZip(docxParts({ declaredSize: 20 * 1024 * 1024 }));
    expect(await errorCode(sniffBytes('ratio.docx', zip))).toBe('ZIP_BOMB');
  });

  it('ZIP_BOMB: total declared size over a custom cap, and too many entries', async () => {
    const zip = buildZip(docxParts());
    expect(await errorCode(sniffBytes('cap.docx', zip, { maxDocxUncompressedBytes: 100 }))).toBe(
      'ZIP_BOMB',
    );
    expect(await errorCode(sniffBytes('many.docx', zip, { maxDocxEntries: 2 }))).toBe('ZIP_BOMB');
    expect((await sniffBytes('ok.docx', zip, { maxDocxEntries: 3 }))?.type).toBe('docx');
  });

  it('ZIP_BOMB: entries overlapping one another', async () => {
    const parts = docxParts();
    parts.push({ name: 'word/copy.xml', data: DOCUMENT, declaredOffset: 0 });
    expect(await errorCode(sniffBytes('overlap.docx', buildZip(parts)))).toBe('ZIP_BOMB');
  });

  it('CORRUPT_ZIP: central directory truncated (end record kept)', async () => {
    const zip = buildZip(docxParts(), { cutCentralDirectory: 20 });
    expect(await errorCode(sniffBytes('cut.docx', zip))).toBe('CORRUPT_ZIP');
  });

  it('CORRUPT_ZIP: file cut inside the central directory (no end record)', async () => {
    const whole = buildZip(docxParts());
    const zip = whole.subarray(0, whole.length - 40);
    expect(await errorCode(sniffBytes('short.docx', zip))).toBe('CORRUPT_ZIP');
  });

  it('CORRUPT_ZIP: end record claims more entries than the directory holds', async () => {
    const zip = buildZip(docxParts(), { declaredEntries: 4 });
    expect(await errorCode(sniffBytes('count.docx', zip))).toBe('CORRUPT_ZIP');
  });

  it('CORRUPT_ZIP: two entries with the same name', async () => {
    const parts = [...docxParts(), { name: 'word/document.xml', data: '<x/>' }];
    expect(await errorCode(sniffBytes('dup.docx', buildZip(parts)))).toBe('CORRUPT_ZIP');
  });
});

// ---- properties -------------------------------------------------------------------------

const SEEDS: Buffer[] = [
  MP4,
  MOV,
  LEGACY_MOV,
  ebml('webm'),
  ebml('matroska'),
  PDF,
  buildZip(docxParts()),
  buildZip(docxParts({ declaredSize: 5 * 1024 ** 3 })),
  buildCfb('WordDocument'),
];
const TYPES = ['mp4', 'mov', 'webm', 'mkv', 'pdf', 'docx', 'doc'];

/** Random bytes, random bytes behind a real signature, or a real sample with bytes changed. */
const contents = fc.oneof(
  fc.uint8Array({ maxLength: 6000 }).map((a) => Buffer.from(a)),
  fc
    .tuple(fc.constantFrom(...SEEDS), fc.nat(64), fc.uint8Array({ maxLength: 2000 }))
    .map(([seed, keep, tail]) => Buffer.concat([seed.subarray(0, keep), Buffer.from(tail)])),
  fc
    .tuple(
      fc.constantFrom(...SEEDS),
      fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }),
      fc.nat(),
    )
    .map(([seed, edits, cut]) => {
      const copy = Buffer.from(seed);
      for (const [at, value] of edits) copy[at % copy.length] = value;
      return cut % 4 === 0 ? copy.subarray(0, cut % (copy.length + 1)) : copy;
    }),
);

describe('properties', () => {
  it('sniffHeader never throws and answers a known type or null', () => {
    fc.assert(
      fc.property(contents, (buf) => {
        const type = sniffHeader(buf);
        expect(type === null || type === 'zip' || TYPES.includes(type)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('sniffFile only ever throws SniffError, and agrees with sniffHeader', async () => {
    await fc.assert(
      fc.asyncProperty(contents, async (buf) => {
        const path = await file('random.bin', buf);
        let outcome: { result: SniffResult | null } | { error: unknown };
        try {
          outcome = { result: await sniffFile(path) };
        } catch (error) {
          outcome = { error };
        } finally {
          await rm(path, { force: true });
        }
        if ('error' in outcome) {
          expect(outcome.error).toBeInstanceOf(SniffError);
        } else if (outcome.result) {
          const head = sniffHeader(buf.subarray(0, 4100));
          const { type } = outcome.result;
          expect(head === type || (head === 'zip' && type === 'docx')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

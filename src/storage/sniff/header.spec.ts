import { sniffHeader } from './index';

/** Builds a buffer from strings (latin1) and byte arrays, in order. */
function bytes(...parts: (string | number[] | Buffer)[]): Buffer {
  return Buffer.concat(
    parts.map((p) =>
      typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.isBuffer(p) ? p : Buffer.from(p),
    ),
  );
}

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function ftyp(major: string, ...compatible: string[]): Buffer {
  return bytes(u32be(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 2, 0], ...compatible);
}

/** EBML element with a 1-byte size (enough for these small headers). */
function el(id: number[], data: Buffer): Buffer {
  return bytes(id, [0x80 | data.length], data);
}

function ebmlHeader(docType: string, sizeBytes: number[] | null = null): Buffer {
  const body = bytes(
    el([0x42, 0x86], Buffer.from([1])),
    el([0x42, 0xf7], Buffer.from([1])),
    el([0x42, 0xf2], Buffer.from([4])),
    el([0x42, 0xf3], Buffer.from([8])),
    el([0x42, 0x82], Buffer.from(docType, 'latin1')),
    el([0x42, 0x87], Buffer.from([4])),
    el([0x42, 0x85], Buffer.from([2])),
  );
  const size = sizeBytes ?? [0x80 | body.length];
  return bytes([0x1a, 0x45, 0xdf, 0xa3], size, body, [0x18, 0x53, 0x80, 0x67, 0x01, 0xff]);
}

describe('sniffHeader', () => {
  it.each([
    ['isom', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'mp4'],
    ['mp42', ftyp('mp42', 'mp42', 'isom'), 'mp4'],
    ['M4V', ftyp('M4V ', 'M4V ', 'M4A ', 'mp42', 'isom'), 'mp4'],
    ['3gp4', ftyp('3gp4', '3gp4'), 'mp4'],
    ['unknown major brand, isom compatible', ftyp('XYZ1', 'XYZ1', 'isom'), 'mp4'],
    ['qt', ftyp('qt  ', 'qt  '), 'mov'],
    ['unknown major brand, qt compatible', ftyp('CAEP', 'CAEP', 'qt  '), 'mov'],
  ])('recognises ftyp %s', (_name, header, expected) => {
    expect(sniffHeader(header)).toBe(expected);
  });

  it.each([
    ['HEIC image', ftyp('heic', 'mif1', 'heic')],
    ['AVIF image', ftyp('avif', 'avif', 'mif1', 'miaf')],
    ['M4A audio', ftyp('M4A ', 'M4A ', 'mp42', 'isom')],
    ['unknown brands only', ftyp('abcd', 'efgh')],
  ])('rejects ftyp of a non-video (%s)', (_name, header) => {
    expect(sniffHeader(header)).toBeNull();
  });

  it('rejects an ftyp box with an insane size', () => {
    const header = ftyp('isom', 'isom');
    header.writeUInt32BE(0x7fffffff, 0);
    expect(sniffHeader(header)).toBeNull();
    header.writeUInt32BE(4, 0);
    expect(sniffHeader(header)).toBeNull();
  });

  it('recognises an old QuickTime file (wide + mdat) and rejects a lone free atom look-alike', () => {
    const legacy = bytes(u32be(8), 'wide', u32be(16), 'mdat', Buffer.alloc(8), u32be(8), 'moov');
    expect(sniffHeader(legacy)).toBe('mov');
    expect(sniffHeader(bytes(u32be(8), 'free', 'hello, this is text'))).toBeNull();
    expect(sniffHeader(bytes(u32be(3), 'moov', Buffer.alloc(20)))).toBeNull();
    expect(sniffHeader(bytes(u32be(8), 'abcd', u32be(8), 'moov'))).toBeNull();
  });

  it('reads the EBML DocType: webm and matroska', () => {
    expect(sniffHeader(ebmlHeader('webm'))).toBe('webm');
    expect(sniffHeader(ebmlHeader('matroska'))).toBe('mkv');
  });

  it('parses a multi-byte EBML header size and NUL-padded DocType', () => {
    const eight = ebmlHeader('webm');
    const body = eight.subarray(5, eight.length - 6);
    const sized = bytes([0x1a, 0x45, 0xdf, 0xa3], [1, 0, 0, 0, 0, 0, 0, body.length], body);
    expect(sniffHeader(sized)).toBe('webm');
    expect(sniffHeader(ebmlHeader('matroska\0\0'))).toBe('mkv');
  });

  it('rejects EBML files of another DocType or with a broken header', () => {
    expect(sniffHeader(ebmlHeader('foo'))).toBeNull();
    // "webm" present as bytes, but not as the DocType element: no string search.
    const noDocType = bytes([0x1a, 0x45, 0xdf, 0xa3, 0x87], el([0x42, 0x86], Buffer.from('webm')));
    expect(sniffHeader(noDocType)).toBeNull();
    expect(sniffHeader(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x00]))).toBeNull();
    expect(sniffHeader(bytes([0x1a, 0x45, 0xdf, 0xa3, 0xff]))).toBeNull(); // unknown size
  });

  it('finds %PDF- within the first 1024 bytes but not later', () => {
    expect(sniffHeader(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'))).toBe('pdf');
    expect(sniffHeader(bytes(Buffer.alloc(500, 0x20), '%PDF-1.4\n'))).toBe('pdf');
    expect(sniffHeader(bytes(Buffer.alloc(1100, 0x20), '%PDF-1.4\n'))).toBeNull();
    expect(sniffHeader(bytes('%PDF-x'))).toBeNull();
  });

  it('does not take HTML for a PDF, even one carrying %PDF- in its text', () => {
    expect(sniffHeader(bytes('<!DOCTYPE html><html><body>hi</body></html>'))).toBeNull();
    expect(sniffHeader(bytes('<!DOCTYPE html><html><body>%PDF-1.4</body></html>'))).toBeNull();
    expect(sniffHeader(Buffer.from('\ufeff  <svg>%PDF-1.4', 'utf8'))).toBeNull();
  });

  it('reports a ZIP local header as zip and an OLE2 header as doc', () => {
    expect(sniffHeader(bytes('PK\x03\x04', Buffer.alloc(26)))).toBe('zip');
    const ole = Buffer.alloc(512);
    bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    ole.writeUInt16LE(0x3e, 24);
    ole.writeUInt16LE(3, 26);
    ole.writeUInt16LE(0xfffe, 28);
    ole.writeUInt16LE(9, 30);
    ole.writeUInt16LE(6, 32);
    expect(sniffHeader(ole)).toBe('doc');
    ole.writeUInt16LE(0xfeff, 28); // wrong byte-order mark
    expect(sniffHeader(ole)).toBeNull();
    expect(sniffHeader(ole.subarray(0, 100))).toBeNull(); // magic only, truncated
  });

  it.each([
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], Buffer.alloc(40))],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', Buffer.alloc(40))],
    ['GIF', bytes('GIF89a', Buffer.alloc(40))],
    ['MZ executable', bytes('MZ\x90\x00', Buffer.alloc(60))],
    ['ELF', bytes([0x7f], 'ELF', [2, 1, 1], Buffer.alloc(40))],
    ['plain text', Buffer.from('Xin chào, đây là văn bản thường.', 'utf8')],
    ['empty', Buffer.alloc(0)],
    ['3 bytes of EBML magic', bytes([0x1a, 0x45, 0xdf])],
    ['3 bytes of ZIP magic', bytes('PK\x03')],
  ])('returns null for %s', (_name, header) => {
    expect(sniffHeader(header)).toBeNull();
  });
});

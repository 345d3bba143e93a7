import { createHash, randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';

/** Real-looking file bodies for upload tests: correct magic bytes, random payload. */
export function mp4(size: number): Buffer {
  const ftyp = Buffer.concat([u32(24), Buffer.from('ftypisom'), u32(512), Buffer.from('isomiso2')]);
  return Buffer.concat([ftyp, randomBytes(Math.max(0, size - ftyp.length))]).subarray(0, size);
}

export function webm(size: number): Buffer {
  // EBML header with DocType "webm"
  const docType = Buffer.concat([Buffer.from([0x42, 0x82, 0x84]), Buffer.from('webm')]);
  const header = Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docType.length]),
    docType,
  ]);
  return Buffer.concat([header, randomBytes(Math.max(0, size - header.length))]);
}

export function pdf(extra = 2000): Buffer {
  return Buffer.concat([
    Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj <<>> endobj\n'),
    randomBytes(extra),
    Buffer.from('\n%%EOF\n'),
  ]);
}

export function png(size = 5000): Buffer {
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    randomBytes(size),
  ]);
}

export function exe(size = 5000): Buffer {
  return Buffer.concat([Buffer.from('MZ'), randomBytes(size)]);
}

export function html(): Buffer {
  return Buffer.from(
    `<!DOCTYPE html><html><body><script>alert(1)</script>${'x'.repeat(5000)}</body></html>`,
  );
}

/** A minimal but genuine DOCX (zip with the parts Word needs). */
export function docx(text = 'Đề cương mô hình Chính quyền 24 giờ'): Buffer {
  return zip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ],
    [
      'word/document.xml',
      `<?xml version="1.0"?><w:document><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ],
  ]);
}

function zip(files: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const raw = Buffer.from(content);
    const data = deflateRawSync(raw);
    const nameBuf = Buffer.from(name);
    const crc = crc32(raw);
    const local = Buffer.concat([
      u32le(0x04034b50),
      u16(20),
      u16(0),
      u16(8),
      u16(0),
      u16(0),
      u32le(crc),
      u32le(data.length),
      u32le(raw.length),
      u16(nameBuf.length),
      u16(0),
      nameBuf,
      data,
    ]);
    centrals.push(
      Buffer.concat([
        u32le(0x02014b50),
        u16(20),
        u16(20),
        u16(0),
        u16(8),
        u16(0),
        u16(0),
        u32le(crc),
        u32le(data.length),
        u32le(raw.length),
        u16(nameBuf.length),
        u16(0),
        u16(0),
        u16(0),
        u16(0),
        u32le(0),
        u32le(offset),
        nameBuf,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32le(0x06054b50),
    u16(0),
    u16(0),
    u16(files.length),
    u16(files.length),
    u32le(central.length),
    u32le(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, central, end]);
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};
const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};

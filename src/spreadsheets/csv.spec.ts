import { CsvReader, CsvRow, parseCsv } from './csv';
import fc from 'fast-check';

describe('CSV reading', () => {
  it('reads UTF-8 with a BOM, semicolons, quotes and Vietnamese text', () => {
    const rows = parseCsv(
      '\uFEFFĐội số;Lượt thích;Lượt chia sẻ;Bình luận\r\n5;"1.234";12;"nói ""hay"""\r\n\r\n6;10;2;0\r\n',
    );
    expect(rows).toEqual([
      { line: 1, cells: ['Đội số', 'Lượt thích', 'Lượt chia sẻ', 'Bình luận'] },
      { line: 2, cells: ['5', '1.234', '12', 'nói "hay"'] },
      { line: 4, cells: ['6', '10', '2', '0'] },
    ]);
  });

  it('reads commas, line breaks inside quotes, and a last line without newline', () => {
    const rows = parseCsv(
      'post,reactions,shares\n"https://fb.com/p/1,x",5,"1\n"\nhttps://fb.com/p/2,7,8',
    );
    expect(rows[0]!.cells).toEqual(['post', 'reactions', 'shares']);
    expect(rows[1]).toEqual({ line: 2, cells: ['https://fb.com/p/1,x', '5', '1\n'] });
    expect(rows[2]).toEqual({ line: 4, cells: ['https://fb.com/p/2', '7', '8'] });
  });
});

/** Bytes fed in the given pieces through a streaming UTF-8 decoder and the CSV reader. */
function readInPieces(bytes: Buffer, cuts: number[]): CsvRow[] {
  const rows: CsvRow[] = [];
  const reader = new CsvReader((line, cells) => rows.push({ line, cells }));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.push(decoder.decode(bytes.subarray(from, cut), { stream: true }));
    from = cut;
  }
  reader.push(decoder.decode());
  reader.end();
  return rows;
}

describe('CSV read in pieces (as an upload is streamed from disk)', () => {
  it('gives the same rows wherever the pieces are cut', () => {
    // Characters chosen for the cuts that matter: CR|LF, a doubled quote "|", a quote at a
    // field's start, separators, and multi-byte UTF-8 ("ượ" is 3 bytes, "😀" 4) cut mid-character.
    const piece = fc.constantFrom(
      ...['a', '1', '.', ';', ',', '\t', '"', '""', '\r\n', '\n', '\r', ' ', 'ượ', 'Đ', '😀'],
    );
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (bom, pieces, rawCuts) => {
          const text = (bom ? '\uFEFF' : '') + pieces.join('');
          const bytes = Buffer.from(text, 'utf8');
          const cuts = [...new Set(rawCuts.map((c) => c % (bytes.length + 1)))].sort(
            (a, b) => a - b,
          );
          expect(readInPieces(bytes, cuts)).toEqual(parseCsv(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('one byte at a time, across a BOM, CRLF, doubled quotes and a 3-byte character', () => {
    const text = '\uFEFFĐội số;Lượt thích\r\n5;"a""b\r\nc"\r\n6;"1.234"';
    const bytes = Buffer.from(text, 'utf8');
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(readInPieces(bytes, everyByte)).toEqual([
      { line: 1, cells: ['Đội số', 'Lượt thích'] },
      { line: 2, cells: ['5', 'a"b\r\nc'] },
      { line: 4, cells: ['6', '1.234'] },
    ]);
  });
});

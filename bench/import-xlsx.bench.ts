import { createDeflateRaw } from 'node:zlib';
import { deflatedZeros, xlsxWithSheet } from '../test/support/zip';
import { IMPORT_ENTRIES, machineLoad, mainThread, startImportLoadServer } from './import-load';
import { fmt } from './support';

const ENTRIES = IMPORT_ENTRIES;
const READINGS = 10; // 100.000 rows
/** Filler text per row, so that the sheet XML is ~100 MB while the file stays under 10 MB. */
const NOTE_WORDS =
  'đội thi mô hình sáng kiến cải cách hành chính phường xã một cửa lượt thích chia sẻ'.split(' ');
const NOTES = Array.from({ length: 64 }, (_, i) =>
  Array.from(
    { length: 70 },
    (_, w) => NOTE_WORDS[(i * 7 + w * w * 3 + w) % NOTE_WORDS.length],
  ).join(' '),
);

const BUDGET = { rssMiB: 200, seconds: 10, bombSeconds: 2, bombRssMiB: 50 };

/**
 * Issue 22 item 1: an XLSX import must not freeze the server. A 10 MB workbook (100.000 rows,
 * ~100 MB of sheet XML) is previewed and committed on the built server in its own process,
 * while a client pings /api/health and a judge saves a scorecard draft, each every 50 ms;
 * then a lying zip bomb (sheet declares 4 KiB, inflates to 1 GiB). Figures beside budgets.
 */
export async function runXlsxImportBench(): Promise<void> {
  const server = await startImportLoadServer();
  try {
    const { file, xmlBytes } = await tenMegabyteWorkbook();
    console.log('\n== XLSX import benchmark (issue 22 item 1) ==');
    console.log(
      `workbook: ${fmt(file.length / 1024 / 1024, 2)} MiB, sheet XML ${fmt(xmlBytes / 1e6, 1)} MB, ${fmt(ENTRIES * READINGS, 0)} rows`,
    );
    await server.printIdleFloor();
    const csv = await server.whileLoaded(() =>
      server.send('imports/preview', Buffer.from(csvOfTheSameRows()), 'lich-su.csv'),
    );
    console.log(
      `the same rows as CSV (preview, ${fmt(csv.seconds, 2)} s, for comparison): /api/health p99 ${fmt(csv.healthP99, 1)} ms, judge's save p99 ${fmt(csv.saveP99, 1)} ms; ${mainThread(csv.loop)} (${machineLoad()})`,
    );
    // three rounds; each round's readings an hour later, so that every commit writes
    await server.previewAndCommit(
      async (round) => (round === 0 ? file : (await tenMegabyteWorkbook(round)).file),
      'lich-su.xlsx',
      BUDGET,
      3,
    );

    const bomb = xlsxWithSheet({ packed: await deflatedZeros(1024 ** 3), declaredSize: 4096 });
    const run = await server.whileLoaded(() => server.send('imports/preview', bomb, 'bom.xlsx'));
    console.log(
      `lying bomb (${fmt(bomb.length / 1024, 0)} KiB declaring a 4 KiB sheet that inflates to 1 GiB): ${run.result.status} ${String(run.result.body.code)} in ${fmt(run.seconds, 2)} s (budget < ${BUDGET.bombSeconds}: ${pass(run.seconds < BUDGET.bombSeconds && run.result.status === 413)}), RSS growth ${fmt(run.rssGrowth, 0)} MiB (budget < ${BUDGET.bombRssMiB}: ${pass(run.rssGrowth < BUDGET.bombRssMiB)}) (${machineLoad()})`,
    );
  } finally {
    await server.close();
  }
}

const pass = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

function csvOfTheSameRows(): string {
  const lines = ['Thời điểm;Đội số;Lượt thích;Lượt chia sẻ;Bình luận'];
  for (let s = 0; s < READINGS; s++) {
    const time = new Date(Date.UTC(2022, 7, 1 + s, 3)).toISOString();
    for (let n = 100; n < 100 + ENTRIES; n++)
      lines.push(`${time};${n};${1000 + s * 37 + (n % 500)};${s * 3 + (n % 90)};${n % 7}`);
  }
  return lines.join('\r\n');
}

export async function tenMegabyteWorkbook(round = 0): Promise<{ file: Buffer; xmlBytes: number }> {
  const deflate = createDeflateRaw({ level: 6 });
  const packed: Buffer[] = [];
  deflate.on('data', (piece: Buffer) => packed.push(piece));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  let xmlBytes = 0;
  const write = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    xmlBytes += bytes.length;
    deflate.write(bytes);
  };
  write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const inline = (ref: string, text: string) =>
    `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  write(
    `<row r="1">${inline('A1', 'Thời điểm')}${inline('B1', 'Đội số')}${inline('C1', 'Lượt thích')}${inline('D1', 'Lượt chia sẻ')}${inline('E1', 'Bình luận')}${inline('F1', 'Ghi chú')}</row>`,
  );
  let seed = 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let line = 2;
  for (let s = 0; s < READINGS; s++) {
    const time = new Date(Date.UTC(2022, 7, 1 + s, 3 + round)).toISOString();
    const rows: string[] = [];
    for (let n = 100; n < 100 + ENTRIES; n++, line++) {
      const words = Array.from(
        { length: 40 },
        () => NOTE_WORDS[Math.floor(random() * NOTE_WORDS.length)]!,
      );
      const note = `${NOTES[Math.floor(random() * NOTES.length)]!} ${words.join(' ')} ${n}`;
      rows.push(
        `<row r="${line}">${inline(`A${line}`, time)}<c r="B${line}"><v>${n}</v></c><c r="C${line}"><v>${1000 + s * 37 + (n % 500)}</v></c><c r="D${line}"><v>${s * 3 + (n % 90)}</v></c><c r="E${line}"><v>${n % 7}</v></c>${inline(`F${line}`, note)}</row>`,
      );
    }
    write(rows.join(''));
  }
  write('</sheetData></worksheet>');
  deflate.end();
  await ended;
  const sheet = Buffer.concat(packed);
  return { file: xlsxWithSheet({ packed: sheet, declaredSize: xmlBytes }), xmlBytes };
}

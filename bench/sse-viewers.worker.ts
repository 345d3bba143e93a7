import { connect, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * Live-board viewers for `npm run bench -- cluster`, in a worker thread: `count` raw TCP
 * connections, each one `GET …/live` (HTTP/1.1, as EventSource sends it), all opened at once
 * in waves of 250 (the first attempt opened viewers one by one through `http.request` and took
 * minutes for 1.300). Reading is minimal: split the stream into events, parse only `board`
 * events, and keep per viewer the number of judges shown for one entry's presentation.
 *
 * Messages from the worker: `{type: 'open', ms, failed}` once every viewer has its first
 * board; `{type: 'reached', judges, at}` (at = Date.now()) when the last of its viewers shows
 * at least `judges`. The parent sends 'close'.
 */
export interface ViewersJob {
  port: number;
  path: string;
  count: number;
  entryId: string;
}

const job = workerData as ViewersJob;
const shown = new Int32Array(job.count).fill(-1);
const sockets: Socket[] = [];
let failed = 0;
/** how many viewers show at least n judges, for each n reached so far */
const atLeast = new Map<number, number>();

function judgesIn(data: string): number {
  const board = JSON.parse(data) as {
    final: { parts: { entryId: string; partCode: string; judges: number }[] } | null;
  };
  return (
    board.final?.parts.find((p) => p.entryId === job.entryId && p.partCode === 'presentation')
      ?.judges ?? -1
  );
}

function onBoard(viewer: number, judges: number) {
  const before = shown[viewer]!;
  if (judges <= before) return;
  shown[viewer] = judges;
  for (let n = Math.max(before + 1, 0); n <= judges; n++) {
    const reached = (atLeast.get(n) ?? 0) + 1;
    atLeast.set(n, reached);
    if (reached === job.count)
      parentPort!.postMessage({ type: 'reached', judges: n, at: Date.now() });
  }
}

/** The longest prefix of `text` that is at most `bytes` UTF-8 bytes, and its byte length. */
function takeBytes(text: string, bytes: number): { text: string; bytes: number } {
  const all = Buffer.byteLength(text);
  if (all <= bytes) return { text, bytes: all };
  // rare (a chunk ends inside this data event): walk back to the byte boundary
  const buf = Buffer.from(text).subarray(0, bytes);
  const part = buf.toString('utf8');
  const exact = Buffer.byteLength(part) === bytes ? part : part.slice(0, -1);
  return { text: exact, bytes: Buffer.byteLength(exact) };
}

function open(viewer: number): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(job.port, '127.0.0.1');
    sockets.push(socket);
    socket.setEncoding('utf8');
    let raw = ''; // as received: headers, then chunked body
    let body = ''; // de-chunked
    let headersDone = false;
    let chunked = false;
    let chunkLeft = 0; // bytes of the current chunk still to read (+2 for its CRLF)
    socket.on('connect', () => {
      socket.write(
        `GET ${job.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: string) => {
      raw += chunk;
      if (!headersDone) {
        const end = raw.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = raw.slice(0, end);
        if (!head.startsWith('HTTP/1.1 200')) {
          failed++;
          socket.destroy();
          return resolve();
        }
        chunked = /^transfer-encoding:\s*chunked/im.test(head);
        headersDone = true;
        raw = raw.slice(end + 4);
        resolve();
      }
      if (!chunked) {
        body += raw;
        raw = '';
      }
      // de-chunk what has arrived (the text is ASCII-safe enough: JSON with \u escapes or
      // UTF-8; sizes are counted in bytes, so count them so)
      while (chunked && raw.length) {
        if (chunkLeft === 0) {
          const line = raw.indexOf('\r\n');
          if (line < 0) break;
          chunkLeft = parseInt(raw.slice(0, line), 16) + 2;
          raw = raw.slice(line + 2);
          continue;
        }
        const piece = takeBytes(raw, chunkLeft);
        body += piece.text;
        chunkLeft -= piece.bytes;
        raw = raw.slice(piece.text.length);
        if (chunkLeft === 0) body = body.slice(0, -2); // the chunk's trailing CRLF
      }
      let end: number;
      while ((end = body.indexOf('\n\n')) >= 0) {
        const text = body.slice(0, end);
        body = body.slice(end + 2);
        if (!text.includes('event: board')) continue;
        const data = /^data: (.*)$/m.exec(text)?.[1];
        if (data) onBoard(viewer, judgesIn(data));
      }
    });
    socket.on('error', () => {
      failed++;
      resolve();
    });
  });
}

async function main() {
  const started = Date.now();
  for (let i = 0; i < job.count; i += 250) {
    const wave = [];
    for (let v = i; v < Math.min(job.count, i + 250); v++) wave.push(open(v));
    await Promise.all(wave);
  }
  // every viewer has its first board (judges ≥ 0)
  while ((atLeast.get(0) ?? 0) + failed < job.count) await new Promise((r) => setTimeout(r, 20));
  parentPort!.postMessage({ type: 'open', ms: Date.now() - started, failed });
}

parentPort!.on('message', (message) => {
  if (message === 'close') {
    for (const socket of sockets) socket.destroy();
    parentPort!.close();
  }
});
void main();

import { open, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, startBenchServer } from './support';

const MiB = 1024 * 1024;

/**
 * Upload throughput and memory: a generated video sent through the real HTTP API (tus PATCH,
 * streamed, hashed, fsynced, content-sniffed) versus writing the same bytes to the same disk
 * with a plain write loop + fsync, in the same run. Targets: ≥ 0.6× raw disk; server RSS
 * growth < 150 MB and flat from 100 MiB to 1 GiB.
 */
export async function runUploadBench(sizes = [100 * MiB, 1024 * MiB]): Promise<void> {
  const server = await startBenchServer({ UPLOAD_MAX_VIDEO_BYTES: String(2048 * MiB) });
  try {
    const admin = await server.login('admin');
    const contestId = (await server.api('/api/contests', { token: admin })).body[0].id as string;
    for (const to of ['registration', 'submission']) {
      await server.api(`/api/contests/${contestId}/transitions`, {
        method: 'POST',
        token: admin,
        body: JSON.stringify({ to }),
      });
    }
    const chunk = Buffer.alloc(MiB);
    for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 7919) & 0xff;
    chunk.write('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 0, 'latin1'); // an mp4 header

    console.log('\n== Upload benchmark (loopback, same disk) ==');
    const rows: string[] = [];
    for (const [i, size] of sizes.entries()) {
      const raw = await rawDiskWrite(join(server.dir, `raw-${i}.bin`), chunk, size);
      global.gc?.();
      const token = await server.login(`doi${i + 1}`);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const t0 = performance.now();
      const created = await fetch(
        `http://127.0.0.1:${server.port}/api/contests/${contestId}/uploads`,
        {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'tus-resumable': '1.0.0',
            'upload-length': String(size),
            'upload-metadata': `kind ${Buffer.from('video').toString('base64')},filename ${Buffer.from('bench.mp4').toString('base64')}`,
          },
        },
      );
      const { id } = (await created.json()) as { id: string };
      const status = await streamPatch(
        server.port,
        `/api/contests/${contestId}/uploads/${id}`,
        token,
        chunk,
        size,
      );
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      if (status !== 204) throw new Error(`upload failed with ${status}`);
      const mbps = size / MiB / seconds;
      const growth = (peak - before) / MiB;
      rows.push(
        `${fmt(size / MiB, 0)} MiB: API ${fmt(mbps)} MiB/s, raw disk ${fmt(raw)} MiB/s, ratio ${fmt(mbps / raw, 2)}× ` +
          `(target ≥ 0.6: ${mbps / raw >= 0.6 ? 'PASS' : 'FAIL'}); RSS growth ${fmt(growth)} MiB (target < 150: ${growth < 150 ? 'PASS' : 'FAIL'})`,
      );
      console.log(rows[rows.length - 1]);
    }
  } finally {
    await server.close();
  }
}

async function rawDiskWrite(path: string, chunk: Buffer, size: number): Promise<number> {
  const t0 = performance.now();
  const handle = await open(path, 'w');
  for (let written = 0; written < size; written += chunk.length) {
    await handle.write(chunk, 0, Math.min(chunk.length, size - written));
  }
  await handle.datasync();
  await handle.close();
  const seconds = (performance.now() - t0) / 1000;
  await rm(path);
  return size / MiB / seconds;
}

function streamPatch(
  port: number,
  path: string,
  token: string,
  chunk: Buffer,
  size: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(size),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const part = Math.min(chunk.length, size - sent);
        sent += part;
        if (!req.write(part === chunk.length ? chunk : chunk.subarray(0, part))) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

if (require.main === module) {
  runUploadBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

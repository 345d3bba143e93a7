import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { startS3Server } from '../test/support/s3-server';
import { startServerProcess } from './server-process';
import { fmt } from './support';

const MiB = 1024 * 1024;
/** the baseline multipart's part size (the app's is 8 MiB): S3_BENCH_PART_MIB=32 tries larger parts */
const PART = Number(process.env.S3_BENCH_PART_MIB ?? 8) * MiB;
/** parts in flight at once: the team portal sends 4; 2 is tried too (2 cores here) */
const PARALLELS = (process.env.S3_BENCH_PARALLEL ?? '2,4').split(',').map(Number);
const ROUNDS = Number(process.env.S3_BENCH_ROUNDS ?? 3);

type Method = 'single PUT' | `multipart ×${number}` | `app ×${number}`;

/**
 * Direct uploads (STORAGE=s3) against a real S3-compatible server process (s3rver) on
 * loopback. The same bytes to the same server, side by side in one run, each way ROUNDS
 * times in a rotating order (the machine is shared: one lucky or unlucky run decides
 * nothing), medians reported:
 * - single PUT: the whole file as one presigned PutObject (the issue's "straight PUT");
 * - multipart ×P: the same file as 8 MiB parts, P in flight, presigned UploadPart URLs and
 *   CompleteMultipartUpload, no app (the fair baseline of a multipart flow: the same work for
 *   the S3 server);
 * - app ×P: the team portal's flow through the app: start, part URLs 10 at a time, P parts in
 *   flight straight to the S3 server, each recorded, complete (202); then until `ready` (the
 *   background SHA-256 read of the object).
 * Targets: app ≥ 0,8 × single PUT (and × multipart); the app's RSS flat (< 50 MiB growth).
 */
export async function runS3UploadBench(
  sizes = (process.env.S3_BENCH_SIZES_MIB ?? '64,256').split(',').map((m) => Number(m) * MiB),
): Promise<void> {
  const s3 = await startS3Server('bench-bucket');
  const proc = await startServerProcess({
    ...s3.env,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    UPLOAD_MAX_VIDEO_BYTES: String(4096 * MiB),
    UPLOAD_TEAM_QUOTA_BYTES: String(1024 * 1024 * MiB),
  });
  const { api } = proc;
  try {
    const admin = await api.login('admin', 'bench-password-1');
    const contest = await api.call('POST', '/api/contests', admin, {
      slug: 's3-upload-bench',
      name: 'Hội thi đo tải lên S3',
    });
    const contestId = contest.body.id as string;
    const unit = await api.call('POST', `/api/contests/${contestId}/units`, admin, {
      name: 'UBND phường Đo tải',
      kind: 'phuong',
    });
    const teamRes = await api.call('POST', `/api/contests/${contestId}/teams`, admin, {
      number: 1,
      name: 'Đội đo tải',
      unitId: unit.body.id,
    });
    const account = await api.call('POST', `/api/contests/${contestId}/accounts`, admin, {
      username: 's3bench.doi1',
      displayName: 'Đội đo tải',
      role: 'team',
      teamId: teamRes.body.id,
    });
    const team = await api.login('s3bench.doi1', account.body.temporaryPassword as string);
    for (const to of ['registration', 'submission'])
      await api.call('POST', `/api/contests/${contestId}/transitions`, admin, { to });

    const pattern = Buffer.alloc(MiB);
    for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 7919) & 0xff;
    pattern.write('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 0, 'latin1'); // an mp4 header
    const bodyOf = (size: number) =>
      Buffer.concat(Array.from({ length: size / MiB }, () => pattern));

    /** The team portal's flow through the app; seconds to 202, and to `ready`. */
    const throughApp = async (body: Buffer, parallel: number) => {
      const t0 = performance.now();
      const started = await api.call('POST', `/api/contests/${contestId}/direct-uploads`, team, {
        kind: 'video',
        fileName: 'bench.mp4',
        size: body.length,
      });
      if (started.status !== 201) throw new Error(`start: ${started.status}`);
      const { id, partSize, partCount } = started.body as {
        id: string;
        partSize: number;
        partCount: number;
      };
      const base = `/api/contests/${contestId}/direct-uploads/${id}`;
      const queue = Array.from({ length: partCount }, (_, i) => i + 1);
      const urls = new Map<number, string>();
      const urlFor = async (n: number) => {
        if (!urls.has(n)) {
          const wanted = queue.filter((k) => k >= n).slice(0, 10);
          const res = await api.call('POST', `${base}/part-urls`, team, {
            partNumbers: [n, ...wanted.filter((k) => k !== n)].slice(0, 10),
          });
          for (const u of res.body.urls as { partNumber: number; url: string }[])
            urls.set(u.partNumber, u.url);
        }
        return urls.get(n)!;
      };
      const pending = [...queue];
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let n = pending.shift(); n !== undefined; n = pending.shift()) {
            const bytes = body.subarray((n - 1) * partSize, n * partSize);
            const res = await fetch(await urlFor(n), { method: 'PUT', body: bytes });
            if (!res.ok) throw new Error(`part ${n}: ${res.status}`);
            await api.call('POST', `${base}/parts`, team, {
              partNumber: n,
              etag: res.headers.get('etag'),
              size: bytes.length,
            });
          }
        }),
      );
      const done = await api.call('POST', `${base}/complete`, team);
      if (done.status !== 202)
        throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
      const acknowledged = (performance.now() - t0) / 1000;
      for (;;) {
        const state = await api.call('GET', base, team);
        if (state.body.status === 'ready') break;
        if (state.body.status !== 'pending') throw new Error(`verification: ${state.body.status}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return { acknowledged, ready: (performance.now() - t0) / 1000 };
    };

    console.log(
      `\n== S3 direct upload (s3rver on loopback, app parts 8 MiB, baseline parts ${PART / MiB} MiB, ${ROUNDS} rounds in rotating order, medians; load ${fmt(loadavg()[0]!, 1)} at start) ==`,
    );
    const rssAtStart = proc.rssMiB();
    let rssPeak = rssAtStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, proc.rssMiB())), 100);
    const rssAfter: number[] = [];
    const methods: Method[] = [
      'single PUT',
      ...PARALLELS.map((p) => `multipart ×${p}` as const),
      ...PARALLELS.map((p) => `app ×${p}` as const),
    ];
    const rows: string[] = [];
    try {
      for (const size of sizes) {
        const body = bodyOf(size);
        const mibs = new Map<Method, number[]>(methods.map((m) => [m, []]));
        const ready = new Map<number, number[]>(PARALLELS.map((p) => [p, []]));
        const loads: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          loads.push(loadavg()[0]!);
          // rotate the order: each way goes first, middle and last in turn
          const order = methods.map((_, i) => methods[(i + round) % methods.length]!);
          for (const method of order) {
            const key = `bench/${size}-${round}-${method.replace(/\W+/g, '')}`;
            const t0 = performance.now();
            if (method === 'single PUT') {
              const put = await fetch(await presignedPut(s3.env, key), { method: 'PUT', body });
              if (!put.ok) throw new Error(`single PUT: ${put.status}`);
            } else if (method.startsWith('multipart')) {
              await straightMultipart(s3.env, key, body, PART, Number(method.split('×')[1]));
            } else {
              const parallel = Number(method.split('×')[1]);
              const times = await throughApp(body, parallel);
              mibs.get(method)!.push(size / MiB / times.acknowledged);
              ready.get(parallel)!.push(size / MiB / times.ready);
              continue;
            }
            mibs.get(method)!.push(size / MiB / ((performance.now() - t0) / 1000));
            await removeObject(s3.env, key);
          }
        }
        rssAfter.push(proc.rssMiB());
        const single = median(mibs.get('single PUT')!);
        const load = `${fmt(Math.min(...loads), 1)}-${fmt(Math.max(...loads), 1)}`;
        for (const p of PARALLELS) {
          const app = median(mibs.get(`app ×${p}`)!);
          const multipart = median(mibs.get(`multipart ×${p}`)!);
          rows.push(
            `| ${fmt(size / MiB, 0)} MiB | ${p} | ${fmt(single)} | ${fmt(multipart)} | ${fmt(app)} (${mibs
              .get(`app ×${p}`)!
              .map((x) => fmt(x))
              .join(', ')}) | ` +
              `${fmt(app / single, 2)}× ${app / single >= 0.8 ? '✔' : '✘'} | ${fmt(app / multipart, 2)}× ${app / multipart >= 0.8 ? '✔' : '✘'} | ${fmt(median(ready.get(p)!))} | ${load} |`,
          );
        }
        console.log(
          `${fmt(size / MiB, 0)} MiB, MiB/s per round: ` +
            methods
              .map(
                (m) =>
                  `${m} ${mibs
                    .get(m)!
                    .map((x) => fmt(x))
                    .join('/')}`,
              )
              .join('; '),
        );
      }
    } finally {
      clearInterval(sampler);
    }
    console.log(
      '\n| size | parts in flight | single PUT | multipart, no app | through the app (rounds) | app ÷ single PUT (≥ 0,8) | app ÷ multipart (≥ 0,8) | until ready | load |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(row);
    const growth = rssAfter[rssAfter.length - 1]! - rssAfter[0]!;
    console.log(
      `app RSS: ${fmt(rssAtStart)} MiB at start, ${rssAfter.map((r) => fmt(r)).join(' → ')} MiB after each size, ` +
        `peak ${fmt(rssPeak)} MiB; growth between sizes ${fmt(growth)} MiB (target < 50, flat: ${growth < 50 ? 'PASS' : 'FAIL'})`,
    );
  } finally {
    await proc.close();
    await s3.stop();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function clientOf(env: Record<string, string>) {
  return new S3Client({
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: env.S3_ACCESS_KEY_ID!, secretAccessKey: env.S3_SECRET_ACCESS_KEY! },
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
}

/** The baseline multipart upload: presigned part PUTs in parallel and the completion, no app. */
async function straightMultipart(
  env: Record<string, string>,
  key: string,
  body: Buffer,
  partSize: number,
  parallel: number,
): Promise<void> {
  const client = clientOf(env);
  const Bucket = env.S3_BUCKET;
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
  const count = Math.ceil(body.length / partSize);
  const pending = Array.from({ length: count }, (_, i) => i + 1);
  const parts: { PartNumber: number; ETag: string }[] = [];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let n = pending.shift(); n !== undefined; n = pending.shift()) {
        const url = await getSignedUrl(
          client,
          new UploadPartCommand({ Bucket, Key: key, UploadId, PartNumber: n }),
          { expiresIn: 900 },
        );
        const res = await fetch(url, {
          method: 'PUT',
          body: body.subarray((n - 1) * partSize, n * partSize),
        });
        if (!res.ok) throw new Error(`baseline part ${n}: ${res.status}`);
        parts.push({ PartNumber: n, ETag: res.headers.get('etag')! });
      }
    }),
  );
  parts.sort((a, b) => a.PartNumber - b.PartNumber);
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket,
      Key: key,
      UploadId,
      MultipartUpload: { Parts: parts },
    }),
  );
  client.destroy();
}

async function removeObject(env: Record<string, string>, key: string): Promise<void> {
  const client = clientOf(env);
  await client.send(new DeleteObjectCommand({ Bucket: env.S3_BUCKET, Key: key }));
  client.destroy();
}

/** A presigned PutObject URL for the baseline, signed like the app signs (same SDK). */
async function presignedPut(env: Record<string, string>, key: string): Promise<string> {
  const client = clientOf(env);
  const url = await getSignedUrl(
    client,
    new PutObjectCommand({ Bucket: env.S3_BUCKET, Key: key }),
    { expiresIn: 900 },
  );
  client.destroy();
  return url;
}

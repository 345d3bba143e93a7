import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { startS3Server } from '../test/support/s3-server';
import { ApiClient, startServerProcess } from './server-process';
import { fmt } from './support';

const MiB = 1024 * 1024;
/** the app's part size for files up to 80 GB (DirectUploadsService.partSizeFor); the baseline
 * multipart uses the same unless S3_BENCH_PART_MIB says otherwise */
const APP_PART = 8 * MiB;
const PART = Number(process.env.S3_BENCH_PART_MIB ?? 8) * MiB;
/** parts in flight at once: the team portal sends 4 (web/src/pages/team/direct-upload.ts) */
const PARALLELS = (process.env.S3_BENCH_PARALLEL ?? '4').split(',').map(Number);
const ROUNDS = Number(process.env.S3_BENCH_ROUNDS ?? 5);
/** where s3rver keeps its files: `disk` (the OS temporary folder, as in the tests) and
 * `tmpfs` (/dev/shm: the disk out of the comparison, for every way alike) */
const STORES: Store[] = process.env.S3_BENCH_ENDPOINT
  ? ['external']
  : (process.env.S3_BENCH_STORE ?? 'disk,tmpfs')
      .split(',')
      .filter((s): s is Store => s === 'disk' || (s === 'tmpfs' && existsSync('/dev/shm')));
const BUDGET = 0.8;

/** `external`: another S3-compatible server instead of s3rver (MinIO, AWS, a Vietnamese
 * cloud's bucket), given by S3_BENCH_ENDPOINT, S3_BENCH_BUCKET (it must exist),
 * S3_BENCH_ACCESS_KEY_ID, S3_BENCH_SECRET_ACCESS_KEY and S3_BENCH_REGION (default us-east-1) */
type Store = 'disk' | 'tmpfs' | 'external';
type Method =
  | 'single PUT'
  | `multipart ×${number}`
  | `app ×${number}`
  | `app ×${number}, records in background`;
/** S3_BENCH_PIPELINED=1 adds a client the portal is not (yet): each worker starts its next
 * part's PUT while the app records the previous part (all records awaited before complete).
 * It shows what taking the app's API calls off the parts' path would give. */
const PIPELINED = process.env.S3_BENCH_PIPELINED === '1';

/**
 * Seconds of one upload, phase by phase:
 * - `parts`: the bytes into the S3 server. Single PUT: the PUT. Multipart: create, every
 *   part PUT (P in flight). App: start, part URLs, every part PUT and its record in the app.
 * - `complete`: CompleteMultipartUpload (s3rver re-reads, MD5s and rewrites every byte);
 *   through the app, POST …/complete until 202 (the same call, plus a HEAD and the ranged-GET
 *   type sniff). 0 for the single PUT.
 * - `stored` = parts + complete: until the object exists in the bucket (the upload's end).
 * - `check`: through the app, 202 until `ready` (the background sniff and SHA-256 read of the
 *   object); for the single PUT, one GET of the object hashed with SHA-256 by the bench (what
 *   that read costs without the app). 0 for the multipart baseline.
 */
interface Phases {
  parts: number;
  complete: number;
  stored: number;
  check: number;
  /** through the app: the part of `parts` spent waiting on the app's API (the start, then
   * each worker's waits for part URLs and for recording its parts, ÷ P); 0 otherwise */
  appCalls: number;
}

/**
 * Direct uploads (STORAGE=s3) against a real S3-compatible server process (s3rver 3.7.1) on
 * loopback, the app in its own process. The same bytes to the same server, side by side in one
 * run, each way ROUNDS times in a rotating order (the machine is shared: one lucky or unlucky
 * run decides nothing), medians reported:
 * - single PUT: the whole file as one presigned PutObject (the issue's "straight PUT");
 * - multipart ×P: the same file as 8 MiB parts, P in flight, presigned UploadPart URLs and
 *   CompleteMultipartUpload, no app (the same work for the S3 server as through the app);
 * - app ×P: the team portal's flow through the app (start, part URLs 10 at a time, P parts in
 *   flight straight to the S3 server, each recorded, complete → 202, then until `ready`).
 * Each phase is printed apart, so what is the app's and what is the S3 server's shows.
 * Target (issue 23): upload throughput through presigned URLs ≥ 0,8 × straight PUTs.
 */
export async function runS3UploadBench(
  sizes = (process.env.S3_BENCH_SIZES_MIB ?? '64,256').split(',').map((m) => Number(m) * MiB),
): Promise<void> {
  const methods: Method[] = [
    'single PUT',
    ...PARALLELS.map((p) => `multipart ×${p}` as const),
    ...PARALLELS.map((p) => `app ×${p}` as const),
    ...(PIPELINED ? PARALLELS.map((p) => `app ×${p}, records in background` as const) : []),
  ];
  console.log(
    `\n== S3 direct upload (${process.env.S3_BENCH_ENDPOINT ? `the server at ${process.env.S3_BENCH_ENDPOINT}` : 's3rver 3.7.1 on loopback'}; app parts ${APP_PART / MiB} MiB, baseline parts ${PART / MiB} MiB; ` +
      `${ROUNDS} rounds in rotating order, medians; data on ${STORES.join(' and ')}; load ${fmt(loadavg()[0]!, 1)} at start) ==`,
  );
  const phaseRows: string[] = [];
  const ratioRows: string[] = [];
  const notes: string[] = [];
  for (const store of STORES) {
    const s3 = await serverFor(store);
    const proc = await startServerProcess({
      ...s3.env,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
      AUDIT_SIGNING_KEY: Buffer.alloc(32, 21).toString('base64'),
      FANPAGE_TOKEN_KEY: Buffer.alloc(32, 22).toString('base64'),
      UPLOAD_MAX_VIDEO_BYTES: String(4096 * MiB),
      UPLOAD_TEAM_QUOTA_BYTES: String(1024 * 1024 * MiB),
    });
    const rssAtStart = proc.rssMiB();
    let rssPeak = rssAtStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, proc.rssMiB())), 100);
    const rssAfter: number[] = [];
    try {
      const app = await appFlow(proc.api, store);
      for (const size of sizes) {
        const body = bodyOf(size);
        const runs = new Map<Method, Phases[]>(methods.map((m) => [m, []]));
        const loads: number[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          loads.push(loadavg()[0]!);
          // rotate the order: each way goes first, middle and last in turn
          const order = methods.map((_, i) => methods[(i + round) % methods.length]!);
          for (const method of order) {
            const key = `bench/${size}-${round}-${method.replace(/\W+/g, '')}`;
            const parallel = parseInt(method.split('×')[1] ?? '', 10);
            if (method === 'single PUT') runs.get(method)!.push(await singlePut(s3.env, key, body));
            else if (method.startsWith('multipart'))
              runs.get(method)!.push(await straightMultipart(s3.env, key, body, PART, parallel));
            else
              runs
                .get(method)!
                .push(await app.upload(body, parallel, method.endsWith('background')));
            if (!method.startsWith('app')) await removeObject(s3.env, key);
          }
        }
        rssAfter.push(proc.rssMiB());
        const mib = size / MiB;
        const load = `${fmt(Math.min(...loads), 1)}-${fmt(Math.max(...loads), 1)}`;
        const med = (m: Method, phase: keyof Phases) => median(runs.get(m)!.map((r) => r[phase]));
        const rate = (seconds: number) => fmt(mib / seconds);
        for (const m of methods) {
          const check = med(m, 'check');
          phaseRows.push(
            `| ${store} | ${fmt(mib, 0)} MiB | ${m} | ${fmt(med(m, 'parts'), 2)} s (${rate(med(m, 'parts'))}) | ` +
              `${m.startsWith('app') ? `${fmt(med(m, 'appCalls'), 2)} s` : '-'} | ` +
              `${m === 'single PUT' ? '-' : `${fmt(med(m, 'complete'), 2)} s`} | ` +
              `${fmt(med(m, 'stored'), 2)} s (${rate(med(m, 'stored'))}) | ` +
              `${m.startsWith('multipart') ? '-' : `${fmt(check, 2)} s${m === 'single PUT' ? ' (GET + SHA-256, no app)' : ''}`} | ` +
              `${m.startsWith('app') ? `${fmt(med(m, 'stored') + check, 2)} s (${rate(med(m, 'stored') + check)})` : '-'} | ${load} |`,
          );
        }
        const single = med('single PUT', 'stored');
        /** throughput of way `x` ÷ way `y`: the median of the per-round ratios (a round's ways
         * run back to back, so the load of the moment weighs on both) */
        const paired = (x: Method, xPhase: keyof Phases, y: Method, yPhase: keyof Phases) =>
          median(runs.get(x)!.map((r, i) => runs.get(y)![i]![yPhase] / r[xPhase]));
        for (const m of methods.filter((k) => k.startsWith('app'))) {
          const mp: Method = `multipart ×${parseInt(m.split('×')[1] ?? '', 10)}`;
          const bytes = paired(m, 'parts', 'single PUT', 'stored');
          const stored = paired(m, 'stored', 'single PUT', 'stored');
          const mpBytes = paired(mp, 'parts', 'single PUT', 'stored');
          // the best any client can do on this server: parts as fast as the single PUT, plus
          // the server's own assembly of them
          const ceiling = median(
            runs
              .get('single PUT')!
              .map((r, i) => r.stored / (r.stored + runs.get(mp)![i]!.complete)),
          );
          ratioRows.push(
            `| ${store} | ${fmt(mib, 0)} MiB | ${m} | ${ratio(bytes)} | ${ratio(stored)} | ${fmt(ceiling, 2)}× | ` +
              `${fmt(paired(m, 'stored', mp, 'stored'), 2)}× · parts ${fmt(paired(m, 'parts', mp, 'parts'), 2)}× | ` +
              `${fmt(paired(mp, 'stored', 'single PUT', 'stored'), 2)}× · parts ${fmt(mpBytes, 2)}× | ${load} |`,
          );
          if (bytes < BUDGET)
            notes.push(
              mpBytes < BUDGET
                ? `${store}, ${fmt(mib, 0)} MiB, ${m}: bytes into the bucket ✘ with the S3 server as the limit: the same parts without the app went in at ${fmt(mpBytes, 2)}× the single PUT.`
                : `${store}, ${fmt(mib, 0)} MiB, ${m}: bytes into the bucket ✘ and the app's: the same parts without the app went in at ${fmt(mpBytes, 2)}× the single PUT, the app's at ${fmt(bytes, 2)}×.`,
            );
          if (stored < BUDGET && ceiling < BUDGET)
            notes.push(
              `${store}, ${fmt(mib, 0)} MiB, ${m}: until stored ✘ is the S3 server's, not the app's: ≥ ${fmt(BUDGET, 1)}× a single PUT is out of reach there, ` +
                `as its CompleteMultipartUpload alone takes ${fmt(med(mp, 'complete'), 2)} s (the single PUT ${fmt(single, 2)} s), so even parts as fast as the single PUT give ${fmt(ceiling, 2)}×.`,
            );
        }
        console.log(
          `${store}, ${fmt(mib, 0)} MiB, seconds per round (parts + complete | check): ` +
            methods
              .map(
                (m) =>
                  `${m} ${runs
                    .get(m)!
                    .map((r) => `${fmt(r.parts, 2)}+${fmt(r.complete, 2)}|${fmt(r.check, 2)}`)
                    .join(' / ')}`,
              )
              .join('; '),
        );
      }
    } finally {
      clearInterval(sampler);
      await proc.close();
      await s3.stop();
    }
    const growth = rssAfter[rssAfter.length - 1]! - rssAfter[0]!;
    notes.push(
      `app RSS (${store}): ${fmt(rssAtStart)} MiB at start, ${rssAfter.map((r) => fmt(r)).join(' → ')} MiB after each size, ` +
        `peak ${fmt(rssPeak)} MiB; growth between sizes ${fmt(growth)} MiB (target < 50, flat: ${growth < 50 ? 'PASS' : 'FAIL'})`,
    );
  }
  console.log(
    '\nPhases (medians; MiB/s in brackets): parts = the bytes into the S3 server; complete = CompleteMultipartUpload (through the app: POST …/complete until 202); stored = until the object exists; check = until `ready` after 202',
  );
  console.log(
    '| data | size | way | parts | of which app calls | complete | stored | check | until ready | load |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const row of phaseRows) console.log(row);
  console.log(
    `\nUpload throughput through presigned URLs ÷ straight PUT (issue 23, budget ≥ ${fmt(BUDGET, 1)}×). ` +
      'The budget line: the bytes into the bucket (the parts phase through the app, API calls included, ÷ the single PUT). ' +
      "Beside it: until the object is stored (s3rver's CompleteMultipartUpload included, which copies every byte again; " +
      'AWS S3 and MinIO assemble from metadata), the most any client can reach on this server for that, and the app ÷ the same multipart without the app. ' +
      'Each ratio is the median of the per-round ratios (a round runs every way back to back).',
  );
  console.log(
    '| data | size | way | bytes into the bucket: app ÷ single PUT | until stored: app ÷ single PUT | ceiling on this server until stored | app ÷ multipart without the app (stored · parts) | multipart without the app ÷ single PUT (stored · parts) | load |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const row of ratioRows) console.log(row);
  for (const note of notes) console.log(note);
}

/** s3rver with its data on disk or tmpfs, or the external server of S3_BENCH_ENDPOINT. */
async function serverFor(
  store: Store,
): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  if (store !== 'external')
    return startS3Server('bench-bucket', { parentDir: store === 'tmpfs' ? '/dev/shm' : undefined });
  const need = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required with S3_BENCH_ENDPOINT`);
    return value;
  };
  const env = {
    STORAGE: 's3',
    S3_ENDPOINT: need('S3_BENCH_ENDPOINT'),
    S3_REGION: process.env.S3_BENCH_REGION ?? 'us-east-1',
    S3_BUCKET: need('S3_BENCH_BUCKET'),
    S3_ACCESS_KEY_ID: need('S3_BENCH_ACCESS_KEY_ID'),
    S3_SECRET_ACCESS_KEY: need('S3_BENCH_SECRET_ACCESS_KEY'),
    S3_FORCE_PATH_STYLE: 'true',
  };
  return { env, stop: async () => undefined };
}

const ratio = (x: number) => `${fmt(x, 2)}× ${x >= BUDGET ? '✔' : '✘'}`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function bodyOf(size: number): Buffer {
  const pattern = Buffer.alloc(MiB);
  for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 7919) & 0xff;
  pattern.write('\0\0\0\x18ftypisom\0\0\x02\0isomiso2', 0, 'latin1'); // an mp4 header
  return Buffer.concat(Array.from({ length: size / MiB }, () => pattern));
}

const seconds = (from: number) => (performance.now() - from) / 1000;

/** A contest in submission, a team and its session: the team portal's flow through the app. */
async function appFlow(api: ApiClient, store: Store) {
  const admin = await api.login('admin', 'bench-password-1');
  const contest = await api.call('POST', '/api/contests', admin, {
    slug: `s3-upload-bench-${store}`,
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
    username: `s3bench.${store}`,
    displayName: 'Đội đo tải',
    role: 'team',
    teamId: teamRes.body.id,
  });
  const team = await api.login(`s3bench.${store}`, account.body.temporaryPassword as string);
  for (const to of ['registration', 'submission'])
    await api.call('POST', `/api/contests/${contestId}/transitions`, admin, { to });

  /** As the portal does: URLs asked for 10 parts ahead, one request per batch, P parts in
   * flight, each part recorded in the app once the bucket has it. */
  const upload = async (body: Buffer, parallel: number, pipelined = false): Promise<Phases> => {
    const t0 = performance.now();
    let waits = 0; // seconds the workers spent on the app's API, summed
    const timed = async <T>(call: Promise<T>) => {
      const from = performance.now();
      const result = await call;
      waits += seconds(from);
      return result;
    };
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
    const startCall = seconds(t0);
    const base = `/api/contests/${contestId}/direct-uploads/${id}`;
    const urls = new Map<number, Promise<string>>();
    const urlFor = (n: number) => {
      if (!urls.has(n)) {
        const wanted = Array.from({ length: 10 }, (_, i) => n + i).filter(
          (k) => k <= partCount && !urls.has(k),
        );
        const batch = api
          .call('POST', `${base}/part-urls`, team, { partNumbers: wanted })
          .then((res) => {
            const got = res.body.urls as { partNumber: number; url: string }[];
            return new Map(got.map((u) => [u.partNumber, u.url]));
          });
        for (const k of wanted)
          urls.set(
            k,
            batch.then((m) => m.get(k)!),
          );
      }
      return urls.get(n)!;
    };
    const pending = Array.from({ length: partCount }, (_, i) => i + 1);
    const records: Promise<unknown>[] = [];
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let n = pending.shift(); n !== undefined; n = pending.shift()) {
          const bytes = body.subarray((n - 1) * partSize, n * partSize);
          const url = await timed(urlFor(n));
          const res = await fetch(url, { method: 'PUT', body: bytes });
          if (!res.ok) throw new Error(`part ${n}: ${res.status}`);
          const record = api.call('POST', `${base}/parts`, team, {
            partNumber: n,
            etag: res.headers.get('etag'),
            size: bytes.length,
          });
          if (pipelined) records.push(record);
          else await timed(record);
        }
      }),
    );
    const tail = performance.now();
    await Promise.all(records);
    const lastRecords = seconds(tail);
    const parts = seconds(t0);
    const done = await api.call('POST', `${base}/complete`, team);
    if (done.status !== 202)
      throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
    const stored = seconds(t0);
    for (;;) {
      const state = await api.call('GET', base, team);
      if (state.body.status === 'ready') break;
      if (state.body.status !== 'pending') throw new Error(`verification: ${state.body.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      parts,
      complete: stored - parts,
      stored,
      check: seconds(t0) - stored,
      appCalls: startCall + waits / parallel + lastRecords,
    };
  };
  return { upload };
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

/** The straight PUT: one presigned PutObject of the whole file (signed like the app signs),
 * then the object read back and hashed (what the app's SHA-256 check costs without the app). */
async function singlePut(env: Record<string, string>, key: string, body: Buffer): Promise<Phases> {
  const client = clientOf(env);
  const Bucket = env.S3_BUCKET;
  const url = await getSignedUrl(client, new PutObjectCommand({ Bucket, Key: key }), {
    expiresIn: 900,
  });
  const t0 = performance.now();
  const put = await fetch(url, { method: 'PUT', body });
  if (!put.ok) throw new Error(`single PUT: ${put.status}`);
  const stored = seconds(t0);
  const t1 = performance.now();
  const got = await client.send(new GetObjectCommand({ Bucket, Key: key }));
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of got.Body as Readable) {
    hash.update(chunk as Buffer);
    read += (chunk as Buffer).length;
  }
  hash.digest();
  if (read !== body.length)
    throw new Error(`single PUT: read back ${read} of ${body.length} bytes`);
  const check = seconds(t1);
  client.destroy();
  return { parts: stored, complete: 0, stored, check, appCalls: 0 };
}

/** The baseline multipart upload: presigned part PUTs in parallel and the completion, no app. */
async function straightMultipart(
  env: Record<string, string>,
  key: string,
  body: Buffer,
  partSize: number,
  parallel: number,
): Promise<Phases> {
  const client = clientOf(env);
  const Bucket = env.S3_BUCKET;
  const t0 = performance.now();
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
  const partsDone = seconds(t0);
  parts.sort((a, b) => a.PartNumber - b.PartNumber);
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket,
      Key: key,
      UploadId,
      MultipartUpload: { Parts: parts },
    }),
  );
  const stored = seconds(t0);
  client.destroy();
  return { parts: partsDone, complete: stored - partsDone, stored, check: 0, appCalls: 0 };
}

async function removeObject(env: Record<string, string>, key: string): Promise<void> {
  const client = clientOf(env);
  await client.send(new DeleteObjectCommand({ Bucket: env.S3_BUCKET, Key: key }));
  client.destroy();
}

import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { performance } from 'node:perf_hooks';
import { startS3Server } from '../test/support/s3-server';
import { startServerProcess } from './server-process';
import { fmt } from './support';

const MiB = 1024 * 1024;
const PARALLEL = 4;

/**
 * Direct uploads (STORAGE=s3) against a real S3-compatible server process (s3rver) on
 * loopback, side by side in one run:
 * - straight: the file sent to the S3 server as one PUT (a presigned PutObject), no app;
 * - through the app: start, presigned part URLs (10 at a time), 4 parts PUT in parallel to
 *   the S3 server, each recorded, then complete (202) — and until `ready` (the background
 *   verification reads the object once for its SHA-256).
 * Targets: app flow ≥ 0,8 × straight PUTs; the app's RSS flat during uploads (growth < 50 MiB
 * from the first to the last size: no video bytes held in the app).
 */
export async function runS3UploadBench(sizes = [64 * MiB, 256 * MiB]): Promise<void> {
  const s3 = await startS3Server('bench-bucket');
  const proc = await startServerProcess({
    ...s3.env,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    UPLOAD_MAX_VIDEO_BYTES: String(4096 * MiB),
    UPLOAD_TEAM_QUOTA_BYTES: String(64 * 1024 * MiB),
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

    console.log(
      `\n== S3 direct upload (s3rver on loopback, ${PARALLEL} parts in parallel, 8 MiB parts) ==`,
    );
    const rssAtStart = proc.rssMiB();
    let rssPeak = rssAtStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, proc.rssMiB())), 100);
    const rssAfter: number[] = [];
    try {
      for (const size of sizes) {
        const body = bodyOf(size);
        // straight: one presigned PUT of the whole object to the S3 server (the app not involved)
        const straightUrl = await presignedPut(s3.env, `bench/straight-${size}`);
        let t0 = performance.now();
        const put = await fetch(straightUrl, { method: 'PUT', body });
        if (!put.ok) throw new Error(`straight PUT: ${put.status}`);
        const straight = size / MiB / ((performance.now() - t0) / 1000);
        // the same multipart upload (same parts, same parallelism) without the app
        t0 = performance.now();
        await straightMultipart(s3.env, `bench/multipart-${size}`, body, 8 * MiB);
        const multipart = size / MiB / ((performance.now() - t0) / 1000);

        t0 = performance.now();
        const started = await api.call('POST', `/api/contests/${contestId}/direct-uploads`, team, {
          kind: 'video',
          fileName: 'bench.mp4',
          size,
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
          Array.from({ length: PARALLEL }, async () => {
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
        const partsSeconds = (performance.now() - t0) / 1000;
        const done = await api.call('POST', `${base}/complete`, team);
        if (done.status !== 202)
          throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
        const throughApp = size / MiB / ((performance.now() - t0) / 1000);
        for (;;) {
          const state = await api.call('GET', base, team);
          if (state.body.status === 'ready') break;
          if (state.body.status !== 'pending')
            throw new Error(`verification: ${state.body.status}`);
          await new Promise((r) => setTimeout(r, 100));
        }
        const untilReady = size / MiB / ((performance.now() - t0) / 1000);
        rssAfter.push(proc.rssMiB());
        const ratio = throughApp / straight;
        const ratioMultipart = throughApp / multipart;
        const appSeconds = size / MiB / throughApp;
        console.log(
          `${fmt(size / MiB, 0)} MiB: straight single PUT ${fmt(straight)} MiB/s; straight multipart (no app) ${fmt(multipart)} MiB/s; ` +
            `through the app ${fmt(throughApp)} MiB/s (parts ${fmt(partsSeconds)} s + complete ${fmt(appSeconds - partsSeconds)} s)\n` +
            `   ratio vs single PUT ${fmt(ratio, 2)}× (target ≥ 0,8: ${ratio >= 0.8 ? 'PASS' : 'FAIL'}); ` +
            `vs the same multipart without the app ${fmt(ratioMultipart, 2)}× (target ≥ 0,8: ${ratioMultipart >= 0.8 ? 'PASS' : 'FAIL'}); ` +
            `until ready (SHA-256 read included) ${fmt(untilReady)} MiB/s`,
        );
      }
    } finally {
      clearInterval(sampler);
    }
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
): Promise<void> {
  const client = clientOf(env);
  const Bucket = env.S3_BUCKET;
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
  const count = Math.ceil(body.length / partSize);
  const pending = Array.from({ length: count }, (_, i) => i + 1);
  const parts: { PartNumber: number; ETag: string }[] = [];
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
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

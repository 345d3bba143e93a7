import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The judges' tablets, in a worker thread so that the load generator does not share the
 * server's event loop: each judge saves two drafts and submits, entry after entry. Plain
 * `node:http` on kept-alive connections: the generator shares the machine's two cores with the
 * server and PostgreSQL, and `fetch` cost about twice as much CPU per request.
 */
interface Job {
  port: number;
  contestId: string;
  tokens: string[];
  entryIds: string[];
}

async function run({ port, contestId, tokens, entryIds }: Job) {
  const latencies: number[] = [];
  let errors = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: tokens.length });
  const call = async (method: string, path: string, token: string, body: object) => {
    const t0 = performance.now();
    const payload = JSON.stringify(body);
    const { status, text } = await new Promise<{ status: number; text: string }>(
      (resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port,
            path,
            method,
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              'idempotency-key': randomUUID(),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      },
    );
    latencies.push(performance.now() - t0);
    if (status !== 200) errors++;
    return JSON.parse(text) as { version?: number };
  };
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      for (const entryId of entryIds) {
        const base = `/api/contests/${contestId}/judging/entries/${entryId}/scorecard`;
        const first = await call('PUT', base, token, { scores: { novelty: 12.5, usefulness: 13 } });
        const second = await call('PUT', base, token, {
          scores: { practicality: 14, breakthrough: 11.75, quality: 8.5 },
          version: first.version,
        });
        await call('POST', `${base}/submit`, token, { version: second.version });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { latencies, seconds, errors };
}

run(workerData as Job).then((result) => parentPort!.postMessage(result));

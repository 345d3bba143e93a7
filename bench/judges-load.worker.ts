import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The judges' tablets, in a worker thread so that the load generator does not share the
 * server's event loop: each judge saves two drafts and submits, entry after entry.
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
  const call = async (method: string, path: string, token: string, body: object) => {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { version?: number };
    latencies.push(performance.now() - t0);
    if (res.status !== 200) errors++;
    return json;
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
  return { latencies, seconds: (performance.now() - t0) / 1000, errors };
}

run(workerData as Job).then((result) => parentPort!.postMessage(result));

import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';

/**
 * The judges' tablets, in a worker thread so that the load generator does not share the
 * server's event loop: each judge saves two drafts and submits, entry after entry. Plain
 * `node:http` on kept-alive connections: the generator shares the machine's two cores with the
 * server and PostgreSQL, and `fetch` cost about twice as much CPU per request.
 *
 * Without `paceMs` every judge sends the next request as soon as the last one is answered (the
 * server is saturated). With it, a judge waits that long between requests, as the tablet's
 * outbox does (it sends a change 600 ms after the judge's last touch). With `untilStopped` the
 * judges stop starting entries once the parent posts 'stop'.
 */
export interface Job {
  port: number;
  contestId: string;
  tokens: string[];
  entryIds: string[];
  paceMs?: number;
  untilStopped?: boolean;
}

export interface JobResult {
  latencies: number[];
  seconds: number;
  errors: number;
  /** cards answered 200 on their first save, and on submit: what the database must hold */
  created: number;
  submitted: number;
}

async function run(job: Job): Promise<JobResult> {
  const { port, contestId, tokens, entryIds, paceMs = 0 } = job;
  let stopped = false;
  parentPort!.on('message', (message) => {
    if (message === 'stop') stopped = true;
  });
  const latencies: number[] = [];
  let errors = 0;
  let created = 0;
  let submitted = 0;
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
    if (paceMs) await sleep(paceMs);
    return { status, body: JSON.parse(text) as { version?: number } };
  };
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      // tablets do not start in step: spread the first requests over one pace interval
      if (paceMs) await sleep(Math.random() * paceMs);
      for (const entryId of entryIds) {
        if (job.untilStopped && stopped) break;
        const base = `/api/contests/${contestId}/judging/entries/${entryId}/scorecard`;
        const first = await call('PUT', base, token, { scores: { novelty: 12.5, usefulness: 13 } });
        if (first.status === 200) created++;
        const second = await call('PUT', base, token, {
          scores: { practicality: 14, breakthrough: 11.75, quality: 8.5 },
          version: first.body.version,
        });
        const done = await call('POST', `${base}/submit`, token, { version: second.body.version });
        if (done.status === 200) submitted++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { latencies, seconds, errors, created, submitted };
}

run(workerData as Job).then((result) => {
  parentPort!.postMessage(result);
  parentPort!.close();
});

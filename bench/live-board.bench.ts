import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { ApiClient, startServerProcess } from './server-process';
import { fmt } from './support';

const VIEWERS = 1000;
const COMMITS = 30;
/** Longer than the coalescing window, so each commit gets its own update. */
const GAP_MS = 600;
const MiB = 1024 * 1024;

/**
 * 1.000 live-board viewers on loopback, connected to a real server process (so its RSS is the
 * server's alone). A judge submits part scores one by one; each commit changes the board (the
 * parts are revealed). Measured per commit: from sending the submit to the moment the LAST of
 * the 1.000 viewers received the update. Targets: p95 under 1 s, server RSS under 300 MB.
 */
export async function runLiveBoardBench(): Promise<void> {
  const proc = await startServerProcess();
  const { sql, api, port } = proc;
  const viewers: Viewer[] = [];
  try {
    const admin = await api.login('admin', 'bench-password-1');
    const { contestId, entryIds, judges } = await prepareFinal(sql, api, admin);

    console.log(
      `\n== Live board benchmark (${fmt(VIEWERS, 0)} SSE viewers, ${COMMITS} score commits) ==`,
    );
    const idle = proc.rssMiB();
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    const connectStart = performance.now();
    await Promise.all(
      Array.from({ length: VIEWERS }, async (_, i) => {
        viewers[i] = await Viewer.open(agent, port, '/api/public/contests/nga-bay-2022/live');
      }),
    );
    await Promise.all(viewers.map((v) => v.firstBoard));
    const connectMs = performance.now() - connectStart;
    const connected = proc.rssMiB();
    console.log(
      `connect: ${fmt(VIEWERS, 0)} viewers with their first snapshot in ${fmt(connectMs, 0)} ms`,
    );

    const latencies: number[] = [];
    let commit = 0;
    outer: for (const entryId of entryIds)
      for (const part of ['presentation', 'debate', 'questions'])
        for (const judge of judges) {
          if (commit++ >= COMMITS) break outer;
          const seen = viewers.map((v) => v.boards);
          const started = performance.now();
          const saved = await api.call(
            'PUT',
            `/api/contests/${contestId}/final/entries/${entryId}/parts/${part}`,
            judge,
            { points: 10 },
          );
          const submitted = await api.call(
            'POST',
            `/api/contests/${contestId}/final/entries/${entryId}/parts/${part}/submit`,
            judge,
            { version: saved.body.version },
          );
          if (submitted.status !== 200) throw new Error(`submit: ${submitted.status}`);
          // PUT (draft) and submit both commit; the board changes only with the submit
          const arrivals = await Promise.all(viewers.map((v, i) => v.boardAfter(seen[i]!, 5000)));
          latencies.push(Math.max(...arrivals) - started);
          await new Promise((r) => setTimeout(r, GAP_MS));
        }
    const after = proc.rssMiB();
    const peak = proc.peakMiB();
    const sample = viewers[VIEWERS - 1]!.lastBoard() as {
      final: { parts: { judges: number }[] };
    };
    const judgesSeen = sample.final.parts.reduce((n, p) => n + p.judges, 0);
    if (judgesSeen !== COMMITS)
      throw new Error(`last viewer saw ${judgesSeen} of ${COMMITS} commits`);

    latencies.sort((a, b) => a - b);
    const p = (q: number) =>
      latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
    const p95 = p(0.95);
    console.log(
      `commit → last of ${fmt(VIEWERS, 0)} viewers updated: p50 ${fmt(p(0.5), 0)} ms, p95 ${fmt(p95, 0)} ms, max ${fmt(latencies.at(-1)!, 0)} ms ` +
        `(includes the submit request and the coalescing window of up to 250 ms)`,
    );
    console.log(
      `server RSS: idle ${fmt(idle, 0)} MiB, ${fmt(VIEWERS, 0)} viewers ${fmt(connected, 0)} MiB, after updates ${fmt(after, 0)} MiB, peak ${fmt(peak, 0)} MiB`,
    );
    console.log(
      `targets: p95 < 1000 ms → ${fmt(p95, 0)} ms (${fmt(p95 / 1000, 2)}× target) ${p95 < 1000 ? 'MET' : 'NOT MET'}; ` +
        `RSS < 300 MB → ${fmt(peak * (MiB / 1e6), 0)} MB (${fmt((peak * MiB) / 300e6, 2)}× target) ${peak * MiB < 300e6 ? 'MET' : 'NOT MET'}`,
    );
    console.log(
      `every viewer saw all ${COMMITS} commits (checked on the last viewer's final snapshot)`,
    );
  } finally {
    for (const v of viewers) v?.close();
    await proc.close();
  }
}

/** Demo contest fast-forwarded to the final (SQL), every part of every finalist revealed. */
async function prepareFinal(sql: Client, api: ApiClient, admin: string) {
  const contestId = (await sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
    .id as string;
  await sql.query(
    `INSERT INTO entries (contest_id, team_id, status, name, published_at)
     SELECT contest_id, id, 'published', 'Mô hình của ' || name, now() FROM teams WHERE contest_id = $1`,
    [contestId],
  );
  const entryIds = (
    await sql.query(
      `SELECT e.id FROM entries e JOIN teams t ON t.id = e.team_id WHERE e.contest_id = $1 ORDER BY t.number`,
      [contestId],
    )
  ).rows.map((r) => r.id as string);
  // judges from units without a team: no conflict of interest with any finalist
  const judgeRows = (
    await sql.query(
      `SELECT u.id, u.username FROM contest_members m JOIN users u ON u.id = m.user_id
        WHERE m.contest_id = $1 AND m.role = 'judge'
          AND NOT EXISTS (SELECT 1 FROM teams t WHERE t.unit_id = m.unit_id) ORDER BY u.username`,
      [contestId],
    )
  ).rows as { id: string; username: string }[];
  const judges: string[] = [];
  for (const j of judgeRows) {
    const reset = await api.call(
      'POST',
      `/api/contests/${contestId}/accounts/${j.id}/reset-password`,
      admin,
    );
    judges.push(await api.login(j.username, reset.body.temporaryPassword as string));
  }
  await sql.query(`UPDATE contests SET status = 'final' WHERE id = $1`, [contestId]);
  const keys = entryIds.flatMap((id) =>
    ['presentation', 'debate', 'questions'].map((p) => `${id}|${p}`),
  );
  await sql.query(
    `INSERT INTO final_states (contest_id, entry_order, pairing, revealed_parts, current_entry_id, current_part)
     VALUES ($1, $2, '[]', $3, $4, 'presentation')`,
    [contestId, JSON.stringify(entryIds), JSON.stringify(keys), entryIds[0]],
  );
  return { contestId, entryIds, judges };
}

/** One SSE viewer: counts board events and keeps the last one; nothing is parsed per event. */
class Viewer {
  boards = 0;
  firstBoard!: Promise<void>;
  private last = '';
  private buffer = '';
  private waiter: { after: number; resolve: (t: number) => void } | null = null;
  private destroy: () => void = () => undefined;

  static open(agent: Agent, port: number, path: string): Promise<Viewer> {
    const viewer = new Viewer();
    return new Promise((resolve, reject) => {
      let first: () => void;
      viewer.firstBoard = new Promise((r) => (first = r));
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          viewer.buffer += chunk;
          let end: number;
          while ((end = viewer.buffer.indexOf('\n\n')) >= 0) {
            const event = viewer.buffer.slice(0, end);
            viewer.buffer = viewer.buffer.slice(end + 2);
            if (!event.includes('event: board')) continue;
            viewer.boards++;
            viewer.last = event;
            if (viewer.boards === 1) first();
            if (viewer.waiter && viewer.boards > viewer.waiter.after) {
              viewer.waiter.resolve(performance.now());
              viewer.waiter = null;
            }
          }
        });
        resolve(viewer);
      });
      req.on('error', reject);
      viewer.destroy = () => req.destroy();
      req.end();
    });
  }

  /** Time of the first board event after the `seen`-th one. */
  boardAfter(seen: number, timeoutMs: number): Promise<number> {
    if (this.boards > seen) return Promise.resolve(performance.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('viewer not updated in time')), timeoutMs);
      this.waiter = {
        after: seen,
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
      };
    });
  }

  lastBoard(): unknown {
    const line = this.last.split('\n').find((l) => l.startsWith('data: '))!;
    return JSON.parse(line.slice(6));
  }

  close() {
    this.destroy();
  }
}

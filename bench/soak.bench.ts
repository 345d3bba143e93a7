import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ApiClient, startServerProcess } from './server-process';
import { fmt } from './support';

const JUDGES = 100;
const ENTRIES = 40;
const VIEWERS = 1000;
const SECONDS = Number(process.env.SOAK_SECONDS ?? 120);
const SAMPLE_EVERY_MS = 5000;
const MiB = 1024 * 1024;

/**
 * A bounded soak on loopback: for SOAK_SECONDS (120 by default), 100 judges save drafts and
 * submit scorecards, 1.000 live-board viewers stay connected while the board changes twice a
 * second, two teams upload 8 MiB videos back to back, and the organiser imports interaction
 * counts every 5 s — all against one server process. Reported: p50/p99 per kind of request,
 * errors (must be 0), board events delivered, and the server's RSS every 5 s with its trend.
 */
export async function runSoakBench(): Promise<void> {
  const proc = await startServerProcess({ DB_POOL_SIZE: '40' });
  const { sql, api, port } = proc;
  const closers: (() => void)[] = [];
  try {
    const admin = await api.login('admin', 'bench-password-1');
    const setup = await prepare(api, admin, sql);
    console.log(
      `\n== Soak (${SECONDS} s: ${JUDGES} judges, ${fmt(VIEWERS, 0)} SSE viewers, 2 uploads, imports every 5 s) ==`,
    );

    // viewers
    const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
    let boardEvents = 0;
    let viewerErrors = 0;
    await Promise.all(
      Array.from({ length: VIEWERS }, () =>
        openViewer(agent, port, '/api/public/contests/nga-bay-2022/live', {
          onBoard: () => boardEvents++,
          onError: () => viewerErrors++,
          register: (close) => closers.push(close),
        }),
      ),
    );

    const stats = new Map<string, number[]>();
    const errors = new Map<string, number>();
    const record = (kind: string, ms: number, ok: boolean, detail = '') => {
      if (!stats.has(kind)) stats.set(kind, []);
      stats.get(kind)!.push(ms);
      if (!ok) errors.set(`${kind} ${detail}`, (errors.get(`${kind} ${detail}`) ?? 0) + 1);
    };
    const timed = async <T extends { status: number }>(kind: string, run: () => Promise<T>) => {
      const t0 = performance.now();
      const res = await run().catch(() => ({ status: 0 }) as T);
      record(
        kind,
        performance.now() - t0,
        res.status >= 200 && res.status < 300,
        String(res.status),
      );
      return res;
    };

    const end = Date.now() + SECONDS * 1000;
    const alive = () => Date.now() < end;
    const rss: number[] = [];
    const sampler = setInterval(() => rss.push(proc.rssMiB()), SAMPLE_EVERY_MS);
    const boardTicker = setInterval(() => {
      // what an organiser's stage changes do: the board row changes, every instance is told
      void sql
        .query(
          `UPDATE final_states SET timer_elapsed_ms = timer_elapsed_ms + 500 WHERE contest_id = $1`,
          [setup.contestId],
        )
        .then(() => sql.query(`SELECT pg_notify('live_board', $1)`, [setup.contestId]))
        .catch(() => undefined);
    }, 500);

    await Promise.all([
      ...setup.judges.map((token) => judgeLoop(api, token, setup, alive, timed)),
      ...setup.teams.map((token) => uploadLoop(api, token, setup.uploadContestId, alive, timed)),
      importLoop(api, admin, setup, alive, timed),
    ]);
    clearInterval(sampler);
    clearInterval(boardTicker);

    for (const [kind, values] of [...stats].sort()) {
      values.sort((a, b) => a - b);
      const q = (p: number) =>
        values[Math.min(values.length - 1, Math.ceil(p * values.length) - 1)]!;
      console.log(
        `${kind.padEnd(16)} ${String(values.length).padStart(6)} requests  p50 ${fmt(q(0.5), 0)} ms  p99 ${fmt(q(0.99), 0)} ms  max ${fmt(values.at(-1)!, 0)} ms`,
      );
    }
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0) + viewerErrors;
    console.log(
      `errors: ${errorCount}${errors.size ? ' ' + JSON.stringify(Object.fromEntries(errors)) : ''}${viewerErrors ? `, viewer disconnects ${viewerErrors}` : ''}`,
    );
    console.log(
      `board events delivered: ${fmt(boardEvents, 0)} (${fmt(boardEvents / VIEWERS, 1)} per viewer)`,
    );
    const slope = trend(rss);
    console.log(
      `server RSS every ${SAMPLE_EVERY_MS / 1000} s (MiB): ${rss.map((r) => fmt(r, 0)).join(' ')}; peak ${fmt(proc.peakMiB(), 0)} MiB; ` +
        `trend over the second half ${fmt(slope, 1)} MiB/min`,
    );
    console.log(`target: 0 errors → ${errorCount === 0 ? 'MET' : 'NOT MET'}`);
  } finally {
    for (const close of closers) close();
    await proc.close();
  }
}

interface Setup {
  contestId: string;
  uploadContestId: string;
  entryIds: string[];
  judges: string[];
  teams: string[];
  template: string;
}

type Timed = <T extends { status: number }>(kind: string, run: () => Promise<T>) => Promise<T>;

async function prepare(api: ApiClient, admin: string, sql: import('pg').Client): Promise<Setup> {
  const contestId = (await sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`)).rows[0]
    .id as string;
  const unit = (await sql.query(`SELECT id FROM units WHERE contest_id = $1 LIMIT 1`, [contestId]))
    .rows[0].id;
  await sql.query(
    `INSERT INTO teams (contest_id, number, name, unit_id)
     SELECT $1, n, 'Đội ' || n, $2 FROM generate_series(100, 100 + $3 - 10) n`,
    [contestId, unit, ENTRIES],
  );
  await sql.query(
    `INSERT INTO entries (contest_id, team_id, status, name, post_url, published_at)
     SELECT contest_id, id, 'published', 'Mô hình ' || number,
            'https://www.facebook.com/hoithimohinhsangkiencchcngabay/posts/' || (5000 + number), now()
       FROM teams WHERE contest_id = $1`,
    [contestId],
  );
  await sql.query(`UPDATE contests SET status = 'judging' WHERE id = $1`, [contestId]);
  const entryIds = (
    await sql.query(`SELECT id FROM entries WHERE contest_id = $1 ORDER BY id`, [contestId])
  ).rows.map((r) => r.id as string);
  // a board row for the viewers (the bench changes it twice a second)
  await sql.query(
    `INSERT INTO final_states (contest_id, entry_order, pairing, current_entry_id, current_part)
     VALUES ($1, $2, '[]', $3, 'presentation')`,
    [contestId, JSON.stringify(entryIds.slice(0, 9)), entryIds[0]],
  );
  const judges: string[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const res = await api.call('POST', `/api/contests/${contestId}/accounts`, admin, {
      username: `soak.gk${j}`,
      displayName: `Giám khảo ${j}`,
      role: 'judge',
    });
    judges.push(await api.login(`soak.gk${j}`, res.body.temporaryPassword as string));
  }
  await api.call('POST', `/api/contests/${contestId}/judging/assignments/all`, admin);
  const template = await fetch(`${api.base}/api/contests/${contestId}/interactions/template.csv`, {
    headers: { authorization: `Bearer ${admin}` },
  }).then((r) => r.text());

  const created = await api.call('POST', '/api/contests', admin, {
    slug: 'soak-uploads',
    name: 'Hội thi thử tải',
  });
  const uploadContestId = created.body.id as string;
  const u = await api.call('POST', `/api/contests/${uploadContestId}/units`, admin, {
    name: 'UBND phường Thử tải',
    kind: 'phuong',
  });
  const teams: string[] = [];
  for (const n of [1, 2]) {
    const team = await api.call('POST', `/api/contests/${uploadContestId}/teams`, admin, {
      number: n,
      name: `Đội tải ${n}`,
      unitId: u.body.id,
    });
    const account = await api.call('POST', `/api/contests/${uploadContestId}/accounts`, admin, {
      username: `soak.doi${n}`,
      displayName: `Đội tải ${n}`,
      role: 'team',
      teamId: team.body.id,
    });
    teams.push(await api.login(`soak.doi${n}`, account.body.temporaryPassword as string));
  }
  for (const to of ['registration', 'submission'])
    await api.call('POST', `/api/contests/${uploadContestId}/transitions`, admin, { to });
  return {
    contestId,
    uploadContestId,
    entryIds,
    judges,
    teams,
    template: template.replace(/^\uFEFF/, ''),
  };
}

/** Drafts with idempotency keys across the judge's entries; every 8th save is submitted. */
async function judgeLoop(
  api: ApiClient,
  token: string,
  s: Setup,
  alive: () => boolean,
  timed: Timed,
) {
  const version = new Map<string, number>();
  const done = new Set<string>();
  for (let i = 0; alive() && done.size < s.entryIds.length; i++) {
    const entryId = s.entryIds[i % s.entryIds.length]!;
    if (done.has(entryId)) continue;
    const v = version.get(entryId);
    const res = await timed('scorecard save', () =>
      api.call(
        'PUT',
        `/api/contests/${s.contestId}/judging/entries/${entryId}/scorecard`,
        token,
        {
          scores: {
            novelty: 10 + (i % 5),
            usefulness: 12,
            practicality: 12.5,
            breakthrough: 11,
            quality: 8,
          },
          ...(v ? { version: v } : {}),
        },
        { 'idempotency-key': randomUUID() },
      ),
    );
    if (res.status !== 200) continue;
    version.set(entryId, res.body.version as number);
    if (i % 8 === 7) {
      const submitted = await timed('scorecard submit', () =>
        api.call(
          'POST',
          `/api/contests/${s.contestId}/judging/entries/${entryId}/scorecard/submit`,
          token,
          {
            version: res.body.version as number,
          },
        ),
      );
      if (submitted.status === 200) done.add(entryId);
    }
    await new Promise((r) => setTimeout(r, 50)); // a person does not tap faster than this
  }
}

/** 8 MiB videos in 1 MiB tus chunks, one after another. */
async function uploadLoop(
  api: ApiClient,
  token: string,
  contestId: string,
  alive: () => boolean,
  timed: Timed,
) {
  const size = 8 * MiB;
  const data = Buffer.alloc(size, 7);
  data.write('\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2', 0, 'latin1');
  const b64 = (v: string) => Buffer.from(v).toString('base64');
  for (let n = 0; alive(); n++) {
    const created = await timed('upload create', () =>
      api.call('POST', `/api/contests/${contestId}/uploads`, token, undefined, {
        'tus-resumable': '1.0.0',
        'upload-length': String(size),
        'upload-metadata': `kind ${b64('video')},filename ${b64(`soak-${n}.mp4`)}`,
      }),
    );
    if (created.status !== 201) return;
    let offset = 0;
    while (offset < size) {
      const chunk = data.subarray(offset, offset + MiB);
      const res = await timed('upload chunk', () =>
        fetch(`${api.base}/api/contests/${contestId}/uploads/${created.body.id as string}`, {
          method: 'PATCH',
          headers: {
            authorization: `Bearer ${token}`,
            'tus-resumable': '1.0.0',
            'upload-offset': String(offset),
            'content-type': 'application/offset+octet-stream',
          },
          body: new Uint8Array(chunk),
        }),
      );
      if (res.status !== 204) return;
      offset = Number(res.headers.get('upload-offset'));
    }
  }
}

/** The organiser imports fresh counts every 5 s (CSV through the preview-less commit). */
async function importLoop(
  api: ApiClient,
  admin: string,
  s: Setup,
  alive: () => boolean,
  timed: Timed,
) {
  const lines = s.template.trimEnd().split(/\r\n/);
  for (let i = 0; alive(); i++) {
    const body = [
      lines[0],
      ...lines.slice(1).map((l, k) => l.replace(/,,,$/, `,${100 + i + k},${i},0`)),
    ].join('\r\n');
    const form = new FormData();
    form.append('file', new Blob([body], { type: 'text/csv' }), `soak-${i}.csv`);
    form.append('takenAt', new Date(Date.UTC(2022, 7, 1, 0, i)).toISOString());
    await timed('import', () =>
      api.call('POST', `/api/contests/${s.contestId}/interactions/imports`, admin, form),
    );
    await new Promise((r) => setTimeout(r, 5000));
  }
}

function openViewer(
  agent: Agent,
  port: number,
  path: string,
  hooks: { onBoard: () => void; onError: () => void; register: (close: () => void) => void },
): Promise<void> {
  return new Promise((resolve, reject) => {
    let closing = false;
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          if (buffer.slice(0, end).includes('event: board')) hooks.onBoard();
          buffer = buffer.slice(end + 2);
        }
      });
      res.on('close', () => {
        if (!closing) hooks.onError();
      });
      resolve();
    });
    req.on('error', (error) => (closing ? undefined : reject(error)));
    hooks.register(() => {
      closing = true;
      req.destroy();
    });
    req.end();
  });
}

/** Least-squares slope of the second half of the samples, in MiB per minute. */
function trend(samples: number[]): number {
  const half = samples.slice(Math.floor(samples.length / 2));
  if (half.length < 2) return 0;
  const xs = half.map((_, i) => (i * SAMPLE_EVERY_MS) / 60_000);
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = half.reduce((a, b) => a + b, 0) / half.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (half[i]! - my);
    den += (x - mx) ** 2;
  });
  return den ? num / den : 0;
}

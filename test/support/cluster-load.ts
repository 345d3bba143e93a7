import { request } from 'node:http';
import type { Client } from 'pg';
import { hashPassword } from '../../src/auth/passwords';

export const CLUSTER_SLUG = 'nga-bay-2022';
export const JUDGE_PASSWORD = 'cluster-judge-password-1';

/**
 * The demo contest fast-forwarded to its final (SQL fixtures, as in bench/live-board.bench.ts),
 * every part revealed, with `judges` extra judges (no unit: no conflict of interest) who
 * each score the first finalist's presentation. Returns what the load needs.
 */
export async function prepareClusterFinal(sql: Client, judges: number) {
  const contestId = (await sql.query(`SELECT id FROM contests WHERE slug = $1`, [CLUSTER_SLUG]))
    .rows[0].id as string;
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
  const hash = await hashPassword(JUDGE_PASSWORD);
  const users = (
    await sql.query(
      `INSERT INTO users (username, display_name, password_hash)
       SELECT 'cluster.gk' || g, 'Giám khảo ' || g, $1 FROM generate_series(1, $2) g
       RETURNING id, username`,
      [hash, judges],
    )
  ).rows as { id: string; username: string }[];
  await sql.query(
    `INSERT INTO contest_members (contest_id, user_id, role) SELECT $1, unnest($2::uuid[]), 'judge'`,
    [contestId, users.map((u) => u.id)],
  );
  await sql.query(`UPDATE contests SET status = 'final' WHERE id = $1`, [contestId]);
  const keys = entryIds.flatMap((id) =>
    ['presentation', 'debate', 'questions'].map((p) => `${id}|${p}`),
  );
  await sql.query(
    `INSERT INTO final_states (contest_id, entry_order, pairing, revealed_parts, current_entry_id, current_part)
     VALUES ($1, $2, '[]', $3, $4, 'presentation')`,
    [contestId, JSON.stringify(entryIds), JSON.stringify(keys), entryIds[0]],
  );
  return { contestId, entryIds, usernames: users.map((u) => u.username) };
}

interface JsonAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** One JSON call; a dropped connection answers status 0 (the tablet would retry it). */
export async function callJson(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: object,
): Promise<JsonAnswer> {
  try {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: {} };
  }
}

/**
 * Signs the prepared accounts in one after the other (all share JUDGE_PASSWORD); their tokens
 * in the same order. A refused sign-in stops the set-up.
 */
export async function signInAll(base: string, usernames: readonly string[]): Promise<string[]> {
  const tokens: string[] = [];
  for (const username of usernames) {
    const res = await callJson(base, 'POST', '/api/auth/login', undefined, {
      username,
      password: JUDGE_PASSWORD,
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    tokens.push(res.body.accessToken as string);
  }
  return tokens;
}

const retryable = (status: number) => status === 0 || status >= 500;

/**
 * A judge's tablet: saves the points, then submits, retrying a dropped or failed request as
 * the tablet does. Resolves with the time from the first save to the acknowledged submit,
 * and the save latencies. "Acknowledged" = the server answered 200, or answered that the
 * card is already submitted (an earlier attempt that lost its answer committed).
 */
export async function judgeSavesAndSubmits(
  base: string,
  token: string,
  contestId: string,
  entryId: string,
  points: number,
): Promise<{ saveMs: number[]; attempts: number }> {
  const path = `/api/contests/${contestId}/final/entries/${entryId}/parts/presentation`;
  const saveMs: number[] = [];
  let version: number | undefined;
  let attempts = 0;
  for (;;) {
    if (++attempts > 40) throw new Error('judge gave up after 40 attempts');
    const started = performance.now();
    const saved = await callJson(base, 'PUT', path, token, { points, version });
    if (saved.status === 200) {
      saveMs.push(performance.now() - started);
      version = saved.body.version as number;
    } else if (saved.body.code === 'STALE_VERSION') {
      version = (saved.body.current as { version: number }).version; // our earlier save landed
      continue;
    } else if (saved.body.code !== 'SCORECARD_LOCKED') {
      if (!retryable(saved.status))
        throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    if (saved.body.code === 'SCORECARD_LOCKED') return { saveMs, attempts };
    const submitted = await callJson(base, 'POST', `${path}/submit`, token, { version });
    if (submitted.status === 200 || submitted.body.code === 'SCORECARD_LOCKED')
      return { saveMs, attempts };
    if (submitted.body.code === 'STALE_VERSION') {
      version = (submitted.body.current as { version: number }).version;
      continue;
    }
    if (!retryable(submitted.status))
      throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A live-board viewer that behaves like a browser's EventSource: when its stream ends or
 * breaks it reconnects after the server's `retry:` delay, through the balancer, sending
 * Last-Event-ID. Keeps the last board event's data (not parsed per event).
 */
export class ReconnectingViewer {
  boards = 0;
  reconnects = 0;
  lastId = '';
  lastData = '';
  private retryMs = 3000;
  /** every `retry:` hint the server sent */
  readonly retryHints: number[] = [];
  private closed = false;
  private destroy: () => void = () => undefined;
  private onBoard: (() => void)[] = [];

  constructor(
    private readonly port: number,
    private readonly path: string,
  ) {}

  /** Resolves once the stream has answered its headers, or failed to connect. */
  open(): Promise<void> {
    return new Promise((resolve) => {
      let buffer = '';
      let over = false;
      // however the stream ends (closed by the server, cut by a dying instance, refused):
      // once, come back after the retry delay
      const again = () => {
        resolve();
        if (over) return;
        over = true;
        if (this.closed) return;
        this.reconnects++;
        setTimeout(() => void this.open(), this.retryMs);
      };
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: this.path,
          headers: this.lastId ? { 'Last-Event-ID': this.lastId } : {},
        },
        (res) => {
          resolve();
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (res.statusCode !== 200) return;
            buffer += chunk;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              this.event(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          });
          res.on('error', again);
          res.on('close', again);
        },
      );
      req.on('error', again);
      this.destroy = () => req.destroy();
      req.end();
    });
  }

  /** Resolves when a board matching `check` has arrived. */
  async waitFor(check: (data: string) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.lastData)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`viewer: no matching board in ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.onBoard.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.closed = true;
    this.destroy();
  }

  private event(text: string) {
    let id = '';
    let data = '';
    let board = false;
    for (const line of text.split('\n')) {
      if (line.startsWith('retry: ')) {
        this.retryMs = Number(line.slice(7));
        this.retryHints.push(this.retryMs);
      } else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line === 'event: board') board = true;
      else if (line.startsWith('data: ')) data = line.slice(6);
    }
    if (!board) return;
    this.boards++;
    this.lastId = id;
    this.lastData = data;
    const waiting = this.onBoard;
    this.onBoard = [];
    for (const wake of waiting) wake();
  }
}

/** Judges who submitted the presentation of `entryId`, as a board shows it. */
export function judgesShown(data: string, entryId: string): number {
  if (!data) return -1;
  const board = JSON.parse(data) as {
    final: { parts: { entryId: string; partCode: string; judges: number }[] } | null;
  };
  return (
    board.final?.parts.find((p) => p.entryId === entryId && p.partCode === 'presentation')
      ?.judges ?? -1
  );
}

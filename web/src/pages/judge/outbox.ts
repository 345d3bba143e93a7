// The tablet's outbox: every score a judge enters is written to localStorage first, then sent
// to the server in order, whenever the connection allows. Nothing is lost on a dropped Wi-Fi
// or a reload, and nothing is applied twice:
//
// * Per card there is at most one request "in flight" (`inflight`): its body, its expected
//   version and its Idempotency-Key are frozen in storage *before* the first attempt. Until the
//   server answers, that exact request is what gets retried (after a timeout, a network error,
//   a reload), so a retry of a request whose answer was lost is replayed by the server from its
//   idempotency record instead of being applied again.
// * Changes made meanwhile (or while offline, when nothing is attempted) are merged into one
//   `pending` set per card, and sent as one save once the in-flight request is settled, with
//   the version that request returned. Ten taps offline become one save when the Wi-Fi returns.
// * A submit is queued behind the saves of its card, with its own stable key.
// * Final-round part scores use the same queue. Their endpoints take no Idempotency-Key, so a
//   replay is recognised by the version check instead: a retry after a lost answer gets
//   409 STALE_VERSION whose `current` already holds our points, and that counts as success.
import { ApiError, type FieldError, session } from '../../api';
import type { Hundredths } from './points';
import { toH } from './points';

export interface CardView {
  id: string | null;
  entryId: string;
  status: 'missing' | 'draft' | 'submitted';
  scores: Record<string, string>;
  total: string | null;
  version: number;
  submittedAt: string | null;
}

export interface PartView {
  entryId: string;
  partCode: string;
  points: string | null;
  status: 'missing' | 'draft' | 'submitted';
  version: number;
}

interface CardRecord {
  kind: 'card';
  id: string;
  contestId: string;
  entryId: string;
  seq: number;
  /** Changes not yet attempted, merged: criterion code → hundredths. */
  pending: Record<string, Hundredths> | null;
  /** The request attempted at least once; retried verbatim until the server answers. */
  inflight: { key: string; scores: Record<string, Hundredths>; version: number } | null;
  /** Submit requested; key and version are fixed on the first attempt. */
  submit: { key: string | null; version: number | null } | null;
}

interface PartRecord {
  kind: 'part';
  id: string;
  contestId: string;
  entryId: string;
  partCode: string;
  seq: number;
  pending: Hundredths | null;
  inflight: { points: Hundredths; version: number } | null;
  submit: { version: number | null } | null;
}

type OutboxRecord = CardRecord | PartRecord;

export interface Notice {
  message: string;
  at: number;
}

interface Box {
  seq: number;
  records: Record<string, OutboxRecord>;
  /** Last server view of each card / part, so a reload shows them even without a network. */
  cards: Record<string, CardView>;
  parts: Record<string, PartView>;
  /** Things the judge must read: a change the server refused for good, a merge, a lock. */
  notices: Record<string, Notice>;
}

export type SyncState = 'idle' | 'saving' | 'queued';

const DEBOUNCE_MS = 600;
const RETRY_MS = 4000;
const TIMEOUT_MS = 15000;

export const cardId = (contestId: string, entryId: string) => `c|${contestId}|${entryId}`;
export const partId = (contestId: string, entryId: string, partCode: string) =>
  `p|${contestId}|${entryId}|${partCode}`;

/** 128 random bits as hex (crypto.getRandomValues also works over plain http on a LAN). */
function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'gk-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const online = () => navigator.onLine !== false;

/** fetch with the bearer token and a timeout; same error shape as api.ts. */
async function send<T>(
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: {
        'Content-Type': 'application/json',
        ...(session.token ? { Authorization: `Bearer ${session.token}` } : {}),
        ...headers,
      },
      body: JSON.stringify(body),
      signal: ctrl.signal,
      cache: 'no-store',
    });
    text = await res.text();
  } catch {
    throw new ApiError(0, 'NETWORK', 'Mất kết nối mạng.');
  } finally {
    clearTimeout(timer);
  }
  let data: Record<string, unknown> | null = null;
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    data = { message: text };
  }
  if (!res.ok) {
    if (res.status === 401) session.set(null);
    throw new ApiError(
      res.status,
      String(data?.code ?? 'HTTP_' + res.status),
      String(data?.message ?? `Lỗi ${res.status}`),
      (data?.details as FieldError[] | undefined) ?? [],
      data ?? {},
    );
  }
  return data as T;
}

const numbers = (scores: Record<string, Hundredths>) =>
  Object.fromEntries(Object.entries(scores).map(([k, h]) => [k, h / 100]));

type Step = 'again' | 'next' | 'stop';

export class Outbox {
  /** The last attempt failed for lack of network (cleared by the next success). */
  failing = false;
  /** The server answered 401: the judge must sign in again (the queue is kept). */
  authLost = false;
  private readonly key: string;
  private readonly listeners = new Set<() => void>();
  private readonly changedAt = new Map<string, number>();
  private readonly sending = new Set<string>();
  private running = false;
  private rerun = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private memory: Box | null = null;
  private readonly interval: ReturnType<typeof setInterval>;
  private readonly onOnline = () => {
    this.failing = false;
    this.emit();
    void this.flush();
  };
  private readonly onOffline = () => this.emit();
  private readonly onStorage = (e: StorageEvent) => {
    if (e.key === this.key) this.emit();
  };

  constructor(readonly userId: string) {
    this.key = `cchc.judge.v1.${userId}`;
    addEventListener('online', this.onOnline);
    addEventListener('offline', this.onOffline);
    addEventListener('storage', this.onStorage);
    this.interval = setInterval(() => {
      if (this.hasWork() && online()) void this.flush();
    }, RETRY_MS);
    // Whatever a previous session left behind (a reload, a crash) goes out now.
    queueMicrotask(() => void this.flush());
  }

  destroy() {
    removeEventListener('online', this.onOnline);
    removeEventListener('offline', this.onOffline);
    removeEventListener('storage', this.onStorage);
    clearInterval(this.interval);
    if (this.timer) clearTimeout(this.timer);
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => void this.listeners.delete(fn);
  }

  private emit() {
    for (const fn of this.listeners) fn();
  }

  // ---- storage: always read fresh (another tab may have written), write at once -----------

  private load(): Box {
    if (this.memory) return JSON.parse(JSON.stringify(this.memory)) as Box;
    try {
      const raw = localStorage.getItem(this.key);
      if (raw) return JSON.parse(raw) as Box;
    } catch {
      // unreadable: start again (never throw from here)
    }
    return { seq: 0, records: {}, cards: {}, parts: {}, notices: {} };
  }

  private mutate(fn: (box: Box) => void) {
    const box = this.load();
    fn(box);
    try {
      localStorage.setItem(this.key, JSON.stringify(box));
      this.memory = null;
    } catch {
      // Storage full or refused (private mode): keep going in memory rather than lose the
      // score; `storageFailed` lets the screens say that a reload would lose it.
      this.memory = box;
    }
    this.emit();
  }

  /** The browser refused to store the queue: it survives only until the page is closed. */
  get storageFailed(): boolean {
    return this.memory !== null;
  }

  // ---- what the screens read ---------------------------------------------------------------

  hasWork(): boolean {
    return Object.keys(this.load().records).length > 0;
  }

  /** Number of cards / parts with something not yet confirmed by the server. */
  queued(contestId?: string): number {
    return Object.values(this.load().records).filter((r) => !contestId || r.contestId === contestId)
      .length;
  }

  state(id: string): SyncState {
    if (!this.load().records[id]) return 'idle';
    return !online() || this.failing ? 'queued' : 'saving';
  }

  isSending(id: string): boolean {
    return this.sending.has(id);
  }

  notice(id: string): Notice | null {
    return this.load().notices[id] ?? null;
  }

  dismiss(id: string) {
    this.mutate((b) => void delete b.notices[id]);
  }

  card(contestId: string, entryId: string) {
    const id = cardId(contestId, entryId);
    const box = this.load();
    const view = box.cards[id] ?? null;
    const r = box.records[id];
    const record = r?.kind === 'card' ? r : null;
    const value = (code: string): Hundredths | null =>
      record?.pending?.[code] ?? record?.inflight?.scores[code] ?? toH(view?.scores[code]);
    return {
      id,
      view,
      value,
      /** The judge's changes not yet confirmed (for the list's "đang chấm"). */
      dirty: !!(record?.pending || record?.inflight),
      submitQueued: !!record?.submit,
    };
  }

  part(contestId: string, entryId: string, partCode: string) {
    const id = partId(contestId, entryId, partCode);
    const box = this.load();
    const view = box.parts[id] ?? null;
    const r = box.records[id];
    const record = r?.kind === 'part' ? r : null;
    return {
      id,
      view,
      value: record?.pending ?? record?.inflight?.points ?? toH(view?.points),
      dirty: !!record && (record.pending !== null || record.inflight !== null),
      submitQueued: !!record?.submit,
    };
  }

  /** Every part record or view of a contest (for "parts you have not submitted"). */
  partsOf(contestId: string): { entryId: string; partCode: string }[] {
    const box = this.load();
    const ids = new Set([...Object.keys(box.parts), ...Object.keys(box.records)]);
    return [...ids]
      .filter((id) => id.startsWith(`p|${contestId}|`))
      .map((id) => {
        const [, , entryId, partCode] = id.split('|');
        return { entryId: entryId!, partCode: partCode! };
      });
  }

  // ---- server views ------------------------------------------------------------------------

  /** A card as the server returned it; an older version never replaces a newer one. */
  setCardView(contestId: string, view: CardView) {
    this.mutate((b) => putCard(b, cardId(contestId, view.entryId), view));
  }

  // ---- the judge's changes -----------------------------------------------------------------

  setScore(contestId: string, entryId: string, code: string, h: Hundredths) {
    const id = cardId(contestId, entryId);
    this.mutate((b) => {
      const r = b.records[id];
      const rec: CardRecord =
        r?.kind === 'card'
          ? r
          : {
              kind: 'card',
              id,
              contestId,
              entryId,
              seq: ++b.seq,
              pending: null,
              inflight: null,
              submit: null,
            };
      rec.pending = { ...(rec.pending ?? {}), [code]: h };
      b.records[id] = rec;
    });
    this.touched(id);
  }

  submitCard(contestId: string, entryId: string) {
    const id = cardId(contestId, entryId);
    this.mutate((b) => {
      const r = b.records[id];
      if (r?.kind === 'card') r.submit ??= { key: null, version: null };
      else
        b.records[id] = {
          kind: 'card',
          id,
          contestId,
          entryId,
          seq: ++b.seq,
          pending: null,
          inflight: null,
          submit: { key: null, version: null },
        };
      delete b.notices[id];
    });
    void this.flush();
  }

  setPart(contestId: string, entryId: string, partCode: string, h: Hundredths) {
    const id = partId(contestId, entryId, partCode);
    this.mutate((b) => {
      const r = b.records[id];
      const rec: PartRecord =
        r?.kind === 'part'
          ? r
          : {
              kind: 'part',
              id,
              contestId,
              entryId,
              partCode,
              seq: ++b.seq,
              pending: null,
              inflight: null,
              submit: null,
            };
      rec.pending = h;
      b.records[id] = rec;
    });
    this.touched(id);
  }

  submitPart(contestId: string, entryId: string, partCode: string) {
    const id = partId(contestId, entryId, partCode);
    this.mutate((b) => {
      const r = b.records[id];
      if (r?.kind === 'part') r.submit ??= { version: null };
      else
        b.records[id] = {
          kind: 'part',
          id,
          contestId,
          entryId,
          partCode,
          seq: ++b.seq,
          pending: null,
          inflight: null,
          submit: { version: null },
        };
      delete b.notices[id];
    });
    void this.flush();
  }

  private touched(id: string) {
    this.changedAt.set(id, Date.now());
    this.mutate((b) => void delete b.notices[id]);
    this.schedule(DEBOUNCE_MS + 20);
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  // ---- sending -----------------------------------------------------------------------------

  /** Sends everything that can be sent now; one flush at a time (and one tab at a time). */
  async flush(): Promise<void> {
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.rerun = false;
        if (!online() || this.authLost) break;
        const locks = (navigator as Navigator & { locks?: LockManager }).locks;
        const blocked = locks
          ? await locks.request(`cchc-judge-sync-${this.userId}`, () => this.drain())
          : await this.drain();
        if (blocked) break;
      } while (this.rerun);
    } finally {
      this.running = false;
      this.emit();
    }
  }

  /** true when stopped by the network (or the session): no point going on now. */
  private async drain(): Promise<boolean> {
    const ids = Object.values(this.load().records)
      .sort((a, b) => a.seq - b.seq)
      .map((r) => r.id);
    for (const id of ids) {
      for (let guard = 0; guard < 20; guard++) {
        const r = this.load().records[id];
        if (!r) break;
        const step = r.kind === 'card' ? await this.stepCard(r) : await this.stepPart(r);
        if (step === 'stop') return true;
        if (step === 'next') break;
      }
    }
    return false;
  }

  /** Is a pending change still being typed? Then wait a little, so taps merge into one save. */
  private settling(id: string): boolean {
    const wait = DEBOUNCE_MS - (Date.now() - (this.changedAt.get(id) ?? 0));
    if (wait > 0) this.schedule(wait + 20);
    return wait > 0;
  }

  private async stepCard(r: CardRecord): Promise<Step> {
    const base = `/contests/${r.contestId}/judging/entries/${r.entryId}/scorecard`;
    if (r.inflight) {
      const op = r.inflight;
      const body = { scores: numbers(op.scores), ...(op.version ? { version: op.version } : {}) };
      let view: CardView;
      try {
        view = await this.attempt(r.id, () =>
          send<CardView>('PUT', base, body, { 'Idempotency-Key': op.key }),
        );
      } catch (error) {
        return this.cardFailed(r.id, error, op.scores);
      }
      this.mutate((b) => {
        putCard(b, r.id, view);
        const x = b.records[r.id];
        if (x?.kind === 'card' && x.inflight?.key === op.key) x.inflight = null;
        tidy(b, r.id);
      });
      return 'again';
    }
    if (r.pending) {
      if (this.settling(r.id)) return 'next';
      // Freeze the request (body, version, key) in storage before it leaves the tablet.
      this.mutate((b) => {
        const x = b.records[r.id];
        if (x?.kind !== 'card' || !x.pending || x.inflight) return;
        x.inflight = { key: newKey(), scores: x.pending, version: b.cards[r.id]?.version ?? 0 };
        x.pending = null;
      });
      return 'again';
    }
    if (r.submit) {
      if (!r.submit.key) {
        this.mutate((b) => {
          const x = b.records[r.id];
          if (x?.kind === 'card' && x.submit && !x.submit.key)
            x.submit = { key: newKey(), version: b.cards[r.id]?.version ?? 0 };
        });
        return 'again';
      }
      const op = r.submit as { key: string; version: number };
      let view: CardView;
      try {
        view = await this.attempt(r.id, () =>
          send<CardView>(
            'POST',
            `${base}/submit`,
            { version: op.version },
            { 'Idempotency-Key': op.key },
          ),
        );
      } catch (error) {
        return this.cardFailed(r.id, error, null);
      }
      this.mutate((b) => {
        putCard(b, r.id, view);
        delete b.records[r.id];
      });
      return 'next';
    }
    this.mutate((b) => void delete b.records[r.id]);
    return 'next';
  }

  private async stepPart(r: PartRecord): Promise<Step> {
    const base = `/contests/${r.contestId}/final/entries/${r.entryId}/parts/${encodeURIComponent(r.partCode)}`;
    if (r.inflight) {
      const op = r.inflight;
      let view: PartView;
      try {
        view = await this.attempt(r.id, () =>
          send<PartView>('PUT', base, {
            points: op.points / 100,
            ...(op.version ? { version: op.version } : {}),
          }),
        );
      } catch (error) {
        return this.partFailed(r.id, error, op.points);
      }
      this.mutate((b) => {
        putPart(b, r.id, view);
        const x = b.records[r.id];
        if (x?.kind === 'part' && x.inflight?.version === op.version) x.inflight = null;
        tidy(b, r.id);
      });
      return 'again';
    }
    if (r.pending !== null) {
      if (this.settling(r.id)) return 'next';
      this.mutate((b) => {
        const x = b.records[r.id];
        if (x?.kind !== 'part' || x.pending === null || x.inflight) return;
        x.inflight = { points: x.pending, version: b.parts[r.id]?.version ?? 0 };
        x.pending = null;
      });
      return 'again';
    }
    if (r.submit) {
      const version = r.submit.version ?? this.load().parts[r.id]?.version ?? 0;
      if (r.submit.version === null) {
        this.mutate((b) => {
          const x = b.records[r.id];
          if (x?.kind === 'part' && x.submit) x.submit.version = version;
        });
      }
      let view: PartView;
      try {
        view = await this.attempt(r.id, () =>
          send<PartView>('POST', `${base}/submit`, { version }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.code === 'SCORECARD_LOCKED') {
          // Our own submit whose answer was lost (the version check made it the only one).
          this.mutate((b) => {
            const cur = b.parts[r.id];
            if (cur) b.parts[r.id] = { ...cur, status: 'submitted' };
            delete b.records[r.id];
          });
          return 'next';
        }
        return this.partFailed(r.id, error, null);
      }
      this.mutate((b) => {
        putPart(b, r.id, view);
        delete b.records[r.id];
      });
      return 'next';
    }
    this.mutate((b) => void delete b.records[r.id]);
    return 'next';
  }

  private async attempt<T>(id: string, run: () => Promise<T>): Promise<T> {
    this.sending.add(id);
    this.emit();
    try {
      const result = await run();
      this.failing = false;
      return result;
    } finally {
      this.sending.delete(id);
    }
  }

  /** Network, server busy or session: keep everything and stop. Otherwise: true if handled. */
  private transient(error: unknown): Step | null {
    const e = error instanceof ApiError ? error : null;
    if (!e || e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429) {
      this.failing = true;
      this.emit();
      return 'stop';
    }
    if (e.status === 401) {
      this.authLost = true;
      this.emit();
      return 'stop';
    }
    return null;
  }

  private cardFailed(id: string, error: unknown, saving: Record<string, Hundredths> | null): Step {
    const transient = this.transient(error);
    if (transient) return transient;
    const e = error as ApiError;
    const current = e.body.current as CardView | undefined;
    if (e.code === 'STALE_VERSION' && current && current.status !== 'submitted') {
      // Another tablet saved this card meanwhile: keep the judge's own values on top of it.
      this.mutate((b) => {
        putCard(b, id, current, true);
        const x = b.records[id];
        if (x?.kind !== 'card') return;
        if (saving) {
          x.pending = { ...saving, ...(x.pending ?? {}) };
          x.inflight = null;
          b.notices[id] = {
            message:
              'Phiếu chấm vừa được lưu từ một thiết bị khác; điểm bạn vừa nhập đã được gộp và lưu lại.',
            at: Date.now(),
          };
        } else {
          x.submit = null;
          b.notices[id] = {
            message:
              'Phiếu chấm vừa thay đổi trên một thiết bị khác nên chưa được nộp. Hãy kiểm tra điểm rồi nộp lại.',
            at: Date.now(),
          };
          tidy(b, id);
        }
      });
      return 'again';
    }
    // Refused for good (locked, round closed, not assigned, invalid): tell the judge, drop it.
    this.mutate((b) => {
      if (current) putCard(b, id, current, true);
      const cur = b.cards[id];
      if ((e.code === 'SCORECARD_LOCKED' || current?.status === 'submitted') && cur)
        b.cards[id] = { ...cur, status: 'submitted' };
      delete b.records[id];
      b.notices[id] = { message: e.message, at: Date.now() };
    });
    return 'next';
  }

  private partFailed(id: string, error: unknown, saving: Hundredths | null): Step {
    const transient = this.transient(error);
    if (transient) return transient;
    const e = error as ApiError;
    const current = e.body.current as PartView | undefined;
    if (e.code === 'STALE_VERSION' && current && current.status !== 'submitted') {
      this.mutate((b) => {
        putPart(b, id, current, true);
        const x = b.records[id];
        if (x?.kind !== 'part') return;
        if (saving !== null) {
          x.inflight = null;
          // Our earlier attempt did reach the server (its answer was lost): nothing to redo.
          if (toH(current.points) !== saving) x.pending ??= saving;
        } else {
          x.submit = null;
          b.notices[id] = {
            message: 'Điểm phần thi vừa thay đổi trên thiết bị khác. Hãy kiểm tra rồi nộp lại.',
            at: Date.now(),
          };
        }
        tidy(b, id);
      });
      return 'again';
    }
    this.mutate((b) => {
      const cur = b.parts[id];
      if (e.code === 'SCORECARD_LOCKED' && cur) b.parts[id] = { ...cur, status: 'submitted' };
      delete b.records[id];
      b.notices[id] = { message: e.message, at: Date.now() };
    });
    return 'next';
  }
}

function putCard(b: Box, id: string, view: CardView, force = false) {
  const old = b.cards[id];
  if (!force && old && old.version > view.version) return;
  b.cards[id] = {
    id: view.id,
    entryId: view.entryId,
    status: view.status,
    scores: view.scores,
    total: view.total,
    version: view.version,
    submittedAt: view.submittedAt,
  };
}

function putPart(b: Box, id: string, view: PartView, force = false) {
  const old = b.parts[id];
  if (!force && old && old.version > view.version) return;
  b.parts[id] = {
    entryId: view.entryId,
    partCode: view.partCode,
    points: view.points,
    status: view.status,
    version: view.version,
  };
}

/** A record with nothing left to do is removed. */
function tidy(b: Box, id: string) {
  const r = b.records[id];
  if (!r) return;
  const empty =
    r.kind === 'card'
      ? !r.pending && !r.inflight && !r.submit
      : r.pending === null && !r.inflight && !r.submit;
  if (empty) delete b.records[id];
}

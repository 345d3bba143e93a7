// Sending the queue, one record at a time, in the order the judge made the changes. Each
// step does one thing (freeze a request, send it, or settle the server's answer) and says
// what comes next: the same record again, the next record, or stop (no network, no session).
import { ApiError, type FieldError, session } from '../../../api';
import { type Hundredths, toH } from '../points';
import {
  type CardRecord,
  type CardView,
  newKey,
  type PartRecord,
  type PartView,
  putCard,
  putPart,
  type QueueStore,
  tidy,
} from './queue-storage';

const TIMEOUT_MS = 15000;

export type Step = 'again' | 'next' | 'stop';

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

/** The user the tablet's session belongs to (its token's `sub`); null when none or unreadable. */
function sessionUser(): string | null {
  const payload = session.token?.split('.')[1];
  if (!payload) return null;
  try {
    const { sub } = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      sub?: unknown;
    };
    return typeof sub === 'string' ? sub : null;
  } catch {
    return null;
  }
}

const numbers = (scores: Record<string, Hundredths>) =>
  Object.fromEntries(Object.entries(scores).map(([k, h]) => [k, h / 100]));

/** The outbox's side of a step: re-render, and whether a change is still being typed. */
export interface SenderHost {
  emit(): void;
  /** True (and a later flush scheduled) while the judge is still tapping this card. */
  settling(id: string): boolean;
}

export class Sender {
  /** The last attempt failed for lack of network (cleared by the next success). */
  failing = false;
  /** The server answered 401: the judge must sign in again (the queue is kept). */
  authLost = false;
  /** Records with a request on the wire now. */
  readonly sending = new Set<string>();

  constructor(
    private readonly store: QueueStore,
    private readonly host: SenderHost,
    /** whose outbox this is: its changes go out only under this user's session */
    private readonly userId: string,
  ) {}

  step(r: CardRecord | PartRecord): Promise<Step> {
    return r.kind === 'card' ? this.stepCard(r) : this.stepPart(r);
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
      this.store.mutate((b) => {
        putCard(b, r.id, view);
        const x = b.records[r.id];
        if (x?.kind === 'card' && x.inflight?.key === op.key) x.inflight = null;
        tidy(b, r.id);
      });
      return 'again';
    }
    if (r.pending) {
      if (this.host.settling(r.id)) return 'next';
      // Freeze the request (body, version, key) in storage before it leaves the tablet.
      this.store.mutate((b) => {
        const x = b.records[r.id];
        if (x?.kind !== 'card' || !x.pending || x.inflight) return;
        x.inflight = { key: newKey(), scores: x.pending, version: b.cards[r.id]?.version ?? 0 };
        x.pending = null;
      });
      return 'again';
    }
    if (r.submit) {
      if (!r.submit.key) {
        this.store.mutate((b) => {
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
      this.store.mutate((b) => {
        putCard(b, r.id, view);
        delete b.records[r.id];
      });
      return 'next';
    }
    this.store.mutate((b) => void delete b.records[r.id]);
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
      this.store.mutate((b) => {
        putPart(b, r.id, view);
        const x = b.records[r.id];
        if (x?.kind === 'part' && x.inflight?.version === op.version) x.inflight = null;
        tidy(b, r.id);
      });
      return 'again';
    }
    if (r.pending !== null) {
      if (this.host.settling(r.id)) return 'next';
      this.store.mutate((b) => {
        const x = b.records[r.id];
        if (x?.kind !== 'part' || x.pending === null || x.inflight) return;
        x.inflight = { points: x.pending, version: b.parts[r.id]?.version ?? 0 };
        x.pending = null;
      });
      return 'again';
    }
    if (r.submit) {
      const version = r.submit.version ?? this.store.load().parts[r.id]?.version ?? 0;
      if (r.submit.version === null) {
        this.store.mutate((b) => {
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
          // Our own submit whose answer was lost, or another tablet of this judge submitted
          // first: the server's answer carries the stored part, which is what counts.
          const current = error.body.current as PartView | undefined;
          this.store.mutate((b) => {
            if (current) putPart(b, r.id, current, true);
            const cur = b.parts[r.id];
            if (cur) b.parts[r.id] = { ...cur, status: 'submitted' };
            delete b.records[r.id];
          });
          return 'next';
        }
        return this.partFailed(r.id, error, null);
      }
      this.store.mutate((b) => {
        putPart(b, r.id, view);
        delete b.records[r.id];
      });
      return 'next';
    }
    this.store.mutate((b) => void delete b.records[r.id]);
    return 'next';
  }

  private async attempt<T>(id: string, run: () => Promise<T>): Promise<T> {
    // The session is shared by the tabs: another judge may have signed in on this tablet in
    // another tab. Nothing goes out under their name; the queue waits for its judge's session.
    if (sessionUser() !== this.userId)
      throw new ApiError(0, 'OTHER_SESSION', 'Phiên đăng nhập trên máy là của người khác.');
    this.sending.add(id);
    this.host.emit();
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
      this.host.emit();
      return 'stop';
    }
    if (e.status === 401) {
      this.authLost = true;
      this.host.emit();
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
      this.store.mutate((b) => {
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
    this.store.mutate((b) => {
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
      this.store.mutate((b) => {
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
    this.store.mutate((b) => {
      if (current) putPart(b, id, current, true);
      const cur = b.parts[id];
      if (e.code === 'SCORECARD_LOCKED' && cur) b.parts[id] = { ...cur, status: 'submitted' };
      delete b.records[id];
      b.notices[id] = { message: e.message, at: Date.now() };
    });
    return 'next';
  }
}

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
//
// The parts: sync/queue-storage.ts (the stored queue), sync/sender.ts (one step of sending,
// and what a refusal means), sync/status.ts (what the screens read). This class ties them to
// the browser: timers, the online / offline / storage events, and one flush at a time.
import type { Hundredths } from './points';
import {
  type Box,
  cardId,
  cardRecord,
  type CardView,
  type Notice,
  partId,
  partRecord,
  type PartView,
  putCard,
  QueueStore,
} from './sync/queue-storage';
import { Sender } from './sync/sender';
import {
  cardStatus,
  partStatus,
  partsOf,
  queuedCount,
  type SyncState,
  syncState,
} from './sync/status';

export type { CardView, Notice, PartView, SyncState };
export { cardId, partId };

const DEBOUNCE_MS = 600;
const RETRY_MS = 4000;

const online = () => navigator.onLine !== false;

export class Outbox {
  private readonly store: QueueStore;
  private readonly sender: Sender;
  private readonly listeners = new Set<() => void>();
  private readonly changedAt = new Map<string, number>();
  private running = false;
  private rerun = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly interval: ReturnType<typeof setInterval>;
  private readonly onOnline = () => {
    this.sender.failing = false;
    this.emit();
    void this.flush();
  };
  private readonly onOffline = () => this.emit();
  private readonly onStorage = (e: StorageEvent) => {
    if (e.key === this.store.key) this.emit();
  };

  constructor(readonly userId: string) {
    this.store = new QueueStore(`cchc.judge.v1.${userId}`, () => this.emit());
    this.sender = new Sender(
      this.store,
      {
        emit: () => this.emit(),
        settling: (id) => this.settling(id),
      },
      userId,
    );
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

  private get box(): Box {
    return this.store.load();
  }

  // ---- what the screens read ---------------------------------------------------------------

  /** The last attempt failed for lack of network (cleared by the next success). */
  get failing(): boolean {
    return this.sender.failing;
  }

  /** The server answered 401: the judge must sign in again (the queue is kept). */
  get authLost(): boolean {
    return this.sender.authLost;
  }

  /** The browser refused to store the queue: it survives only until the page is closed. */
  get storageFailed(): boolean {
    return this.store.storageFailed;
  }

  hasWork(): boolean {
    return Object.keys(this.box.records).length > 0;
  }

  /** Number of cards / parts with something not yet confirmed by the server. */
  queued(contestId?: string): number {
    return queuedCount(this.box, contestId);
  }

  state(id: string): SyncState {
    return syncState(this.box, id, !online() || this.sender.failing);
  }

  isSending(id: string): boolean {
    return this.sender.sending.has(id);
  }

  notice(id: string): Notice | null {
    return this.box.notices[id] ?? null;
  }

  dismiss(id: string) {
    this.store.mutate((b) => void delete b.notices[id]);
  }

  card(contestId: string, entryId: string) {
    return cardStatus(this.box, contestId, entryId);
  }

  part(contestId: string, entryId: string, partCode: string) {
    return partStatus(this.box, contestId, entryId, partCode);
  }

  /** Every part record or view of a contest (for "parts you have not submitted"). */
  partsOf(contestId: string): { entryId: string; partCode: string }[] {
    return partsOf(this.box, contestId);
  }

  // ---- server views ------------------------------------------------------------------------

  /**
   * A card as the server returned it; an older version never replaces a newer one. Another
   * judge's card (read under their session, signed in on this tablet in another tab) is not
   * this judge's: its scores and version would be taken for theirs.
   */
  setCardView(contestId: string, view: CardView) {
    if (view.judgeId !== undefined && view.judgeId !== this.userId) return;
    this.store.mutate((b) => putCard(b, cardId(contestId, view.entryId), view));
  }

  // ---- the judge's changes -----------------------------------------------------------------

  setScore(contestId: string, entryId: string, code: string, h: Hundredths) {
    this.store.mutate((b) => {
      const rec = cardRecord(b, contestId, entryId);
      rec.pending = { ...(rec.pending ?? {}), [code]: h };
    });
    this.touched(cardId(contestId, entryId));
  }

  submitCard(contestId: string, entryId: string) {
    this.store.mutate((b) => {
      cardRecord(b, contestId, entryId).submit ??= { key: null, version: null };
      delete b.notices[cardId(contestId, entryId)];
    });
    void this.flush();
  }

  setPart(contestId: string, entryId: string, partCode: string, h: Hundredths) {
    this.store.mutate((b) => {
      partRecord(b, contestId, entryId, partCode).pending = h;
    });
    this.touched(partId(contestId, entryId, partCode));
  }

  submitPart(contestId: string, entryId: string, partCode: string) {
    this.store.mutate((b) => {
      partRecord(b, contestId, entryId, partCode).submit ??= { version: null };
      delete b.notices[partId(contestId, entryId, partCode)];
    });
    void this.flush();
  }

  private touched(id: string) {
    this.changedAt.set(id, Date.now());
    this.store.mutate((b) => void delete b.notices[id]);
    this.schedule(DEBOUNCE_MS + 20);
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** Is a pending change still being typed? Then wait a little, so taps merge into one save. */
  private settling(id: string): boolean {
    const wait = DEBOUNCE_MS - (Date.now() - (this.changedAt.get(id) ?? 0));
    if (wait > 0) this.schedule(wait + 20);
    return wait > 0;
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
        if (!online() || this.sender.authLost) break;
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
    const ids = Object.values(this.box.records)
      .sort((a, b) => a.seq - b.seq)
      .map((r) => r.id);
    for (const id of ids) {
      for (let guard = 0; guard < 20; guard++) {
        const r = this.box.records[id];
        if (!r) break;
        const step = await this.sender.step(r);
        if (step === 'stop') return true;
        if (step === 'next') break;
      }
    }
    return false;
  }
}

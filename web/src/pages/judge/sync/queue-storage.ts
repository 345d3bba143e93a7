// The outbox's storage: one JSON document per judge in localStorage, holding the queued
// changes (records), the server's last view of each card and part, and the notices the judge
// must read. It is read fresh before every step (another tab may have written) and written
// at once after every change, so a reload or a crash loses nothing.
import type { Hundredths } from '../points';

/** A preliminary scorecard as the server returns it. */
export interface CardView {
  id: string | null;
  entryId: string;
  /** whose card it is (the server always says) */
  judgeId?: string;
  status: 'missing' | 'draft' | 'submitted';
  scores: Record<string, string>;
  total: string | null;
  version: number;
  submittedAt: string | null;
}

/** One final-round part score as the server returns it. */
export interface PartView {
  entryId: string;
  partCode: string;
  points: string | null;
  status: 'missing' | 'draft' | 'submitted';
  version: number;
}

export interface CardRecord {
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

export interface PartRecord {
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

export type OutboxRecord = CardRecord | PartRecord;

export interface Notice {
  message: string;
  at: number;
}

export interface Box {
  seq: number;
  records: Record<string, OutboxRecord>;
  /** Last server view of each card / part, so a reload shows them even without a network. */
  cards: Record<string, CardView>;
  parts: Record<string, PartView>;
  /** Things the judge must read: a change the server refused for good, a merge, a lock. */
  notices: Record<string, Notice>;
}

export const cardId = (contestId: string, entryId: string) => `c|${contestId}|${entryId}`;
export const partId = (contestId: string, entryId: string, partCode: string) =>
  `p|${contestId}|${entryId}|${partCode}`;

/** 128 random bits as hex (crypto.getRandomValues also works over plain http on a LAN). */
export function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return 'gk-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The stored document of one judge; `onChange` runs after every write. */
export class QueueStore {
  /** Set when the browser refused to store: the queue then lives in memory only. */
  private memory: Box | null = null;

  constructor(
    readonly key: string,
    private readonly onChange: () => void,
  ) {}

  load(): Box {
    if (this.memory) return JSON.parse(JSON.stringify(this.memory)) as Box;
    try {
      const raw = localStorage.getItem(this.key);
      if (raw) return JSON.parse(raw) as Box;
    } catch {
      // unreadable: start again (never throw from here)
    }
    return { seq: 0, records: {}, cards: {}, parts: {}, notices: {} };
  }

  mutate(fn: (box: Box) => void) {
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
    this.onChange();
  }

  /** The browser refused to store the queue: it survives only until the page is closed. */
  get storageFailed(): boolean {
    return this.memory !== null;
  }
}

/** The card's record, created empty (queued last) when there is none. */
export function cardRecord(b: Box, contestId: string, entryId: string): CardRecord {
  const id = cardId(contestId, entryId);
  const r = b.records[id];
  if (r?.kind === 'card') return r;
  const rec: CardRecord = {
    kind: 'card',
    id,
    contestId,
    entryId,
    seq: ++b.seq,
    pending: null,
    inflight: null,
    submit: null,
  };
  b.records[id] = rec;
  return rec;
}

/** The part's record, created empty (queued last) when there is none. */
export function partRecord(
  b: Box,
  contestId: string,
  entryId: string,
  partCode: string,
): PartRecord {
  const id = partId(contestId, entryId, partCode);
  const r = b.records[id];
  if (r?.kind === 'part') return r;
  const rec: PartRecord = {
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
  b.records[id] = rec;
  return rec;
}

/** A card as the server returned it; an older version never replaces a newer one. */
export function putCard(b: Box, id: string, view: CardView, force = false) {
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

export function putPart(b: Box, id: string, view: PartView, force = false) {
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
export function tidy(b: Box, id: string) {
  const r = b.records[id];
  if (!r) return;
  const empty =
    r.kind === 'card'
      ? !r.pending && !r.inflight && !r.submit
      : r.pending === null && !r.inflight && !r.submit;
  if (empty) delete b.records[id];
}

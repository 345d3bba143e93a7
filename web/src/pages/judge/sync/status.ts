// What the judge's screens read from the outbox: a card's or a part's value (the judge's
// own unsent change first, then the server's), whether it is saved, queued or being sent,
// and how many cards still wait for the network.
import { type Hundredths, toH } from '../points';
import { type Box, cardId, partId } from './queue-storage';

/** Đã lưu (idle) / Đang lưu… (saving) / Chưa gửi được… (queued: offline or failing). */
export type SyncState = 'idle' | 'saving' | 'queued';

export function syncState(box: Box, id: string, offline: boolean): SyncState {
  if (!box.records[id]) return 'idle';
  return offline ? 'queued' : 'saving';
}

/** Number of cards / parts with something not yet confirmed by the server. */
export function queuedCount(box: Box, contestId?: string): number {
  return Object.values(box.records).filter((r) => !contestId || r.contestId === contestId).length;
}

export function cardStatus(box: Box, contestId: string, entryId: string) {
  const id = cardId(contestId, entryId);
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

export function partStatus(box: Box, contestId: string, entryId: string, partCode: string) {
  const id = partId(contestId, entryId, partCode);
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
export function partsOf(box: Box, contestId: string): { entryId: string; partCode: string }[] {
  const ids = new Set([...Object.keys(box.parts), ...Object.keys(box.records)]);
  return [...ids]
    .filter((id) => id.startsWith(`p|${contestId}|`))
    .map((id) => {
      const [, , entryId, partCode] = id.split('|');
      return { entryId: entryId!, partCode: partCode! };
    });
}

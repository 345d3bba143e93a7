import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { DomainError } from '../common/domain-error';
import { SETTINGS, Settings } from '../config/settings';
import { BoardSnapshotService } from './board-snapshot.service';

/**
 * Unsent bytes a viewer may hold before it is disconnected. Each board is the whole state, so
 * a viewer that stopped reading (a dead line, or connections held open on purpose) loses
 * nothing by reconnecting with Last-Event-ID; buffering every later board for it would let a
 * few such viewers fill the server's memory during a long final.
 */
const MAX_VIEWER_BACKLOG_BYTES = 1_000_000;

/** One contest's board on this instance: its viewers and the last snapshot sent to them. */
interface Board {
  viewers: Set<ServerResponse>;
  /** the SSE event of the current snapshot; null: unknown or stale, rebuild before use */
  event: string | null;
  id: string | null;
  building: Promise<void> | null;
  /** a change arrived while building: build again afterwards */
  dirty: boolean;
  timer: NodeJS.Timeout | null;
  lastBuiltAt: number;
}

/**
 * Server-sent events for the live board. Each instance keeps, per contest, the current
 * snapshot as one preformatted event and writes the same bytes to every viewer: a thousand
 * viewers cost a thousand socket writes, not a thousand database reads. Changes arrive from
 * PostgreSQL (NOTIFY, see pg-listener.ts) and are coalesced: at most one rebuild per contest
 * per LIVE_BOARD_MIN_INTERVAL_MS, however many scores are submitted.
 *
 * Event ids are a hash of the snapshot, the same on every instance: a viewer reconnecting
 * with Last-Event-ID (to any instance) gets the snapshot only if it changed meanwhile.
 */
@Injectable()
export class LiveBoardHub implements OnModuleDestroy {
  private readonly log = new Logger('LiveBoard');
  private readonly boards = new Map<string, Board>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly minIntervalMs: number;

  constructor(
    private readonly snapshots: BoardSnapshotService,
    @Inject(SETTINGS) settings: Settings,
  ) {
    this.minIntervalMs = settings.config.LIVE_BOARD_MIN_INTERVAL_MS;
    // A comment line keeps idle connections open through proxies and lets us notice
    // viewers that went away.
    this.heartbeat = setInterval(
      () => this.writeAll(': hb\n\n'),
      settings.config.LIVE_BOARD_HEARTBEAT_SECONDS * 1000,
    );
    this.heartbeat.unref();
  }

  /** Adds a viewer: headers, the reconnection delay, then the snapshot unless it has it. */
  async subscribe(contestId: string, res: ServerResponse, lastEventId: string | undefined) {
    const board = this.board(contestId);
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no', // nginx: do not buffer the stream
    });
    res.write('retry: 3000\n\n');
    board.viewers.add(res);
    res.on('close', () => this.unsubscribe(contestId, res));
    if (board.event === null) await this.rebuild(contestId);
    if (board.event !== null && board.id !== lastEventId) send(res, board.event);
  }

  /** A change was committed somewhere: rebuild soon (coalesced), or forget the cache. */
  invalidate(contestId: string) {
    const board = this.boards.get(contestId);
    if (!board) return;
    if (!board.viewers.size) {
      this.boards.delete(contestId);
      return;
    }
    this.schedule(contestId, board);
  }

  /** Notifications may have been missed (listener reconnected): refresh every board. */
  invalidateAll() {
    for (const contestId of [...this.boards.keys()]) this.invalidate(contestId);
  }

  /** Current snapshot as JSON text (for the plain GET), built if needed; 503 if it cannot be. */
  async current(contestId: string): Promise<string> {
    const board = this.board(contestId);
    if (board.event === null) await this.rebuild(contestId);
    if (board.event === null)
      throw new DomainError(
        'unavailable',
        'BOARD_UNAVAILABLE',
        'Bảng điểm trực tiếp tạm thời chưa tải được, vui lòng thử lại sau ít giây.',
      );
    return eventData(board.event);
  }

  viewerCount(): number {
    let n = 0;
    for (const b of this.boards.values()) n += b.viewers.size;
    return n;
  }

  onModuleDestroy() {
    this.disconnectAll();
  }

  /**
   * Ends every stream, telling each viewer to come back in `retryMs` (the `retry:` field):
   * at shutdown, so viewers reconnect through the balancer to another instance, with their
   * Last-Event-ID, instead of waiting for a dead socket. Returns how many were closed.
   */
  disconnectAll(retryMs = 1000): number {
    clearInterval(this.heartbeat);
    let closed = 0;
    for (const board of this.boards.values()) {
      if (board.timer) clearTimeout(board.timer);
      for (const res of board.viewers) {
        if (!res.writableEnded) res.end(`retry: ${retryMs}\n\n`);
        closed++;
      }
    }
    this.boards.clear();
    return closed;
  }

  private board(contestId: string): Board {
    let board = this.boards.get(contestId);
    if (!board) {
      board = {
        viewers: new Set(),
        event: null,
        id: null,
        building: null,
        dirty: false,
        timer: null,
        lastBuiltAt: 0,
      };
      this.boards.set(contestId, board);
    }
    return board;
  }

  private unsubscribe(contestId: string, res: ServerResponse) {
    const board = this.boards.get(contestId);
    if (!board) return;
    board.viewers.delete(res);
    if (!board.viewers.size && !board.building) {
      if (board.timer) clearTimeout(board.timer);
      this.boards.delete(contestId);
    }
  }

  private schedule(contestId: string, board: Board) {
    if (board.timer) return; // already coming: this change rides along
    const wait = Math.max(0, board.lastBuiltAt + this.minIntervalMs - Date.now());
    board.timer = setTimeout(() => {
      board.timer = null;
      void this.rebuild(contestId);
    }, wait);
  }

  /** Builds the snapshot once (concurrent callers share the build) and sends it if changed. */
  private async rebuild(contestId: string): Promise<void> {
    const board = this.board(contestId);
    if (board.building) {
      board.dirty = true;
      return board.building;
    }
    board.building = (async () => {
      try {
        const snapshot = await this.snapshots.build(contestId);
        const json = JSON.stringify(snapshot);
        const id = createHash('sha256').update(json).digest('hex').slice(0, 20);
        if (id !== board.id) {
          board.id = id;
          // serverTime lets viewers correct their clock for the timer; not part of the id
          const data = JSON.stringify({ ...snapshot, serverTime: new Date().toISOString() });
          board.event = `id: ${id}\nevent: board\ndata: ${data}\n\n`;
          for (const res of board.viewers) send(res, board.event);
        }
      } catch (error) {
        // Keep the last good board: viewers already show it, and a new viewer is better
        // served by it than by nothing. The next change or reconnection rebuilds it.
        this.log.error(`live board ${contestId}: ${(error as Error).message}`);
      } finally {
        board.lastBuiltAt = Date.now();
        board.building = null;
        if (board.dirty) {
          board.dirty = false;
          this.schedule(contestId, board);
        }
      }
    })();
    return board.building;
  }

  private writeAll(chunk: string) {
    for (const board of this.boards.values()) for (const res of board.viewers) send(res, chunk);
  }
}

/** Writes to a viewer, or disconnects it when it has stopped reading (see the bound above). */
function send(res: ServerResponse, chunk: string) {
  if (res.writableEnded || res.destroyed) return;
  if (res.writableLength > MAX_VIEWER_BACKLOG_BYTES) res.destroy();
  else res.write(chunk);
}

function eventData(event: string): string {
  const line = event.split('\n').find((l) => l.startsWith('data: '));
  return line ? line.slice('data: '.length) : 'null';
}

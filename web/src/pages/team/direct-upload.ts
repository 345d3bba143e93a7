/**
 * Direct uploads for the team portal when the server stores files in an S3-compatible bucket
 * (GET /api/storage says `s3`): the file goes in parts straight to the bucket through
 * presigned URLs the API hands out a few at a time; the API records each stored part, so after
 * a reload, a pause or a lost connection only the missing parts are sent. Same view and
 * buttons as the tus upload (UploadProgress): progress, speed, pause, retry, resume.
 */
import { ApiError, api, get, post } from '../../api';
import type { UploadKind } from './model';
import { RETRY_DELAYS, UploadController } from './upload-job';
import { problemOfAnswer } from './upload-problems';

/** Parts sent at once: enough to fill a line, few enough to keep a slow one responsive. */
const PARALLEL = 4;

interface DirectState {
  id: string;
  status: string;
  size: number;
  partSize: number;
  partCount: number;
  parts: { partNumber: number; size: number }[];
  received: number;
  verifying: boolean;
  failureCode: string | null;
}

const memoryKey = (userId: string, contestId: string, kind: UploadKind, file: File) =>
  `cchc.direct|${userId}|${contestId}|${kind}|${[encodeURIComponent(file.name), file.size, file.lastModified].join('|')}`;

/** A part PUT that failed with an HTTP answer (the bucket's) rather than no answer. */
class PartError extends Error {
  constructor(readonly status: number) {
    super(`part upload answered ${status}`);
  }
}

export class DirectTeamUpload extends UploadController {
  private state: DirectState | null = null;
  private run = 0;
  private requests = new Set<XMLHttpRequest>();
  private inFlight = new Map<number, number>();
  private urls = new Map<number, { url: string; until: number }>();
  private urlRequests = new Map<number, Promise<void>>();

  private get memory() {
    return memoryKey(this.options.userId, this.options.contestId, this.options.kind, this.file);
  }

  private get base() {
    return `/contests/${this.options.contestId}/direct-uploads`;
  }

  /** An unfinished upload of the same file in this browser: offered to continue. */
  async begin(): Promise<void> {
    this.emit({ phase: 'checking' }, true);
    const id = localStorage.getItem(this.memory);
    if (id) {
      const state = await get<DirectState>(`${this.base}/${id}`).catch(() => null);
      if (state && state.status === 'pending' && state.verifying && state.size === this.file.size) {
        // every part was sent before the reload: wait for the server's check, send nothing again
        this.state = state;
        void this.go();
        return;
      }
      if (
        state &&
        state.status === 'pending' &&
        !state.verifying &&
        state.size === this.file.size
      ) {
        this.state = state;
        this.emit(
          {
            phase: 'offer-resume',
            sent: state.received,
            previous: { offset: state.received, size: state.size, createdAt: null },
          },
          true,
        );
        return;
      }
      localStorage.removeItem(this.memory);
    }
    void this.go();
  }

  resume() {
    void this.go();
  }

  async restart() {
    const old = this.state;
    this.state = null;
    localStorage.removeItem(this.memory);
    if (old) await api('DELETE', `${this.base}/${old.id}`).catch(() => undefined);
    this.emit({ sent: 0 }, true);
    void this.go();
  }

  pause() {
    this.halt();
    this.showPaused();
  }

  proceed() {
    this.halt();
    void this.go();
  }

  async cancel() {
    this.stopped = true;
    this.halt();
    this.stopListening();
    localStorage.removeItem(this.memory);
    if (this.state) await api('DELETE', `${this.base}/${this.state.id}`).catch(() => undefined);
  }

  dispose() {
    this.stopped = true;
    this.halt();
    this.stopListening();
  }

  /** Stops what is being sent (the parts already stored stay recorded). */
  private halt() {
    this.run++;
    for (const xhr of this.requests) xhr.abort();
    this.requests.clear();
    this.inFlight.clear();
  }

  private async go(attempt = 0): Promise<void> {
    const run = ++this.run;
    const live = () => run === this.run && !this.stopped;
    this.showUploading();
    try {
      if (!this.state) {
        this.state = await post<DirectState>(this.base, {
          kind: this.options.kind,
          fileName: this.file.name,
          size: this.file.size,
        });
        localStorage.setItem(this.memory, this.state.id);
      } else {
        this.state = await get<DirectState>(`${this.base}/${this.state.id}`);
      }
      const state = this.state;
      if (state.status === 'pending' && !state.verifying) {
        const done = new Set(state.parts.map((p) => p.partNumber));
        const queue: number[] = [];
        for (let n = 1; n <= state.partCount; n++) if (!done.has(n)) queue.push(n);
        this.report();
        const started = performance.now();
        const startBytes = this.sentBytes();
        const worker = async () => {
          for (let n = queue.shift(); n !== undefined && live(); n = queue.shift()) {
            await this.sendPart(n, live);
            attempt = 0; // a part got through: the retry counter starts again
            this.report(started, startBytes);
          }
        };
        await Promise.all(Array.from({ length: PARALLEL }, worker));
        if (!live()) return;
        this.state = await post<DirectState>(`${this.base}/${state.id}/complete`);
      }
      // assembled: the server checks the file; wait until it is ready
      while (live() && this.state.status === 'pending') {
        this.emit({ phase: 'uploading', sent: this.file.size, speed: null, etaSeconds: 0 }, true);
        await new Promise((r) => setTimeout(r, 1000));
        this.state = await get<DirectState>(`${this.base}/${this.state.id}`);
      }
      if (!live()) return;
      localStorage.removeItem(this.memory);
      if (this.state.status !== 'ready')
        throw new ApiError(415, this.state.failureCode ?? 'FAILED', '');
      this.finish();
    } catch (error) {
      if (!live()) return;
      this.fail(error, attempt);
    }
  }

  private fail(error: unknown, attempt: number) {
    const status =
      error instanceof ApiError ? error.status : error instanceof PartError ? error.status : 0;
    const code = error instanceof ApiError ? error.code : status ? `HTTP_${status}` : 'NETWORK';
    const retriable =
      status === 0 ||
      status >= 500 ||
      status === 429 ||
      (status === 403 && error instanceof PartError);
    if (retriable && attempt < RETRY_DELAYS.length) {
      const delayMs = RETRY_DELAYS[attempt]!;
      this.showRetrying(attempt + 1, delayMs);
      const run = this.run;
      setTimeout(() => {
        if (run === this.run && !this.stopped) void this.go(attempt + 1);
      }, delayMs);
      return;
    }
    if (status === 413 || status === 415) localStorage.removeItem(this.memory);
    const body = error instanceof ApiError ? error.body : {};
    const problem = problemOfAnswer(
      {
        status,
        code,
        message: error instanceof Error ? error.message : '',
        maxBytes: typeof body.maxBytes === 'number' ? body.maxBytes : null,
      },
      this.options.kind,
      this.file.size,
      error,
    );
    this.showError(problem);
  }

  /** A presigned URL for part `n`, asking for the next few at once (one request at a time). */
  private async urlFor(n: number): Promise<string> {
    const known = this.urls.get(n);
    if (known && known.until > Date.now()) return known.url;
    let request = this.urlRequests.get(n);
    if (!request) {
      const state = this.state!;
      const done = new Set(state.parts.map((p) => p.partNumber));
      const wanted = [n];
      for (let k = n + 1; k <= state.partCount && wanted.length < 10; k++)
        if (!done.has(k) && !this.urls.has(k) && !this.urlRequests.has(k)) wanted.push(k);
      request = post<{ urls: { partNumber: number; url: string }[]; expiresAt: string }>(
        `${this.base}/${state.id}/part-urls`,
        { partNumbers: wanted },
      )
        .then((answer) => {
          // a minute of margin: a URL is not started close to its expiry
          const until = Date.parse(answer.expiresAt) - 60_000;
          for (const u of answer.urls) this.urls.set(u.partNumber, { url: u.url, until });
        })
        .finally(() => wanted.forEach((k) => this.urlRequests.delete(k)));
      for (const k of wanted) this.urlRequests.set(k, request);
    }
    await request;
    const url = this.urls.get(n)?.url;
    if (!url) throw new ApiError(0, 'NETWORK', 'Không lấy được địa chỉ tải lên.');
    return url;
  }

  private async sendPart(n: number, live: () => boolean) {
    const state = this.state!;
    const start = (n - 1) * state.partSize;
    const blob = this.file.slice(start, Math.min(this.file.size, start + state.partSize));
    const url = await this.urlFor(n);
    if (!live()) return;
    const etag = await new Promise<string>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      this.requests.add(xhr);
      xhr.open('PUT', url);
      xhr.upload.onprogress = (e) => {
        this.inFlight.set(n, e.loaded);
        this.report();
      };
      xhr.onload = () => {
        this.requests.delete(xhr);
        const tag = xhr.getResponseHeader('ETag');
        if (xhr.status >= 200 && xhr.status < 300 && tag) resolve(tag);
        else reject(new PartError(xhr.status || 0));
      };
      xhr.onerror = xhr.onabort = () => {
        this.requests.delete(xhr);
        reject(new PartError(0));
      };
      xhr.send(blob);
    }).catch((error: PartError) => {
      this.inFlight.delete(n);
      if (error.status === 403) this.urls.delete(n); // expired: a new URL on the retry
      throw error;
    });
    this.urls.delete(n);
    const recorded = await post<DirectState>(`${this.base}/${state.id}/parts`, {
      partNumber: n,
      etag,
      size: blob.size,
    });
    this.inFlight.delete(n);
    this.state = { ...state, parts: recorded.parts, received: recorded.received };
  }

  private sentBytes() {
    let inFlight = 0;
    for (const b of this.inFlight.values()) inFlight += b;
    return (this.state?.received ?? 0) + inFlight;
  }

  private report(started?: number, startBytes?: number) {
    if (this.stopped || !['uploading', 'retrying', 'checking'].includes(this.view.phase)) return;
    const sent = Math.min(this.file.size, this.sentBytes());
    let speed = this.view.speed;
    if (started !== undefined && startBytes !== undefined) {
      const seconds = (performance.now() - started) / 1000;
      speed = seconds > 0.5 ? Math.max(0, (sent - startBytes) / seconds) : null;
    }
    const etaSeconds = speed && speed > 0 ? (this.file.size - sent) / speed : null;
    this.emit({ phase: 'uploading', sent, speed, etaSeconds, retry: null });
  }
}

/** Whether this server wants direct uploads (asked once per page load). */
let mode: Promise<'local' | 's3'> | null = null;
export function storageMode(): Promise<'local' | 's3'> {
  mode ??= get<{ storage: 'local' | 's3' }>('/storage')
    .then((r) => r.storage)
    .catch(() => {
      mode = null;
      return 'local' as const;
    });
  return mode;
}

/**
 * Resumable uploads for the team portal, over the server's tus 1.0 endpoint
 * (POST /api/contests/:contestId/uploads, metadata `kind` and `filename`).
 *
 * Built for a ward office on a slow line: 5 MiB chunks, automatic retry after a dropped
 * connection (the retry counter starts again whenever a chunk got through), and the upload
 * address kept in localStorage per user, contest, kind and file so that after a reload the
 * same file continues where it stopped.
 */
import * as tus from 'tus-js-client';
import { session } from '../../api';
import { RETRY_DELAYS, UploadController, type UploadOptions } from './upload-job';
import { problemOf, responseInfo, retriable, type UploadProblem } from './upload-problems';
import { discardUnfinished, fingerprintOf, serverState, storage } from './upload-resume';

export { discardUnfinished, findUnfinished, type RememberedUpload } from './upload-resume';
export type { UploadProblem };
export {
  RETRY_DELAYS,
  type UploadJob,
  type UploadOptions,
  type UploadPhase,
  type UploadView,
} from './upload-job';

/** 5 MiB: a 500 MB video is 100 requests; a dropped one costs at most 5 MiB. */
const DEFAULT_CHUNK = 5 * 1024 * 1024;
/**
 * Chunk size in bytes. `localStorage['cchc.upload.chunkSize']` overrides it, for an office
 * whose proxy cuts long requests (and for tests that need many small chunks).
 */
export function chunkSize(): number {
  const override = Number(localStorage.getItem('cchc.upload.chunkSize'));
  return Number.isFinite(override) && override >= 64 * 1024 ? override : DEFAULT_CHUNK;
}

/** Speed over a sliding window of a few seconds. */
class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];
  reset() {
    this.samples = [];
  }
  add(bytes: number): number | null {
    const t = performance.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 2 && t - this.samples[0]!.t > 8000) this.samples.shift();
    const first = this.samples[0]!;
    const dt = (t - first.t) / 1000;
    if (dt < 0.5) return null;
    return Math.max(0, (bytes - first.bytes) / dt);
  }
}

/**
 * One file on its way to the server. The view it reports is what the page shows; the
 * buttons call pause(), proceed(), resume(), restart() and cancel().
 */
export class TeamUpload extends UploadController {
  private upload: tus.Upload;
  private meter = new SpeedMeter();
  private previous: tus.PreviousUpload | null = null;
  private restarted = false;

  constructor(file: File, options: UploadOptions) {
    super(file, options);
    this.upload = this.makeUpload();
  }

  get fingerprint() {
    return fingerprintOf(this.options.userId, this.options.contestId, this.options.kind, this.file);
  }

  /** Looks for an unfinished upload of the same file; offers to continue it, or starts. */
  async begin(): Promise<void> {
    this.emit({ phase: 'checking' }, true);
    let found: tus.PreviousUpload[] = [];
    try {
      found = await this.upload.findPreviousUploads();
    } catch {
      found = [];
    }
    found.sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime));
    for (const prev of found) {
      const state = prev.uploadUrl
        ? await serverState(this.options.contestId, prev.uploadUrl).catch(() => undefined)
        : null;
      if (state === undefined) {
        // Cannot ask the server now: offer to continue; tus checks the offset itself.
        this.previous = prev;
        this.emit(
          {
            phase: 'offer-resume',
            previous: { offset: 0, size: this.file.size, createdAt: prev.creationTime },
          },
          true,
        );
        return;
      }
      if (state && state.status === 'pending' && state.size === this.file.size) {
        this.previous = prev;
        if (state.offset === 0) return this.resume();
        this.emit(
          {
            phase: 'offer-resume',
            sent: state.offset,
            previous: { offset: state.offset, size: state.size, createdAt: prev.creationTime },
          },
          true,
        );
        return;
      }
      await storage().removeUpload(prev.urlStorageKey);
    }
    this.start();
  }

  /** "Tiếp tục tải lên": continue the earlier upload of this file. */
  resume() {
    if (this.previous) this.upload.resumeFromPreviousUpload(this.previous);
    this.start();
  }

  /** "Tải lên lại từ đầu": forget the earlier upload and send the whole file. */
  async restart() {
    const prev = this.previous;
    this.previous = null;
    if (prev) {
      await discardUnfinished(this.options.contestId, {
        fileName: this.file.name,
        size: this.file.size,
        offset: 0,
        createdAt: prev.creationTime,
        urlStorageKey: prev.urlStorageKey,
        uploadUrl: prev.uploadUrl ?? '',
      });
    }
    this.upload = this.makeUpload();
    this.emit({ sent: 0 }, true);
    this.start();
  }

  pause() {
    void this.upload.abort();
    this.meter.reset();
    this.showPaused();
  }

  /** "Tiếp tục" after a pause or a lost connection: asks the server for the offset and goes on. */
  proceed() {
    void this.upload.abort().then(() => this.start());
  }

  /** Stops and deletes the bytes sent so far. */
  async cancel() {
    this.stopped = true;
    this.stopListening();
    await this.upload.abort(true).catch(() => undefined);
  }

  /** The page is going away: stop sending, keep what was sent (resumable after a reload). */
  dispose() {
    this.stopped = true;
    this.stopListening();
    void this.upload.abort();
  }

  private start() {
    this.meter.reset();
    this.showUploading();
    this.upload.start();
  }

  private makeUpload(): tus.Upload {
    const { contestId, userId, kind } = this.options;
    return new tus.Upload(this.file, {
      endpoint: `${location.origin}/api/contests/${contestId}/uploads`,
      metadata: { kind, filename: this.file.name },
      chunkSize: chunkSize(),
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: (file) => Promise.resolve(fingerprintOf(userId, contestId, kind, file)),
      onBeforeRequest: (req) => {
        req.setHeader('Authorization', `Bearer ${session.token ?? ''}`);
      },
      onShouldRetry: (err, attempt, options) => {
        if (this.stopped || !retriable(err)) return false;
        const delayMs = options.retryDelays?.[attempt] ?? 0;
        this.meter.reset();
        this.showRetrying(attempt + 1, delayMs);
        return true;
      },
      onProgress: (sent, total) => this.progress(sent, total),
      onChunkComplete: (_size, accepted, total) => this.progress(accepted, total, true),
      onSuccess: () => this.finish(),
      onError: (err) => {
        if (this.stopped) return;
        const { code, status } = responseInfo(err);
        if ((code === 'UPLOAD_NOT_PENDING' || code === 'UPLOAD_NOT_FOUND') && !this.restarted) {
          // The remembered upload expired on the server: send the file again from the start.
          this.restarted = true;
          void this.forgetThisFile().then(() => {
            this.upload = this.makeUpload();
            this.start();
          });
          return;
        }
        const problem = problemOf(err, kind, this.file.size);
        // A refused file is gone from the server; anything else stays resumable.
        if (status === 413 || status === 415) void this.forgetThisFile();
        this.showError(problem);
      },
    });
  }

  private async forgetThisFile() {
    const found = await this.upload.findPreviousUploads().catch(() => []);
    for (const u of found) await storage().removeUpload(u.urlStorageKey);
  }

  private progress(sent: number, total: number, force = false) {
    if (this.stopped) return;
    const speed = this.meter.add(sent);
    const etaSeconds = speed && speed > 0 ? (total - sent) / speed : null;
    const phase =
      this.view.phase === 'retrying' || this.view.phase === 'checking'
        ? 'uploading'
        : this.view.phase;
    if (phase === 'paused' || phase === 'done' || phase === 'error') return;
    this.emit({ phase, sent, total, speed, etaSeconds, retry: null }, force || sent >= total);
  }
}

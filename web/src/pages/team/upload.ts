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
import { ApiError, get, session } from '../../api';
import { bytes } from '../../format';
import type { UploadKind, UploadState } from './model';

/** 5 MiB: a 500 MB video is 100 requests; a dropped one costs at most 5 MiB. */
const DEFAULT_CHUNK = 5 * 1024 * 1024;
/** Waits between automatic attempts: about 8 minutes in all before asking the user. */
export const RETRY_DELAYS = [
  0, 1000, 2000, 4000, 8000, 15000, 30000, 30000, 60000, 60000, 60000, 60000, 120000,
];

/**
 * Chunk size in bytes. `localStorage['cchc.upload.chunkSize']` overrides it, for an office
 * whose proxy cuts long requests (and for tests that need many small chunks).
 */
export function chunkSize(): number {
  const override = Number(localStorage.getItem('cchc.upload.chunkSize'));
  return Number.isFinite(override) && override >= 64 * 1024 ? override : DEFAULT_CHUNK;
}

export type UploadPhase =
  | 'checking' // looking for an earlier, unfinished upload of the same file
  | 'offer-resume' // found one: the user chooses to continue or to start again
  | 'uploading'
  | 'retrying' // connection lost; an automatic retry is scheduled
  | 'paused'
  | 'error'
  | 'done';

export interface UploadProblem {
  /** Short title: "Tệp quá lớn", "Định dạng không được hỗ trợ", "Mất kết nối"… */
  title: string;
  message: string;
  /** True when the bytes already sent are kept and "Tiếp tục" picks up from there. */
  canResume: boolean;
}

export interface UploadView {
  phase: UploadPhase;
  fileName: string;
  total: number;
  sent: number;
  /** Bytes per second over the last seconds; null until known. */
  speed: number | null;
  etaSeconds: number | null;
  retry: { attempt: number; delayMs: number } | null;
  problem: UploadProblem | null;
  /** The earlier unfinished upload of this file (phase 'offer-resume'). */
  previous: { offset: number; size: number; createdAt: string | null } | null;
}

interface Options {
  contestId: string;
  userId: string;
  kind: UploadKind;
  onChange: (view: UploadView) => void;
  onDone: () => void;
}

const storage = () => tus.defaultOptions.urlStorage;
const prefix = (userId: string, contestId: string, kind: UploadKind) =>
  `cchc|${userId}|${contestId}|${kind}|`;

function fingerprintOf(userId: string, contestId: string, kind: UploadKind, file: File): string {
  return (
    prefix(userId, contestId, kind) +
    [encodeURIComponent(file.name), file.type, file.size, file.lastModified].join('|')
  );
}

const idOf = (uploadUrl: string) => uploadUrl.replace(/\/+$/, '').split('/').pop() ?? '';

/** The upload's state on the server, or null when it no longer exists for us. */
async function serverState(contestId: string, uploadUrl: string): Promise<UploadState | null> {
  try {
    return await get<UploadState>(`/contests/${contestId}/uploads/${idOf(uploadUrl)}`);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

/** An unfinished upload remembered in this browser (after a reload), for the notice. */
export interface RememberedUpload {
  fileName: string;
  size: number;
  offset: number;
  createdAt: string | null;
  urlStorageKey: string;
  uploadUrl: string;
}

export async function findUnfinished(
  userId: string,
  contestId: string,
  kind: UploadKind,
): Promise<RememberedUpload | null> {
  const all = await storage().findAllUploads();
  const mine = all
    .filter((u) => u.urlStorageKey.startsWith(`tus::${prefix(userId, contestId, kind)}`))
    .filter((u) => u.uploadUrl)
    .sort((a, b) => Date.parse(b.creationTime) - Date.parse(a.creationTime));
  for (const u of mine) {
    const state = await serverState(contestId, u.uploadUrl!).catch(() => undefined);
    if (state === undefined) return null; // offline: say nothing rather than guess
    if (!state || state.status !== 'pending') {
      await storage().removeUpload(u.urlStorageKey);
      continue;
    }
    return {
      fileName: u.metadata.filename ?? '',
      size: state.size,
      offset: state.offset,
      createdAt: u.creationTime ?? null,
      urlStorageKey: u.urlStorageKey,
      uploadUrl: u.uploadUrl!,
    };
  }
  return null;
}

/** Forgets an unfinished upload and asks the server to drop its bytes. */
export async function discardUnfinished(contestId: string, remembered: RememberedUpload) {
  await storage().removeUpload(remembered.urlStorageKey);
  await fetch(`/api/contests/${contestId}/uploads/${idOf(remembered.uploadUrl)}`, {
    method: 'DELETE',
    headers: { 'Tus-Resumable': '1.0.0', Authorization: `Bearer ${session.token ?? ''}` },
  }).catch(() => undefined);
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

function responseInfo(err: unknown): {
  status: number;
  code: string;
  message: string;
  maxBytes: number | null;
} {
  const res = err instanceof tus.DetailedError ? err.originalResponse : null;
  if (!res) return { status: 0, code: 'NETWORK', message: '', maxBytes: null };
  let code = `HTTP_${res.getStatus()}`;
  let message = '';
  let maxBytes: number | null = null;
  try {
    const body = JSON.parse(res.getBody() || '{}') as {
      code?: string;
      message?: string;
      maxBytes?: number;
    };
    code = body.code ?? code;
    message = body.message ?? '';
    maxBytes = typeof body.maxBytes === 'number' ? body.maxBytes : null;
  } catch {
    /* not JSON: keep the status */
  }
  return { status: res.getStatus(), code, message, maxBytes };
}

/** Retry only what a retry can fix: no answer, a server error, or a resumable conflict. */
function retriable(err: tus.DetailedError): boolean {
  const { status, code } = responseInfo(err);
  if (status === 0 || status >= 500 || status === 423 || status === 429) return true;
  return status === 409 && (code === 'OFFSET_MISMATCH' || code === 'UPLOAD_BUSY');
}

export function problemOf(err: unknown, kind: UploadKind, size: number): UploadProblem {
  const { status, code, message, maxBytes } = responseInfo(err);
  if (status === 413)
    return {
      title: 'Tệp quá lớn',
      message:
        maxBytes !== null
          ? `Tệp đã chọn nặng ${bytes(size)}, vượt mức tối đa ${bytes(maxBytes)} cho ${kind === 'video' ? 'video clip' : 'đề cương'}. ${kind === 'video' ? 'Vui lòng nén video hoặc xuất lại với độ phân giải thấp hơn' : 'Vui lòng giảm dung lượng tệp (nén ảnh trong tài liệu)'} rồi chọn lại.`
          : message || 'Tệp vượt quá dung lượng tối đa hội thi cho phép.',
      canResume: false,
    };
  if (status === 415)
    return {
      title: 'Định dạng không được hỗ trợ',
      message:
        message ||
        (kind === 'video'
          ? 'Chỉ nhận video MP4, MOV, WEBM hoặc MKV.'
          : 'Chỉ nhận đề cương PDF, DOCX hoặc DOC.'),
      canResume: false,
    };
  if (status === 401)
    return {
      title: 'Phiên đăng nhập đã hết hạn',
      message:
        'Vui lòng đăng nhập lại rồi chọn lại tệp: phần đã tải lên vẫn được giữ và sẽ được tải tiếp.',
      canResume: false,
    };
  if (status === 409 && ['SUBMISSION_CLOSED', 'DEADLINE_PASSED', 'ENTRY_LOCKED'].includes(code))
    return { title: 'Không thể tải lên lúc này', message, canResume: false };
  if (status === 0 || status >= 500 || status === 409 || status === 423 || status === 429)
    return {
      title: 'Mất kết nối',
      message:
        'Chưa kết nối lại được với máy chủ. Phần đã tải lên vẫn được giữ; bấm «Tiếp tục» để tải tiếp khi có mạng.',
      canResume: true,
    };
  return {
    title: 'Không tải lên được',
    message: message || (err instanceof Error ? err.message : String(err)),
    canResume: false,
  };
}

/**
 * One file on its way to the server. The view it reports is what the page shows; the
 * buttons call pause(), proceed(), resume(), restart() and cancel().
 */
export class TeamUpload {
  private upload: tus.Upload;
  private view: UploadView;
  private meter = new SpeedMeter();
  private lastEmit = 0;
  private previous: tus.PreviousUpload | null = null;
  private restarted = false;
  private stopped = false;
  private readonly onOnline = () => {
    if (
      this.view.phase === 'retrying' ||
      (this.view.phase === 'error' && this.view.problem?.canResume)
    )
      this.proceed();
  };

  constructor(
    private readonly file: File,
    private readonly options: Options,
  ) {
    this.upload = this.makeUpload();
    this.view = {
      phase: 'checking',
      fileName: file.name,
      total: file.size,
      sent: 0,
      speed: null,
      etaSeconds: null,
      retry: null,
      problem: null,
      previous: null,
    };
    addEventListener('online', this.onOnline);
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
    this.emit({ phase: 'paused', speed: null, etaSeconds: null, retry: null }, true);
  }

  /** "Tiếp tục" after a pause or a lost connection: asks the server for the offset and goes on. */
  proceed() {
    void this.upload.abort().then(() => this.start());
  }

  /** Stops and deletes the bytes sent so far. */
  async cancel() {
    this.stopped = true;
    removeEventListener('online', this.onOnline);
    await this.upload.abort(true).catch(() => undefined);
  }

  /** The page is going away: stop sending, keep what was sent (resumable after a reload). */
  dispose() {
    this.stopped = true;
    removeEventListener('online', this.onOnline);
    void this.upload.abort();
  }

  private start() {
    this.meter.reset();
    this.emit({ phase: 'uploading', problem: null, retry: null, previous: null }, true);
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
        this.emit(
          {
            phase: 'retrying',
            retry: { attempt: attempt + 1, delayMs },
            speed: null,
            etaSeconds: null,
          },
          true,
        );
        return true;
      },
      onProgress: (sent, total) => this.progress(sent, total),
      onChunkComplete: (_size, accepted, total) => this.progress(accepted, total, true),
      onSuccess: () => {
        removeEventListener('online', this.onOnline);
        this.emit(
          { phase: 'done', sent: this.file.size, speed: null, etaSeconds: 0, retry: null },
          true,
        );
        this.options.onDone();
      },
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
        this.emit({ phase: 'error', problem, retry: null, speed: null, etaSeconds: null }, true);
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

  private emit(patch: Partial<UploadView>, force = false) {
    this.view = { ...this.view, ...patch };
    const now = performance.now();
    if (!force && now - this.lastEmit < 250) return;
    this.lastEmit = now;
    this.options.onChange(this.view);
  }
}

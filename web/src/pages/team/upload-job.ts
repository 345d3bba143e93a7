/**
 * What every upload of the team portal shares, whichever way the bytes travel (tus through
 * the server, upload.ts; parts straight to an S3 bucket, direct-upload.ts): the view the
 * progress panel (UploadProgress) shows and its phases, the buttons it calls, the retry
 * schedule, and the return of the connection, which resumes an upload that was waiting for it.
 */
import type { UploadKind } from './model';
import type { UploadProblem } from './upload-problems';

/** Waits between automatic attempts: about 8 minutes in all before asking the user. */
export const RETRY_DELAYS = [
  0, 1000, 2000, 4000, 8000, 15000, 30000, 30000, 60000, 60000, 60000, 60000, 120000,
];

export type UploadPhase =
  | 'checking' // looking for an earlier, unfinished upload of the same file
  | 'offer-resume' // found one: the user chooses to continue or to start again
  | 'uploading'
  | 'retrying' // connection lost; an automatic retry is scheduled
  | 'paused'
  | 'error'
  | 'done';

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

/** What the progress panel's buttons call (the tus upload, or the direct upload to S3). */
export interface UploadJob {
  resume(): void;
  restart(): Promise<void>;
  pause(): void;
  proceed(): void;
  cancel(): Promise<void>;
  dispose(): void;
}

export interface UploadOptions {
  contestId: string;
  userId: string;
  kind: UploadKind;
  onChange: (view: UploadView) => void;
  onDone: () => void;
}

/**
 * One file on its way: the view it reports (at most four times a second, every change of
 * phase at once) and the phases every transport goes through. A subclass carries the bytes
 * and implements the buttons; `proceed()` is also what the return of the connection calls.
 */
export abstract class UploadController implements UploadJob {
  protected view: UploadView;
  protected stopped = false;
  private lastEmit = 0;
  private readonly onOnline = () => {
    if (
      this.view.phase === 'retrying' ||
      (this.view.phase === 'error' && this.view.problem?.canResume)
    )
      this.proceed();
  };

  constructor(
    protected readonly file: File,
    protected readonly options: UploadOptions,
  ) {
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

  abstract begin(): Promise<void>;
  abstract resume(): void;
  abstract restart(): Promise<void>;
  abstract pause(): void;
  abstract proceed(): void;
  abstract cancel(): Promise<void>;
  abstract dispose(): void;

  /** No more resuming when the connection returns: finished, cancelled, or the page goes away. */
  protected stopListening() {
    removeEventListener('online', this.onOnline);
  }

  protected showUploading() {
    this.emit({ phase: 'uploading', problem: null, retry: null, previous: null }, true);
  }

  protected showPaused() {
    this.emit({ phase: 'paused', speed: null, etaSeconds: null, retry: null }, true);
  }

  protected showRetrying(attempt: number, delayMs: number) {
    this.emit(
      { phase: 'retrying', retry: { attempt, delayMs }, speed: null, etaSeconds: null },
      true,
    );
  }

  protected showError(problem: UploadProblem) {
    this.emit({ phase: 'error', problem, retry: null, speed: null, etaSeconds: null }, true);
  }

  /** The file is stored: the panel shows it done and the page is told. */
  protected finish() {
    this.stopListening();
    this.emit(
      { phase: 'done', sent: this.file.size, speed: null, etaSeconds: 0, retry: null },
      true,
    );
    this.options.onDone();
  }

  protected emit(patch: Partial<UploadView>, force = false) {
    this.view = { ...this.view, ...patch };
    const now = performance.now();
    if (!force && now - this.lastEmit < 250) return;
    this.lastEmit = now;
    this.options.onChange(this.view);
  }
}

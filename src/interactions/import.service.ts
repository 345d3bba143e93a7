import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { join } from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { fromThreadError } from '../common/thread-errors';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import {
  LimitedWorker,
  SPREADSHEET_WORKER_LIMITS,
  type WorkerLimits,
} from '../spreadsheets/limited-worker';
import type { uploadedFile } from '../spreadsheets/import-upload';
import { acquireImportSlot, asDomainError } from '../spreadsheets/read-spreadsheet';
import { type CountColumns, sumExclusions } from './counts';
import type { AnalysisMessage, AnalysisStart, FileReport } from './file-analysis';
import { ImportPreviews } from './import-previews';
import { assertImportPhase, exclusionsOf, isActive, publishedEntries } from './interaction-queries';
import { assertNotInFuture } from './reading-time';
import { COUNT_COLUMNS, storeSnapshots } from './snapshot-counts';

/** An uploaded file, on disk until the request ends. */
type ImportFile = ReturnType<typeof uploadedFile>;

/**
 * The worker waits for the database's answer too: twice the time a bare read is allowed. Most
 * of what it allocates dies young; what outlives two young collections stays until the worker
 * ends (no old-generation collection happens during one import), so a small young generation
 * keeps its heap for 100.000 rows at 64-71 MiB (70-76 with 8 MiB, 79-83 with 16;
 * docs/benchmarks.md).
 */
const ANALYSIS_LIMITS: WorkerLimits = {
  timeoutMs: 60_000,
  resourceLimits: { ...SPREADSHEET_WORKER_LIMITS.resourceLimits, maxYoungGenerationSizeMb: 4 },
};

/**
 * A spreadsheet of fanpage counts: previewed (nothing written), then committed, every reading
 * of the file a snapshot, all in one transaction. The file is read, matched, compared and
 * scored in a worker thread (file-analysis.ts); this thread only asks the database and
 * answers, so an import of 100.000 rows never holds up a judge's save.
 */
@Injectable()
export class InteractionImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly previews: ImportPreviews,
  ) {}

  /** Nothing is written but the token: a file that can be committed is kept for 30 minutes. */
  async preview(actor: Actor, contestId: string, file: ImportFile, takenAt?: string) {
    const contest = await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const { report, existing } = await this.analyse(em, contest, file, takenAt, false);
    const kept = report.canCommit
      ? await this.previews.keep(actor, contestId, file, report.fileSha256, takenAt)
      : null;
    return { ...previewOf(report, existing), ...kept };
  }

  /**
   * All rows or none: every reading of the file becomes a snapshot in one transaction; the same
   * file twice gives the same snapshots (idempotent). A preview's token commits the file it
   * kept, exactly as previewed (same SHA-256), once: the token is marked used in the same
   * transaction as the snapshots.
   */
  async commit(
    actor: Actor,
    contestId: string,
    sent: { file: ImportFile; takenAt?: string } | { previewToken: string },
  ) {
    if ('previewToken' in sent) await this.previews.bringHere(sent.previewToken);
    const result = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertImportPhase(contest);
      if ('file' in sent) return this.commitIn(em, actor, contest, sent.file, sent.takenAt);
      const kept = await this.previews.claim(em, actor, contestId, sent.previewToken);
      const file = { path: kept.path, originalName: kept.fileName };
      const answer = await this.commitIn(em, actor, contest, file, kept.takenAt ?? undefined, kept);
      await this.previews.markUsed(em, kept.id);
      return answer;
    });
    if ('previewToken' in sent) await this.previews.removeFile(sent.previewToken);
    return result;
  }

  private async commitIn(
    em: EntityManager,
    actor: Actor,
    contest: Contest,
    file: ImportFile,
    takenAt: string | undefined,
    previewed?: { fileSha256: string },
  ) {
    const { report, snapshots, existing } = await this.analyse(em, contest, file, takenAt, true);
    if (previewed && report.fileSha256 !== previewed.fileSha256)
      throw DomainError.conflict(
        'IMPORT_PREVIEW_CHANGED',
        'Tệp đã lưu khi xem trước không còn nguyên vẹn; hãy tải tệp lên lại.',
        'previewToken',
      );
    if (existing.length > 0)
      return {
        snapshotId: existing.at(-1)!,
        snapshotIds: existing,
        created: false,
        preview: previewOf(report, existing),
      };
    if (!report.canCommit) {
      throw new DomainError(
        'invalid',
        'IMPORT_HAS_ERRORS',
        `Tệp có ${report.totals.errors} lỗi; chưa ghi dữ liệu nào. Sửa các dòng được nêu rồi tải lại.`,
        report.errors.slice(0, 200).map((e) => ({
          field: `line ${e.line}${e.column ? ` / ${e.column}` : ''}`,
          code: e.code,
          message: e.message,
        })),
      );
    }
    const snapshotIds = await storeSnapshots(em, actor, contest, snapshots);
    return {
      snapshotId: snapshotIds.at(-1)!,
      snapshotIds,
      created: true,
      rows: report.totals.matched,
      unmatched: report.totals.unmatched,
      warnings: report.warnings,
      source: report.source,
      fileSha256: report.fileSha256,
    };
  }

  /**
   * The file read and scored in the worker, with the stored snapshots its readings are compared
   * with handed to it in between; one import at a time per contest (409 for a second one while
   * this one runs). `existing`: the snapshots this very file made before, oldest first.
   */
  private async analyse(
    em: EntityManager,
    contest: Contest,
    file: ImportFile,
    takenAt: string | undefined,
    commit: boolean,
  ) {
    const now = new Date();
    if (takenAt) assertNotInFuture(takenAt, now);
    // The entries are read first: the file's rows are matched to them while it is parsed.
    const start: AnalysisStart = {
      path: file.path,
      fileName: file.originalName,
      // what the matcher needs of each entry, not its names: a copy of this goes to the worker
      entries: (await publishedEntries(em, contest.id)).map(({ entryId, teamNumber, postUrl }) => ({
        entryId,
        teamNumber,
        postUrl,
      })),
      takenAt: takenAt ?? null,
      now,
      rules: contest.rules.interaction,
      cutoff: contest.rules.dates.interactionCutoff,
      exclusions: [...sumExclusions((await exclusionsOf(em, contest.id)).filter(isActive))],
      commit,
    };
    const release = acquireImportSlot(contest.id);
    const worker = new LimitedWorker<AnalysisMessage>(
      join(__dirname, 'analysis-worker'),
      start,
      ANALYSIS_LIMITS,
      'Tệp số liệu',
    );
    try {
      const { readingTimes } = await answer<'readingTimes'>(worker);
      worker.post(await storedBefore(em, contest.id, readingTimes));
      const { scored } = await answer<'scored'>(worker);
      const existing = (await em.query(
        `SELECT id FROM interaction_snapshots WHERE contest_id = $1 AND file_sha256 = $2
          ORDER BY taken_at`,
        [contest.id, scored.report.fileSha256],
      )) as { id: string }[];
      return { ...scored, existing: existing.map((e) => e.id) };
    } catch (error) {
      throw asDomainError(error); // past the worker's limits: 413
    } finally {
      await worker.close(); // its heap is given back before the snapshots are written
      release();
    }
  }
}

/** The worker's next message, which must hold `K`; its failure is thrown here as it was there. */
async function answer<K extends 'readingTimes' | 'scored'>(worker: LimitedWorker<AnalysisMessage>) {
  const message = await worker.next();
  if ('failed' in message) throw fromThreadError(message.failed);
  return message as Extract<AnalysisMessage, Record<K, unknown>>;
}

function previewOf(report: FileReport, existing: string[]) {
  return {
    ...report,
    existingSnapshotId: existing.at(-1) ?? null,
    existingSnapshotIds: existing,
    previewToken: null as string | null,
    previewExpiresAt: null as string | null,
  };
}

/**
 * For each reading of the file (oldest first), the stored snapshot it is compared with: the
 * last one taken before it, unless the file's previous reading is later (or as late). A stored
 * snapshot is thus sent at most once, with its counts as text (`fromColumns` in the worker).
 */
async function storedBefore(
  em: EntityManager,
  contestId: string,
  times: readonly string[],
): Promise<(CountColumns | null)[]> {
  const rows = (await em.query(
    `SELECT ${COUNT_COLUMNS}
       FROM unnest($2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS t (at, after, i)
       LEFT JOIN LATERAL (
            SELECT * FROM interaction_snapshots
             WHERE contest_id = $1 AND taken_at < t.at AND taken_at > t.after
             ORDER BY taken_at DESC, created_at DESC LIMIT 1) s ON true
      ORDER BY t.i`,
    [contestId, times, ['-infinity', ...times.slice(0, -1)]],
  )) as CountColumns[];
  return rows.map((columns) => (columns.entryIds === null ? null : columns));
}

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
import { acquireImportSlot, asDomainError } from '../spreadsheets/read-spreadsheet';
import type {
  AnalysisMessage,
  AnalysisStart,
  FileRead,
  FileReport,
  PreviousReading,
  ScoredFile,
  ScoreInput,
} from './file-analysis';
import { ImportPreviews } from './import-previews';
import {
  activeExclusions,
  assertImportPhase,
  assertNotInFuture,
  publishedEntriesJson,
} from './interaction-queries';
import { readCountColumns, storeSnapshots } from './snapshot-counts';

/** An uploaded file, on disk until the request ends. */
export interface ImportFile {
  path: string;
  originalName: string;
}

export interface Preview extends FileReport {
  /** Set when this exact file was already imported: its (latest) snapshot. */
  existingSnapshotId: string | null;
  /** Every snapshot this file made before, oldest first (empty when it is new). */
  existingSnapshotIds: string[];
  /** Commits this very file without sending it again (set when it can be committed). */
  previewToken: string | null;
  previewExpiresAt: string | null;
}

/**
 * The worker waits for the database's answers too: twice the time a bare read is allowed. Most
 * of what it allocates dies young, so a small young generation keeps the process's growth for
 * 100.000 rows at ~76 MiB, under the 100 MiB budget (~120 with 32 MiB; docs/benchmarks.md).
 */
const ANALYSIS_LIMITS: WorkerLimits = {
  timeoutMs: 60_000,
  resourceLimits: { ...SPREADSHEET_WORKER_LIMITS.resourceLimits, maxYoungGenerationSizeMb: 8 },
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
  async preview(
    actor: Actor,
    contestId: string,
    file: ImportFile,
    takenAt?: string,
  ): Promise<Preview> {
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
    const { report, columns, existing } = await this.analyse(em, contest, file, takenAt, true);
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
    const { source, fileSha256 } = report;
    const snapshotIds = await storeSnapshots(
      em,
      actor,
      contest,
      columns.map((reading) => ({
        takenAt: new Date(reading.takenAt),
        source,
        fileSha256,
        fileName: file.originalName,
        counts: reading.counts,
      })),
    );
    return {
      snapshotId: snapshotIds.at(-1)!,
      snapshotIds,
      created: true,
      rows: report.totals.matched,
      unmatched: report.totals.unmatched,
      warnings: report.warnings,
      source,
      fileSha256,
    };
  }

  /**
   * The file read and scored in the worker, with what the database holds handed to it in
   * between; one import at a time per contest (409 for a second one while this one runs).
   */
  private async analyse(
    em: EntityManager,
    contest: Contest,
    file: ImportFile,
    takenAt: string | undefined,
    commit: boolean,
  ): Promise<ScoredFile & { existing: string[] }> {
    const now = new Date();
    if (takenAt) assertNotInFuture(takenAt, now);
    // The entries are read first: the file's rows are matched to them while it is parsed.
    const start: AnalysisStart = {
      path: file.path,
      entries: await publishedEntriesJson(em, contest.id),
      takenAt: takenAt ?? null,
      now,
    };
    const release = acquireImportSlot(contest.id);
    const worker = new LimitedWorker<AnalysisMessage>(
      join(__dirname, 'analysis-worker'),
      start,
      ANALYSIS_LIMITS,
      'Tệp số liệu',
    );
    try {
      const read = await answer(worker, 'read');
      assertOneTimeSource(read, takenAt);
      worker.post({
        rules: contest.rules.interaction,
        cutoff: contest.rules.dates.interactionCutoff,
        previous: await previousReadings(em, contest.id, read.readingTimes),
        exclusions: [...(await activeExclusions(em, contest.id))],
        commit,
      } satisfies ScoreInput);
      const existing = (await em.query(
        `SELECT id FROM interaction_snapshots WHERE contest_id = $1 AND file_sha256 = $2
          ORDER BY taken_at`,
        [contest.id, read.fileSha256],
      )) as { id: string }[];
      const scored = await answer(worker, 'scored');
      return { ...scored, existing: existing.map((e) => e.id) };
    } catch (error) {
      throw asDomainError(error); // past the worker's limits: 413
    } finally {
      worker.close();
      release();
    }
  }
}

type Answers = { read: FileRead; scored: ScoredFile };

/** The worker's next answer, which must be `kind`; its failure is thrown here as it was there. */
async function answer<K extends keyof Answers>(
  worker: LimitedWorker<AnalysisMessage>,
  kind: K,
): Promise<Answers[K]> {
  const message = await worker.next();
  if ('failed' in message) throw fromThreadError(message.failed);
  return (message as Answers)[kind];
}

function previewOf(report: FileReport, existing: string[]): Preview {
  return {
    ...report,
    existingSnapshotId: existing.at(-1) ?? null,
    existingSnapshotIds: existing,
    previewToken: null,
    previewExpiresAt: null,
  };
}

/**
 * For each reading (oldest first), the counts it is compared with: the reading before it, from
 * this file or from a stored snapshot, whichever was taken later.
 */
async function previousReadings(
  em: EntityManager,
  contestId: string,
  times: readonly string[],
): Promise<PreviousReading[]> {
  if (!times.length) return [];
  const stored = (await em.query(
    `SELECT id, taken_at AS "takenAt" FROM interaction_snapshots
      WHERE contest_id = $1 AND taken_at < $2 ORDER BY taken_at, created_at`,
    [contestId, times.at(-1)],
  )) as { id: string; takenAt: Date }[];
  // per reading: the last stored snapshot taken before it, unless the file's previous
  // reading is later (or as late); `stored` and `times` are both oldest first
  let before = 0; // how many stored snapshots were taken before this reading
  const sources = times.map((takenAt, i) => {
    while (before < stored.length && stored[before]!.takenAt < new Date(takenAt)) before++;
    const last = stored[before - 1];
    return last && (i === 0 || last.takenAt > new Date(times[i - 1]!)) ? last.id : i - 1;
  });
  const wanted = sources.filter((s): s is string => typeof s === 'string');
  const counts = await readCountColumns(em, [...new Set(wanted)]);
  return sources.map((s) => {
    if (typeof s === 'number') return s >= 0 ? { reading: s } : null;
    const columns = counts.get(s);
    return columns ? { stored: columns } : null;
  });
}

/** The time of the readings comes from the file's "Thời điểm" column or from the form, once. */
function assertOneTimeSource(read: FileRead, takenAt: string | undefined) {
  if (!read.headerLine) return; // no header: the file's own error says so
  if (read.timeColumn && takenAt)
    throw DomainError.invalid(
      'TAKEN_AT_TWICE',
      'Tệp đã có cột "Thời điểm" cho từng dòng; để trống ô thời điểm lấy số liệu.',
      'takenAt',
    );
  if (!read.timeColumn && !takenAt)
    throw DomainError.invalid(
      'TAKEN_AT_REQUIRED',
      'Cần nhập thời điểm lấy số liệu (hoặc thêm cột "Thời điểm" vào tệp).',
      'takenAt',
    );
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { computeInteractionPoints, InteractionResult } from '../engine';
import {
  activeExclusions,
  assertImportPhase,
  assertNotInFuture,
  officialSnapshot,
  publishedEntries,
} from './interaction-queries';
import { Counts, decreasedCounts, MatchResult, Reading, RowMatcher } from './match-rows';
import { Analysis, ImportFile, Preview, toPreview } from './import-preview';
import { ImportPreviews } from './import-previews';
import { readSpreadsheet } from '../spreadsheets/read-spreadsheet';
import { readCounts, storeSnapshots } from './snapshot-counts';

/**
 * A spreadsheet of fanpage counts: previewed (nothing written), then committed, every reading
 * of the file a snapshot, all in one transaction. The file is read from disk as it is parsed
 * (read-spreadsheet.ts) and its rows matched to the published entries as they come
 * (match-rows.ts).
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
    const analysis = await this.analyse(this.dataSource.manager, contest, file, takenAt);
    const kept = analysis.canCommit
      ? await this.previews.keep(actor, contestId, file, analysis.fileSha256, takenAt)
      : null;
    return { ...toPreview(analysis), ...kept };
  }

  /**
   * Commits the file a preview kept, exactly as previewed (same SHA-256), once: the token is
   * marked used in the same transaction as the snapshots.
   */
  async commitPreview(actor: Actor, contestId: string, token: string) {
    const result = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertImportPhase(contest);
      const kept = await this.previews.claim(em, actor, contestId, token);
      const file = { path: kept.path, originalName: kept.fileName };
      const answer = await this.commitIn(em, actor, contest, file, kept.takenAt ?? undefined, kept);
      await this.previews.markUsed(em, token);
      return answer;
    });
    await this.previews.removeFile(token);
    return result;
  }

  /**
   * All rows or none: every reading of the file becomes a snapshot in one transaction. The
   * same file twice gives the same snapshots (idempotent).
   */
  async commit(actor: Actor, contestId: string, file: ImportFile, takenAt?: string) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertImportPhase(contest);
      return this.commitIn(em, actor, contest, file, takenAt);
    });
  }

  private async commitIn(
    em: EntityManager,
    actor: Actor,
    contest: Contest,
    file: ImportFile,
    takenAt: string | undefined,
    previewed?: { fileSha256: string },
  ) {
    const analysis = await this.analyse(em, contest, file, takenAt);
    if (previewed && analysis.fileSha256 !== previewed.fileSha256)
      throw DomainError.conflict(
        'IMPORT_PREVIEW_CHANGED',
        'Tệp đã lưu khi xem trước không còn nguyên vẹn; hãy tải tệp lên lại.',
        'previewToken',
      );
    if (analysis.existingSnapshotId)
      return {
        snapshotId: analysis.existingSnapshotId,
        snapshotIds: analysis.existingSnapshotIds,
        created: false,
        preview: toPreview(analysis),
      };
    if (!analysis.canCommit) {
      throw new DomainError(
        'invalid',
        'IMPORT_HAS_ERRORS',
        `Tệp có ${analysis.errors.length} lỗi; chưa ghi dữ liệu nào. Sửa các dòng được nêu rồi tải lại.`,
        analysis.errors.slice(0, 200).map((e) => ({
          field: `line ${e.line}${e.column ? ` / ${e.column}` : ''}`,
          code: e.code,
          message: e.message,
        })),
      );
    }
    const snapshotIds = await storeSnapshots(
      em,
      actor,
      contest,
      analysis.readings.map((reading) => ({
        takenAt: new Date(reading.takenAt),
        source: analysis.source,
        fileSha256: analysis.fileSha256,
        fileName: file.originalName,
        counts: reading.rows,
      })),
    );
    return {
      snapshotId: snapshotIds.at(-1)!,
      snapshotIds,
      created: true,
      rows: rowCount(analysis.readings),
      unmatched: analysis.unmatched.length,
      warnings: analysis.warnings,
      source: analysis.source,
      fileSha256: analysis.fileSha256,
    };
  }

  private async analyse(
    em: EntityManager,
    contest: Contest,
    file: ImportFile,
    takenAt: string | undefined,
  ): Promise<Analysis> {
    const now = new Date();
    if (takenAt) assertNotInFuture(takenAt, now);
    // The entries are read first: the file's rows are matched to them while it is parsed.
    const entries = await publishedEntries(em, contest.id);
    const matcher = new RowMatcher(entries, takenAt ? new Date(takenAt) : null, now);
    // An insights export says "post id" or "permalink" in its header or in every row's post
    // address: the first rows tell (a file of several readings has 100.000 rows of times).
    let rowsSeen = 0;
    let looksLikeInsights = false;
    // one import at a time per contest (409 for a second one while this file is read)
    const sheet = await readSpreadsheet(
      file.path,
      (line, cells) => {
        if (rowsSeen++ < 50 && !looksLikeInsights)
          looksLikeInsights = cells.some(
            (c) => typeof c === 'string' && /permalink|post id/i.test(c),
          );
        matcher.push(line, cells);
      },
      contest.id,
    );
    const result = matcher.finish();
    assertOneTimeSource(result, takenAt);
    const { readings } = result;
    const previous = await this.previousCounts(em, contest.id, readings);
    const warnings = readings
      .flatMap((reading, i) => decreasedCounts(reading, previous[i]!))
      .sort((a, b) => a.line - b.line);
    const existing = (await em.query(
      `SELECT id FROM interaction_snapshots WHERE contest_id = $1 AND file_sha256 = $2
        ORDER BY taken_at`,
      [contest.id, sheet.sha256],
    )) as { id: string }[];
    const exclusions = await activeExclusions(em, contest.id);
    // Every reading is scored even when only committing: the engine also checks the counts
    // (too large, less than what was excluded), and a file it refuses must not be stored.
    // The points shown are those of the reading that would be official.
    const shown =
      officialSnapshot(
        readings.map((reading) => ({ reading, takenAt: new Date(reading.takenAt) })),
        contest.rules.dates.interactionCutoff,
      )?.reading ?? readings.at(-1);
    let computed: InteractionResult[] = [];
    for (const reading of readings) {
      const scored = computeInteractionPoints(
        contest.rules.interaction,
        reading.rows.map((row) => ({
          entryId: row.entryId,
          reactions: row.reactions,
          shares: row.shares,
          comments: row.comments,
          excluded: exclusions.get(row.entryId),
        })),
      );
      if (reading === shown) computed = scored;
    }
    return {
      ...result,
      warnings,
      fileSha256: sheet.sha256,
      source: `${looksLikeInsights ? 'insights' : 'template'}_${sheet.format}`,
      takenAt: shown?.takenAt ?? takenAt ?? '',
      canCommit: result.errors.length === 0 && rowCount(readings) > 0,
      existingSnapshotId: existing.at(-1)?.id ?? null,
      existingSnapshotIds: existing.map((e) => e.id),
      computed,
      entries,
    };
  }

  /**
   * For each reading (oldest first), the counts it is compared with, by entry: the reading
   * before it, from this file or from a stored snapshot, whichever was taken later.
   */
  private async previousCounts(
    em: EntityManager,
    contestId: string,
    readings: readonly Reading[],
  ): Promise<Map<string, Counts>[]> {
    if (!readings.length) return [];
    const stored = (await em.query(
      `SELECT id, taken_at AS "takenAt" FROM interaction_snapshots
        WHERE contest_id = $1 AND taken_at < $2 ORDER BY taken_at, created_at`,
      [contestId, readings.at(-1)!.takenAt],
    )) as { id: string; takenAt: Date }[];
    // per reading: the last stored snapshot taken before it, unless the file's previous
    // reading is later (or as late)
    const sources = readings.map((reading, i) => {
      const time = new Date(reading.takenAt).getTime();
      const before = stored.filter((s) => s.takenAt.getTime() < time).at(-1);
      const inFile = i > 0 ? new Date(readings[i - 1]!.takenAt).getTime() : -Infinity;
      return before && before.takenAt.getTime() > inFile ? before.id : i - 1;
    });
    const wanted = sources.filter((s): s is string => typeof s === 'string');
    const counts = await readCounts(em, [...new Set(wanted)]);
    return sources.map((s) => {
      const rows = typeof s === 'string' ? (counts.get(s) ?? []) : (readings[s]?.rows ?? []);
      return new Map(rows.map((r) => [r.entryId, r]));
    });
  }
}

const rowCount = (readings: readonly Reading[]) =>
  readings.reduce((sum, reading) => sum + reading.rows.length, 0);

/** The time of the readings comes from the file's "Thời điểm" column or from the form, once. */
function assertOneTimeSource(result: MatchResult, takenAt: string | undefined) {
  if (!result.headerLine) return; // no header: the file's own error says so
  if (result.timeColumn && takenAt)
    throw DomainError.invalid(
      'TAKEN_AT_TWICE',
      'Tệp đã có cột "Thời điểm" cho từng dòng; để trống ô thời điểm lấy số liệu.',
      'takenAt',
    );
  if (!result.timeColumn && !takenAt)
    throw DomainError.invalid(
      'TAKEN_AT_REQUIRED',
      'Cần nhập thời điểm lấy số liệu (hoặc thêm cột "Thời điểm" vào tệp).',
      'takenAt',
    );
}

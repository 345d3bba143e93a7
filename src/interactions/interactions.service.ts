import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditService, auditRow } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import type { ContestStatus } from '../contests/contest-status';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { computeInteractionPoints, InteractionInput, InteractionResult } from '../engine';
import { Entry } from '../entries/entry.entity';
import {
  AnomalyOptions,
  DEFAULT_ANOMALY_OPTIONS,
  findAnomalies,
  SnapshotCounts,
} from './anomalies';
import { sumExclusions } from './sum-exclusions';
import { InteractionExclusion } from './interaction-exclusion.entity';
import { InteractionSnapshot, SnapshotSource } from './interaction-snapshot.entity';
import {
  Counts,
  decreasedCounts,
  EntryKey,
  MatchedRow,
  matchedRowsOf,
  MatchResult,
  RowIssue,
  RowMatcher,
} from './match-rows';
import { countsOfReading, CountsByEntry, noCounts, Reading } from './reading';
import { readSpreadsheet } from './read-spreadsheet';
import {
  CountColumns,
  EntryCounts,
  insertSnapshots,
  NewSnapshot,
  readCounts,
  readCountsByEntry,
  snapshotCounts,
} from './snapshot-counts';
import { EntryIdTable } from './entry-id-table';

/** Counts are imported while entries are published and during judging, not before or after. */
const IMPORT_PHASES: ContestStatus[] = ['published', 'judging'];

/** An uploaded file, on disk until the request ends. */
export interface ImportFile {
  path: string;
  originalName: string;
}

export interface Preview extends Omit<MatchResult, 'readings' | 'matchedRows'> {
  /** Every row matched without error, in the file's order. */
  matched: MatchedRow[];
  warnings: RowIssue[];
  fileSha256: string;
  source: SnapshotSource;
  /** The reading whose points are shown: the file's time, or in a file of several readings the
   * one that would be official (the last at or before the cut-off, else the last). */
  takenAt: string;
  /** One snapshot per reading, oldest first (one for a file without a "Thời điểm" column). */
  readings: { takenAt: string; rows: number }[];
  canCommit: boolean;
  /** Interaction points each entry would get if this snapshot became the official one. */
  points: { entryId: string; teamNumber: number; raw: number; points: string; rank: number }[];
  /** Set when this exact file was already imported: its (latest) snapshot. */
  existingSnapshotId: string | null;
  /** Every snapshot this file made before, oldest first (empty when it is new). */
  existingSnapshotIds: string[];
}

/** A file checked against the contest: the preview before its points are laid out for display. */
interface Analysis extends Omit<Preview, 'points' | 'matched' | 'readings'> {
  readings: Reading[];
  matchedRows: number;
  computed: InteractionResult[];
  entries: EntryKey[];
  entryTable: EntryIdTable;
}

@Injectable()
export class InteractionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly audit: AuditService,
  ) {}

  // ---- import: preview, then commit ----------------------------------------------------------

  async preview(contestId: string, file: ImportFile, takenAt?: string): Promise<Preview> {
    const contest = await this.contests.get(contestId);
    return toPreview(await this.analyse(this.dataSource.manager, contest, file, takenAt));
  }

  /**
   * All rows or none: every reading of the file becomes a snapshot in one transaction. The
   * same file twice gives the same snapshots (idempotent).
   */
  async commit(actor: Actor, contestId: string, file: ImportFile, takenAt?: string) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertImportPhase(contest);
      const analysis = await this.analyse(em, contest, file, takenAt);
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
      const snapshotIds = await this.store(
        em,
        actor,
        contest,
        analysis.readings.map((reading) => ({
          takenAt: new Date(reading.takenAt),
          source: analysis.source,
          fileSha256: analysis.fileSha256,
          fileName: file.originalName,
          counts: columnsOf(reading, analysis.entryTable),
        })),
      );
      return { snapshotId: snapshotIds.at(-1)!, snapshotIds, created: true, ...summary(analysis) };
    });
  }

  /** Counts typed into a form (small contests): same rules, same snapshot history. */
  async commitForm(actor: Actor, contestId: string, takenAt: string, counts: EntryCounts[]) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertImportPhase(contest);
      const published = new Set((await publishedEntries(em, contestId)).map((e) => e.entryId));
      const seen = new Set<string>();
      counts.forEach((c, i) => {
        if (!published.has(c.entryId)) {
          throw DomainError.invalid(
            'UNKNOWN_ENTRY',
            'Sản phẩm không thuộc hội thi hoặc chưa được đăng tải.',
            `counts[${i}].entryId`,
          );
        }
        if (seen.has(c.entryId))
          throw DomainError.invalid(
            'DUPLICATE_ROW',
            'Một sản phẩm chỉ nhập một lần.',
            `counts[${i}].entryId`,
          );
        seen.add(c.entryId);
      });
      const canonical = JSON.stringify({
        takenAt: new Date(takenAt).toISOString(),
        counts: [...counts].sort((a, b) => a.entryId.localeCompare(b.entryId)),
      });
      const fileSha256 = sha256(Buffer.from(canonical));
      const existing = await em
        .getRepository(InteractionSnapshot)
        .findOneBy({ contestId, fileSha256 });
      if (existing) return { snapshotId: existing.id, created: false };
      const [snapshotId] = await this.store(em, actor, contest, [
        {
          takenAt: new Date(takenAt),
          source: 'form',
          fileSha256,
          fileName: null,
          counts: {
            entries: new EntryIdTable(counts.map((c) => c.entryId)),
            entry: counts.map((_, i) => i),
            reactions: counts.map((c) => c.reactions),
            shares: counts.map((c) => c.shares),
            comments: counts.map((c) => c.comments ?? 0),
          },
        },
      ]);
      return { snapshotId: snapshotId!, created: true };
    });
  }

  /** The snapshots and their audit rows, in the caller's transaction; their ids in order. */
  private store(
    em: EntityManager,
    actor: Actor,
    contest: Contest,
    snapshots: Omit<NewSnapshot, 'contestId' | 'createdBy'>[],
  ): Promise<string[]> {
    return insertSnapshots(
      em,
      snapshots.map((s) => ({ ...s, contestId: contest.id, createdBy: actor.userId })),
      (s, snapshotId) =>
        auditRow(actor, {
          contestId: contest.id,
          action: 'interactions.snapshot',
          entityType: 'interaction_snapshot',
          entityId: snapshotId,
          after: {
            takenAt: s.takenAt,
            source: s.source,
            fileSha256: s.fileSha256,
            fileName: s.fileName,
            rows: s.counts.entry.length,
          },
        }),
    );
  }

  private async analyse(
    em: EntityManager,
    contest: Contest,
    file: ImportFile,
    takenAt: string | undefined,
  ): Promise<Analysis> {
    // The entries are read first: the file's rows are matched to them while it is parsed.
    const entries = await publishedEntries(em, contest.id);
    const entryTable = new EntryIdTable(entries.map((e) => e.entryId));
    const matcher = new RowMatcher(entries, takenAt ? new Date(takenAt) : null);
    // An insights export says "post id" or "permalink" in its header or in every row's post
    // address: the first rows tell (a file of several readings has 100.000 rows of times).
    // Only text of 7+ characters can contain either, so counts and team numbers are skipped.
    let rowsSeen = 0;
    let looksLikeInsights = false;
    const sheet = await readSpreadsheet(
      file.path,
      (line, cells) => {
        if (rowsSeen++ < 50 && !looksLikeInsights)
          looksLikeInsights = cells.some(
            (c) => typeof c === 'string' && c.length >= 7 && /permalink|post id/i.test(c),
          );
        matcher.push(line, cells);
        // one import at a time per contest (409 for a second one while this file is read)
      },
      contest.id,
    );
    const fileSha256 = sheet.sha256;
    const result = matcher.finish();
    assertOneTimeSource(result, takenAt);
    const source: SnapshotSource = `${looksLikeInsights ? 'insights' : 'template'}_${sheet.format}`;
    const readings = result.readings;
    const warnings: RowIssue[] = [];
    for (const [i, previous] of (
      await this.previousCounts(em, contest.id, readings, entryTable)
    ).entries())
      warnings.push(...decreasedCounts(readings[i]!, previous));
    warnings.sort((a, b) => a.line - b.line);
    const existing = (await em.query(
      `SELECT id FROM interaction_snapshots WHERE contest_id = $1 AND file_sha256 = $2
        ORDER BY taken_at`,
      [contest.id, fileSha256],
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
      const input = new Array<InteractionInput>(reading.size);
      for (let i = 0; i < reading.size; i++) {
        const entryId = entries[reading.entry[i]!]!.entryId;
        input[i] = {
          entryId,
          reactions: reading.reactions[i]!,
          shares: reading.shares[i]!,
          comments: reading.comments[i]!,
          excluded: exclusions.get(entryId),
        };
      }
      const scored = computeInteractionPoints(contest.rules.interaction, input);
      if (reading === shown) computed = scored;
    }
    return {
      ...result,
      warnings,
      fileSha256,
      source,
      takenAt: shown?.takenAt ?? takenAt ?? '',
      canCommit: result.errors.length === 0 && result.matchedRows > 0,
      existingSnapshotId: existing.at(-1)?.id ?? null,
      existingSnapshotIds: existing.map((e) => e.id),
      computed,
      entries,
      entryTable,
    };
  }

  /**
   * For each reading (oldest first), the counts it is compared with: the reading before it,
   * from this file or from a stored snapshot, whichever was taken later.
   */
  private async previousCounts(
    em: EntityManager,
    contestId: string,
    readings: readonly Reading[],
    entries: EntryIdTable,
  ): Promise<CountsByEntry[]> {
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
    // entries no longer published are left out: no row of this file can match them
    const counts = await readCountsByEntry(em, [...new Set(wanted)], entries);
    return sources.map((s) =>
      typeof s === 'string'
        ? (counts.get(s) ?? noCounts(entries.size))
        : s >= 0
          ? countsOfReading(readings[s]!, entries.size)
          : noCounts(entries.size),
    );
  }

  // ---- reading ---------------------------------------------------------------------------

  /** Per entry: official counts, raw interactions, points, rank, anomaly flags, exclusions. */
  /** Interaction points from the official snapshot (what the preliminary score uses). */
  async officialPoints(contestId: string) {
    const contest = await this.contests.get(contestId);
    return (await this.official(contest)).computed;
  }

  /**
   * What the results are computed from: the official snapshot and, per published entry, its
   * counts and the active exclusions with their reasons (the engine scores them).
   */
  async officialInputs(contestId: string, em: EntityManager = this.dataSource.manager) {
    const contest = await this.contests.get(contestId, em);
    const snapshots = await em
      .getRepository(InteractionSnapshot)
      .find({ where: { contestId }, order: { takenAt: 'ASC', createdAt: 'ASC' } });
    const official = officialSnapshot(snapshots, contest.rules.dates.interactionCutoff);
    const counts = await snapshotCounts(em, official?.id ?? null);
    const exclusions = await em.getRepository(InteractionExclusion).find({
      where: { contestId, withdrawnAt: IsNull() },
      order: { createdAt: 'ASC' },
    });
    return { official, counts, exclusions };
  }

  private async official(contest: Contest) {
    const em = this.dataSource.manager;
    const entries = await publishedEntries(em, contest.id);
    const snapshots = await em
      .getRepository(InteractionSnapshot)
      .find({ where: { contestId: contest.id }, order: { takenAt: 'ASC', createdAt: 'ASC' } });
    const official = officialSnapshot(snapshots, contest.rules.dates.interactionCutoff);
    const counts = await snapshotCounts(em, official?.id ?? null);
    const exclusions = await activeExclusions(em, contest.id);
    const countOf = new Map(counts.map((c) => [c.entryId, c]));
    const computed = computeInteractionPoints(
      contest.rules.interaction,
      entries.map((e) => {
        const c = countOf.get(e.entryId);
        return {
          entryId: e.entryId,
          reactions: c?.reactions ?? 0,
          shares: c?.shares ?? 0,
          comments: c?.comments ?? 0,
          excluded: exclusions.get(e.entryId),
        };
      }),
    );
    return { entries, snapshots, official, countOf, exclusions, computed };
  }

  async standings(contestId: string, anomalyOptions: AnomalyOptions = DEFAULT_ANOMALY_OPTIONS) {
    const contest = await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const { entries, snapshots, official, countOf, exclusions, computed } =
      await this.official(contest);
    const computedOf = new Map(computed.map((c) => [c.entryId, c]));
    // Grouped per entry once (in their order) rather than filtered again for every entry.
    const flags = groupBy(
      findAnomalies(await this.allCounts(em, snapshots), anomalyOptions),
      (f) => f.entryId,
    );
    const exclusionRows = groupBy(
      await em
        .getRepository(InteractionExclusion)
        .find({ where: { contestId }, order: { createdAt: 'ASC' } }),
      (x) => x.entryId,
    );
    return {
      officialSnapshot: official
        ? { id: official.id, takenAt: official.takenAt, source: official.source }
        : null,
      interactionCutoff: contest.rules.dates.interactionCutoff,
      anomalyOptions,
      snapshots: snapshots.map((s) => ({ ...s, official: s.id === official?.id })),
      entries: entries.map((e) => {
        const c = countOf.get(e.entryId);
        const r = computedOf.get(e.entryId)!;
        return {
          entryId: e.entryId,
          teamNumber: e.teamNumber,
          counts: c ? { reactions: c.reactions, shares: c.shares, comments: c.comments } : null,
          excluded: exclusions.get(e.entryId) ?? null,
          raw: r.raw,
          points: hundredths(r.points),
          rank: r.rank,
          flags: flags.get(e.entryId) ?? [],
          exclusions: exclusionRows.get(e.entryId) ?? [],
        };
      }),
    };
  }

  /** Counts over time per entry, ready for a chart. */
  async history(contestId: string) {
    await this.contests.get(contestId);
    const em = this.dataSource.manager;
    const entries = await publishedEntries(em, contestId);
    const snapshots = await em
      .getRepository(InteractionSnapshot)
      .find({ where: { contestId }, order: { takenAt: 'ASC' } });
    const all = await this.allCounts(em, snapshots);
    return entries.map((e) => ({
      entryId: e.entryId,
      teamNumber: e.teamNumber,
      series: all
        .filter((s) => s.counts.has(e.entryId))
        .map((s) => ({
          snapshotId: s.snapshotId,
          takenAt: s.takenAt,
          ...s.counts.get(e.entryId)!,
        })),
    }));
  }

  // ---- exclusions ------------------------------------------------------------------------

  async exclude(
    actor: Actor,
    contestId: string,
    input: {
      entryId: string;
      reactions?: number;
      shares?: number;
      comments?: number;
      reason: string;
    },
  ) {
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const entry = await em
        .getRepository(Entry)
        .findOneBy({ id: input.entryId, contestId, status: 'published' });
      if (!entry)
        throw DomainError.invalid(
          'UNKNOWN_ENTRY',
          'Sản phẩm không thuộc hội thi hoặc chưa được đăng tải.',
          'entryId',
        );
      const amounts = {
        reactions: input.reactions ?? 0,
        shares: input.shares ?? 0,
        comments: input.comments ?? 0,
      };
      if (amounts.reactions + amounts.shares + amounts.comments === 0) {
        throw DomainError.invalid('NOTHING_EXCLUDED', 'Cần nêu số lượt bị loại trừ.', 'reactions');
      }
      const row = await em.getRepository(InteractionExclusion).save(
        em.getRepository(InteractionExclusion).create({
          contestId,
          entryId: input.entryId,
          ...amounts,
          reason: input.reason,
          createdBy: actor.userId,
        }),
      );
      await this.audit.record(em, actor, {
        contestId,
        action: 'interactions.exclude',
        entityType: 'interaction_exclusion',
        entityId: row.id,
        after: { entryId: input.entryId, ...amounts },
        reason: input.reason,
      });
      return row;
    });
  }

  async withdrawExclusion(actor: Actor, contestId: string, exclusionId: string, reason: string) {
    return this.dataSource.transaction(async (em) => {
      const row = await em
        .getRepository(InteractionExclusion)
        .findOne({ where: { id: exclusionId, contestId }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw DomainError.notFound('EXCLUSION', 'Không tìm thấy quyết định loại trừ.');
      if (row.withdrawnAt)
        throw DomainError.conflict(
          'ALREADY_WITHDRAWN',
          'Quyết định loại trừ đã được hủy trước đó.',
        );
      row.withdrawnAt = new Date();
      await em.getRepository(InteractionExclusion).save(row);
      await this.audit.record(em, actor, {
        contestId,
        action: 'interactions.withdraw_exclusion',
        entityType: 'interaction_exclusion',
        entityId: row.id,
        before: { withdrawnAt: null },
        after: { withdrawnAt: row.withdrawnAt },
        reason,
      });
      return row;
    });
  }

  // ---- helpers ----------------------------------------------------------------------------

  private async allCounts(
    em: EntityManager,
    snapshots: InteractionSnapshot[],
  ): Promise<SnapshotCounts[]> {
    const counts = await readCounts(
      em,
      snapshots.map((s) => s.id),
    );
    return snapshots.map((s) => ({
      snapshotId: s.id,
      takenAt: s.takenAt,
      counts: new Map((counts.get(s.id) ?? []).map(({ entryId, ...c }) => [entryId, c])),
    }));
  }
}

/**
 * The preview as shown: the points per entry with its team number. Only built when a preview
 * is answered; a commit of a new file answers a summary and skips this per-entry work.
 */
function toPreview(analysis: Analysis): Preview {
  const {
    computed,
    entries,
    entryTable: _table,
    readings,
    matchedRows: _count,
    ...rest
  } = analysis;
  const teamNumbers = new Map(entries.map((e) => [e.entryId, e.teamNumber]));
  return {
    ...rest,
    matched: matchedRowsOf(readings, entries),
    readings: readings.map((r) => ({ takenAt: r.takenAt, rows: r.size })),
    points: computed.map((c) => ({
      entryId: c.entryId,
      teamNumber: teamNumbers.get(c.entryId) ?? 0,
      raw: c.raw,
      points: hundredths(c.points),
      rank: c.rank,
    })),
  };
}

/** What a commit answers: counts and the few warnings, not the whole preview again. */
function summary(analysis: Analysis) {
  return {
    rows: analysis.matchedRows,
    unmatched: analysis.unmatched.length,
    warnings: analysis.warnings,
    source: analysis.source,
    fileSha256: analysis.fileSha256,
  };
}

/** Items by key, each group in the items' order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

/** The snapshot that feeds the score: the last one taken at or before the cut-off (or the last one). */
export function officialSnapshot<T extends { takenAt: Date }>(
  snapshots: T[],
  cutoff: string | null,
): T | null {
  const limit = cutoff ? new Date(cutoff).getTime() : Infinity;
  const eligible = snapshots.filter((s) => s.takenAt.getTime() <= limit);
  return eligible.sort((a, b) => a.takenAt.getTime() - b.takenAt.getTime()).at(-1) ?? null;
}

/**
 * Published entries with their team number and post address: plain rows already shaped as
 * EntryKey (no entity hydration, no second copy of 10.000 objects).
 */
async function publishedEntries(em: EntityManager, contestId: string): Promise<EntryKey[]> {
  return em.query(
    `SELECT e.id AS "entryId", t.number AS "teamNumber", e.post_url AS "postUrl"
       FROM entries e JOIN teams t ON t.id = e.team_id
      WHERE e.contest_id = $1 AND e.status = 'published'
      ORDER BY t.number`,
    [contestId],
  );
}

async function activeExclusions(
  em: EntityManager,
  contestId: string,
): Promise<Map<string, Counts>> {
  const rows = await em
    .getRepository(InteractionExclusion)
    .find({ where: { contestId, withdrawnAt: IsNull() } });
  return sumExclusions(rows);
}

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

function assertImportPhase(contest: Contest) {
  if (!IMPORT_PHASES.includes(contest.status)) {
    throw DomainError.conflict(
      'IMPORT_CLOSED',
      'Chỉ nhập lượt tương tác sau khi đăng tải và trong thời gian chấm.',
      'status',
      {
        contestStatus: contest.status,
      },
    );
  }
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A reading's counts as the columns a snapshot stores. */
function columnsOf(reading: Reading, entries: EntryIdTable): CountColumns {
  return {
    entries,
    entry: reading.entry.subarray(0, reading.size),
    reactions: reading.reactions.subarray(0, reading.size),
    shares: reading.shares.subarray(0, reading.size),
    comments: reading.comments.subarray(0, reading.size),
  };
}
const hundredths = (h: number) => (h / 100).toFixed(2);

import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService, auditRow } from '../audit/audit.service';
import { Actor, membershipIn } from '../auth/actor';
import { User } from '../auth/user.entity';
import { DomainError, ErrorDetail } from '../common/domain-error';
import { ContestMember } from '../contests/contest-member.entity';
import { ContestsService } from '../contests/contests.service';
import { ContestRules, hundredthsToString, toHundredths } from '../engine';
import { Entry, EntryStatus } from '../entries/entry.entity';
import { Team } from '../teams/team.entity';
import { assertFactsAllowScoring, ScoringFacts } from './conflict-of-interest';
import { CardChange, CardRow, ScoringState } from './scorecard-statements';
import { ScorecardStore } from './scorecard-store';
import { IdempotencyService } from './idempotency.service';
import { JudgeAssignment } from './judge-assignment.entity';
import { JudgeConflict } from './judge-conflict.entity';
import { Scorecard } from './scorecard.entity';
import { enqueue } from '../notifications/events';

const JUDGEABLE: EntryStatus[] = ['approved', 'published'];
/** A judge's total this far from the mean of the others' is highlighted. */
const OUTLIER_POINTS = 2000; // hundredths: 20,00 points

export interface ScorecardView {
  id: string | null;
  entryId: string;
  judgeId: string;
  status: 'missing' | 'draft' | 'submitted';
  scores: Record<string, string>;
  total: string | null;
  comment: string;
  version: number;
  submittedAt: Date | null;
}

@Injectable()
export class JudgingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly store: ScorecardStore,
  ) {}

  // ---- assignments and conflicts ----------------------------------------------------------

  /** Every judge to every approved/published entry, except where a conflict forbids it. */
  async assignAll(actor: Actor, contestId: string) {
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const { judges, entries } = await this.people(em, contestId);
      const blocked = await this.blockedPairs(em, contestId, judges, entries);
      const rows = judges.flatMap((j) =>
        entries
          .filter((e) => !blocked.has(`${j.userId}|${e.id}`))
          .map((e) => ({ contestId, judgeId: j.userId, entryId: e.id })),
      );
      await em
        .createQueryBuilder()
        .insert()
        .into(JudgeAssignment)
        .values(rows)
        .orIgnore()
        .execute();
      const total = await em.getRepository(JudgeAssignment).countBy({ contestId });
      await this.audit.record(em, actor, {
        contestId,
        action: 'judging.assign_all',
        entityType: 'judge_assignment',
        entityId: contestId,
        after: { assignments: total, skippedForConflicts: blocked.size },
      });
      await enqueue(em, { type: 'judge.assigned', contestId }); // notifications (issue 25)
      return { assignments: total, skippedForConflicts: blocked.size };
    });
  }

  /** A custom row of the matrix: exactly these entries for this judge (conflicts refused). */
  async assign(actor: Actor, contestId: string, judgeId: string, entryIds: string[]) {
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const { judges, entries } = await this.people(em, contestId);
      const judge = judges.find((j) => j.userId === judgeId);
      if (!judge)
        throw DomainError.invalid(
          'NOT_A_JUDGE',
          'Người này không phải giám khảo của hội thi.',
          'judgeId',
        );
      const unique = [...new Set(entryIds)];
      const chosen = entries.filter((e) => unique.includes(e.id));
      if (chosen.length !== unique.length) {
        throw DomainError.invalid(
          'UNKNOWN_ENTRY',
          'Có sản phẩm không thuộc hội thi hoặc chưa được duyệt.',
          'entryIds',
        );
      }
      const blocked = await this.blockedPairs(em, contestId, [judge], chosen);
      if (blocked.size) {
        throw DomainError.conflict(
          'CONFLICT_OF_INTEREST',
          'Không thể phân công giám khảo chấm sản phẩm có xung đột lợi ích.',
          'entryIds',
          {
            entryIds: [...blocked].map((k) => k.split('|')[1]),
          },
        );
      }
      const before = await em
        .getRepository(JudgeAssignment)
        .find({ where: { contestId, judgeId } });
      const scored = await em.getRepository(Scorecard).find({ where: { contestId, judgeId } });
      const dropped = before.filter((a) => !unique.includes(a.entryId));
      if (dropped.some((a) => scored.some((s) => s.entryId === a.entryId))) {
        throw DomainError.conflict(
          'HAS_SCORECARD',
          'Không thể bỏ phân công khi giám khảo đã chấm sản phẩm đó.',
          'entryIds',
        );
      }
      if (dropped.length)
        await em
          .getRepository(JudgeAssignment)
          .delete({ contestId, judgeId, entryId: In(dropped.map((d) => d.entryId)) });
      if (unique.length) {
        await em
          .createQueryBuilder()
          .insert()
          .into(JudgeAssignment)
          .values(unique.map((entryId) => ({ contestId, judgeId, entryId })))
          .orIgnore()
          .execute();
      }
      await this.audit.record(em, actor, {
        contestId,
        action: 'judging.assign',
        entityType: 'judge_assignment',
        entityId: judgeId,
        before: { entryIds: before.map((a) => a.entryId).sort() },
        after: { entryIds: unique.sort() },
      });
      await enqueue(em, { type: 'judge.assigned', contestId, judgeId }); // notifications (issue 25)
      return { judgeId, entryIds: unique };
    });
  }

  async assignments(actor: Actor, contestId: string) {
    await this.contests.get(contestId);
    const mine = membershipIn(actor, contestId)?.role === 'judge' && !actor.isAdmin;
    const rows = await this.dataSource
      .getRepository(JudgeAssignment)
      .find({ where: mine ? { contestId, judgeId: actor.userId } : { contestId } });
    const cards = await this.dataSource.getRepository(Scorecard).find({
      where: mine ? { contestId, judgeId: actor.userId } : { contestId },
      select: { entryId: true, judgeId: true, status: true },
    });
    const statusOf = new Map(cards.map((c) => [`${c.judgeId}|${c.entryId}`, c.status]));
    return rows.map((a) => ({
      judgeId: a.judgeId,
      entryId: a.entryId,
      status: statusOf.get(`${a.judgeId}|${a.entryId}`) ?? 'missing',
    }));
  }

  /** Organisers declare a further conflict: the assignment goes, scoring is refused. */
  async declareConflict(
    actor: Actor,
    contestId: string,
    judgeId: string,
    entryId: string,
    reason: string,
  ) {
    return this.addConflict(actor, contestId, judgeId, entryId, reason, 'declared');
  }

  /** A judge steps back from an entry; their card (if any) is then not counted. */
  async recuse(actor: Actor, contestId: string, entryId: string, reason: string) {
    return this.addConflict(actor, contestId, actor.userId, entryId, reason, 'recusal');
  }

  private async addConflict(
    actor: Actor,
    contestId: string,
    judgeId: string,
    entryId: string,
    reason: string,
    kind: 'declared' | 'recusal',
  ) {
    return this.dataSource.transaction(async (em) => {
      await this.contests.lock(em, contestId);
      const entry = await em.getRepository(Entry).findOneBy({ id: entryId, contestId });
      if (!entry) throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
      const judge = await em
        .getRepository(ContestMember)
        .findOneBy({ contestId, userId: judgeId, role: 'judge' });
      if (!judge)
        throw DomainError.invalid(
          'NOT_A_JUDGE',
          'Người này không phải giám khảo của hội thi.',
          'judgeId',
        );
      const card = await em.getRepository(Scorecard).findOneBy({ entryId, judgeId });
      if (card?.status === 'submitted' && kind === 'declared') {
        throw DomainError.conflict(
          'ALREADY_SUBMITTED',
          'Giám khảo đã nộp phiếu; hãy mở lại phiếu trước khi ghi xung đột.',
        );
      }
      await em
        .createQueryBuilder()
        .insert()
        .into(JudgeConflict)
        .values({ contestId, judgeId, entryId, kind, reason, createdBy: actor.userId })
        .orIgnore()
        .execute();
      await em.getRepository(JudgeAssignment).delete({ contestId, judgeId, entryId });
      await this.audit.record(em, actor, {
        contestId,
        action: kind === 'recusal' ? 'judging.recuse' : 'judging.conflict',
        entityType: 'judge_conflict',
        entityId: `${judgeId}:${entryId}`,
        after: { judgeId, entryId, kind },
        reason,
      });
      return { judgeId, entryId, kind, reason };
    });
  }

  // ---- scorecards --------------------------------------------------------------------------

  async myScorecard(actor: Actor, contestId: string, entryId: string): Promise<ScorecardView> {
    const state = await this.loadState(contestId, actor.userId, entryId);
    assertMayScore(state.facts);
    return view(state.card, entryId, actor.userId);
  }

  /** Organisers, and the judge who owns it; other judges get 403. */
  async scorecard(actor: Actor, contestId: string, scorecardId: string): Promise<ScorecardView> {
    const card = await this.dataSource
      .getRepository(Scorecard)
      .findOneBy({ id: scorecardId, contestId });
    if (!card) throw DomainError.notFound('SCORECARD', 'Không tìm thấy phiếu chấm.');
    const role = actor.isAdmin ? 'organiser' : membershipIn(actor, contestId)?.role;
    if (role !== 'organiser' && card.judgeId !== actor.userId) {
      throw DomainError.forbidden(
        'NOT_YOUR_SCORECARD',
        'Giám khảo không xem được phiếu chấm của giám khảo khác.',
      );
    }
    return view(card, card.entryId, card.judgeId);
  }

  async saveDraft(
    actor: Actor,
    contestId: string,
    entryId: string,
    input: { scores: Record<string, number>; comment?: string; version?: number },
    idempotencyKey?: string,
  ): Promise<ScorecardView> {
    return this.idempotency.run(
      actor.userId,
      idempotencyKey,
      { op: 'save', contestId, entryId, input },
      async (claim) => {
        const { judging, card: existing } = await this.scoringState(
          contestId,
          actor.userId,
          entryId,
        );
        const scores = checkScores(judging, input.scores, false);
        assertWritable(existing, input.version, entryId, actor.userId);
        const merged = { ...(existing?.scores ?? {}), ...scores };
        const change: CardChange = {
          scores: merged,
          total: totalOf(judging, merged),
          comment: input.comment ?? existing?.comment ?? '',
          status: 'draft',
          submittedAt: existing?.submittedAt ?? null,
        };
        // The answer is known before the write: the id is ours for a new card, and the
        // version moves by one from the one the tablet saw.
        const id = existing?.id ?? randomUUID();
        const saved = view(
          { id, version: (existing?.version ?? 0) + 1, ...change },
          entryId,
          actor.userId,
        );
        const tail = {
          audit: auditRow(actor, {
            contestId,
            action: existing ? 'scorecard.save' : 'scorecard.create',
            entityType: 'scorecard',
            entityId: id,
            before: existing ? { scores: existing.scores } : undefined,
            after: { scores: saved.scores, total: saved.total, version: saved.version },
          }),
          claim,
          response: saved,
        };
        const written = existing
          ? await this.store.update(contestId, existing, change, tail)
          : await this.store.insert(
              contestId,
              { id, entryId, judgeId: actor.userId },
              change,
              tail,
            );
        if (written !== saved.version)
          await this.explainUnwritten(contestId, actor.userId, entryId, input.version);
        return saved;
      },
    );
  }

  async submit(
    actor: Actor,
    contestId: string,
    entryId: string,
    version: number,
    idempotencyKey?: string,
  ): Promise<ScorecardView> {
    return this.idempotency.run(
      actor.userId,
      idempotencyKey,
      { op: 'submit', contestId, entryId, version },
      async (claim) => {
        const { judging, card } = await this.scoringState(contestId, actor.userId, entryId);
        if (!card) throw DomainError.conflict('NOTHING_TO_SUBMIT', 'Chưa có phiếu chấm để nộp.');
        assertWritable(card, version, entryId, actor.userId);
        checkScores(
          judging,
          Object.fromEntries(Object.entries(card.scores).map(([k, v]) => [k, Number(v)])),
          true,
        );
        const change: CardChange = { ...card, status: 'submitted', submittedAt: new Date() };
        const saved = view(
          { ...change, id: card.id, version: card.version + 1 },
          entryId,
          actor.userId,
        );
        const written = await this.store.update(contestId, card, change, {
          audit: auditRow(actor, {
            contestId,
            action: 'scorecard.submit',
            entityType: 'scorecard',
            entityId: card.id,
            before: { status: 'draft' },
            after: { status: 'submitted', scores: saved.scores, total: saved.total },
          }),
          claim,
          response: saved,
        });
        if (written !== saved.version)
          await this.explainUnwritten(contestId, actor.userId, entryId, version);
        return saved;
      },
    );
  }

  async reopen(
    actor: Actor,
    contestId: string,
    scorecardId: string,
    reason: string,
  ): Promise<ScorecardView> {
    return this.dataSource.transaction(async (em) => {
      const card = await em
        .getRepository(Scorecard)
        .findOne({ where: { id: scorecardId, contestId }, lock: { mode: 'pessimistic_write' } });
      if (!card) throw DomainError.notFound('SCORECARD', 'Không tìm thấy phiếu chấm.');
      if (card.status !== 'submitted')
        throw DomainError.conflict('NOT_SUBMITTED', 'Phiếu chấm chưa được nộp.');
      card.status = 'draft';
      card.submittedAt = null;
      const saved = await em.getRepository(Scorecard).save(card);
      await this.audit.record(em, actor, {
        contestId,
        action: 'scorecard.reopen',
        entityType: 'scorecard',
        entityId: card.id,
        before: { status: 'submitted' },
        after: { status: 'draft' },
        reason,
      });
      return view(saved, card.entryId, card.judgeId);
    });
  }

  // ---- progress and closing ----------------------------------------------------------------

  /** Per judge and entry: missing / draft / submitted; per entry: spread and outliers. */
  async progress(contestId: string) {
    await this.contests.get(contestId);
    const assignments = await this.dataSource
      .getRepository(JudgeAssignment)
      .find({ where: { contestId } });
    const cards = await this.dataSource.getRepository(Scorecard).find({ where: { contestId } });
    const judgeIds = [...new Set(assignments.map((a) => a.judgeId))];
    const users = judgeIds.length
      ? await this.dataSource.getRepository(User).find({ where: { id: In(judgeIds) } })
      : [];
    const cardOf = new Map(cards.map((c) => [`${c.judgeId}|${c.entryId}`, c]));
    const cells = assignments.map((a) => ({
      judgeId: a.judgeId,
      entryId: a.entryId,
      status: cardOf.get(`${a.judgeId}|${a.entryId}`)?.status ?? ('missing' as const),
    }));
    // One pass to count per judge and to group per entry.
    const perJudge = new Map<string, { missing: number; draft: number; submitted: number }>();
    const perEntry = new Map<
      string,
      { assigned: number; totals: { judgeId: string; total: number }[] }
    >();
    for (const cell of cells) {
      const j = perJudge.get(cell.judgeId) ?? { missing: 0, draft: 0, submitted: 0 };
      j[cell.status]++;
      perJudge.set(cell.judgeId, j);
      const e = perEntry.get(cell.entryId) ?? { assigned: 0, totals: [] };
      e.assigned++;
      perEntry.set(cell.entryId, e);
    }
    for (const c of cards) {
      if (c.status !== 'submitted' || c.total === null) continue;
      const e = perEntry.get(c.entryId) ?? { assigned: 0, totals: [] };
      e.totals.push({ judgeId: c.judgeId, total: toHundredths(c.total) });
      perEntry.set(c.entryId, e);
    }
    const entries = [...perEntry].map(([entryId, { assigned, totals }]) => {
      const values = totals.map((t) => t.total);
      const spread = values.length ? Math.max(...values) - Math.min(...values) : null;
      const sum = values.reduce((a, b) => a + b, 0);
      const outliers = totals
        .filter((t) => {
          const n = totals.length - 1;
          if (n === 0) return false;
          // |t − mean(others)| ≥ 20 ⇔ |t·n − Σothers| ≥ 20·n, kept in integers
          return Math.abs(t.total * n - (sum - t.total)) >= OUTLIER_POINTS * n;
        })
        .map((t) => t.judgeId);
      return {
        entryId,
        submitted: totals.length,
        assigned,
        spread: spread === null ? null : hundredthsToString(spread),
        outliers,
      };
    });
    return {
      judges: users.map((u) => ({
        judgeId: u.id,
        displayName: u.displayName,
        ...(perJudge.get(u.id) ?? { missing: 0, draft: 0, submitted: 0 }),
      })),
      cells,
      entries,
      complete: cells.every((c) => c.status === 'submitted'),
    };
  }

  /**
   * Closes the preliminary round (contest → final). Missing or draft scorecards block it
   * unless the organiser records why.
   */
  async close(actor: Actor, contestId: string, reason?: string) {
    return this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      if (contest.status !== 'judging') {
        throw DomainError.conflict('NOT_JUDGING', 'Hội thi không ở bước chấm sơ khảo.', 'status', {
          contestStatus: contest.status,
        });
      }
      const assignments = await em.getRepository(JudgeAssignment).find({ where: { contestId } });
      const submitted = await em.getRepository(Scorecard).find({
        where: { contestId, status: 'submitted' },
        select: { entryId: true, judgeId: true },
      });
      const done = new Set(submitted.map((c) => `${c.judgeId}|${c.entryId}`));
      const incomplete = assignments.filter((a) => !done.has(`${a.judgeId}|${a.entryId}`));
      if (incomplete.length && !reason) {
        throw DomainError.conflict(
          'INCOMPLETE_SCORECARDS',
          `Còn ${incomplete.length} phiếu chấm chưa nộp. Ghi rõ lý do nếu vẫn muốn kết thúc vòng sơ khảo.`,
          'reason',
          { incomplete: incomplete.map((a) => ({ judgeId: a.judgeId, entryId: a.entryId })) },
        );
      }
      await this.contests.moveTo(em, actor, contest, 'final', {
        action: 'judging.close',
        reason,
        details: { incompleteScorecards: incomplete.length },
      });
      return { status: 'final', incompleteScorecards: incomplete.length };
    });
  }

  // ---- rules -------------------------------------------------------------------------------

  /** The contest, the judge's relation to the entry and their card, if they may score it. */
  private async scoringState(
    contestId: string,
    judgeId: string,
    entryId: string,
  ): Promise<ScoringState> {
    const state = await this.loadState(contestId, judgeId, entryId);
    assertJudgingOpen(state.contestStatus);
    assertMayScore(state.facts);
    return state;
  }

  private async loadState(contestId: string, judgeId: string, entryId: string) {
    const state = await this.store.load(contestId, judgeId, entryId);
    if (!state) throw DomainError.notFound('CONTEST', 'Không tìm thấy hội thi.');
    return state;
  }

  /**
   * A write that changed nothing lost a race (another tablet saved, or the organiser closed
   * the round or reopened nothing): read again and answer with what is true now.
   */
  private async explainUnwritten(
    contestId: string,
    judgeId: string,
    entryId: string,
    version: number | undefined,
  ): Promise<never> {
    const { card } = await this.scoringState(contestId, judgeId, entryId);
    assertWritable(card, version, entryId, judgeId);
    if (!card) throw new Error(`scorecard of ${judgeId} for ${entryId} neither written nor found`);
    throw stale(card, entryId, judgeId);
  }

  private async people(em: EntityManager, contestId: string) {
    const judges = await em
      .getRepository(ContestMember)
      .find({ where: { contestId, role: 'judge' } });
    const entries = await em
      .getRepository(Entry)
      .find({ where: { contestId, status: In(JUDGEABLE) } });
    return { judges, entries };
  }

  /** Judge × entry pairs that must not be assigned: same unit, declared conflicts, recusals. */
  private async blockedPairs(
    em: EntityManager,
    contestId: string,
    judges: ContestMember[],
    entries: Entry[],
  ): Promise<Set<string>> {
    const teams = await em.getRepository(Team).find({ where: { contestId } });
    const unitOfTeam = new Map(teams.map((t) => [t.id, t.unitId]));
    const conflicts = await em.getRepository(JudgeConflict).find({ where: { contestId } });
    const blocked = new Set<string>();
    for (const j of judges) {
      for (const e of entries) {
        const sameUnit = j.unitId !== null && j.unitId === unitOfTeam.get(e.teamId);
        const declared = conflicts.some((c) => c.judgeId === j.userId && c.entryId === e.id);
        if (sameUnit || declared) blocked.add(`${j.userId}|${e.id}`);
      }
    }
    return blocked;
  }
}

/**
 * Each score must be a known criterion, within 0..its maximum, a multiple of the rules' step
 * (0,25 by default) with at most two decimals. `complete` also requires every criterion.
 */
function checkScores(
  judging: ContestRules['judging'],
  scores: Record<string, unknown>,
  complete: boolean,
): Record<string, string> {
  const { criteria, step } = judging;
  const stepH = toHundredths(step);
  const details: ErrorDetail[] = [];
  const out: Record<string, string> = {};
  for (const [code, value] of Object.entries(scores)) {
    const criterion = criteria.find((c) => c.code === code);
    const field = `scores.${code}`;
    if (!criterion) {
      details.push({
        field,
        code: 'UNKNOWN_CRITERION',
        message: `Tiêu chí "${code}" không có trong thể lệ.`,
      });
      continue;
    }
    let h: number;
    try {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error();
      h = toHundredths(value);
    } catch {
      details.push({
        field,
        code: 'NOT_A_SCORE',
        message: `${criterion.name}: điểm phải là số có tối đa 2 chữ số thập phân.`,
      });
      continue;
    }
    const max = toHundredths(criterion.maxPoints);
    if (h < 0 || h > max) {
      details.push({
        field,
        code: 'SCORE_OUT_OF_RANGE',
        message: `${criterion.name}: điểm phải từ 0 đến ${criterion.maxPoints}.`,
      });
    } else if (stepH > 0 && h % stepH !== 0) {
      details.push({
        field,
        code: 'SCORE_STEP',
        message: `${criterion.name}: điểm phải là bội số của ${String(step).replace('.', ',')}.`,
      });
    } else out[code] = hundredthsToString(h);
  }
  if (complete) {
    for (const c of criteria) {
      if (!(c.code in scores))
        details.push({
          field: `scores.${c.code}`,
          code: 'SCORE_MISSING',
          message: `Chưa chấm tiêu chí "${c.name}".`,
        });
    }
  }
  if (details.length)
    throw new DomainError('invalid', 'INVALID_SCORES', 'Điểm chấm không hợp lệ.', details);
  return out;
}

/** Exact sum in hundredths once every criterion has a score; null before. */
function totalOf(judging: ContestRules['judging'], scores: Record<string, string>): string | null {
  const criteria = judging.criteria;
  if (!criteria.every((c) => c.code in scores)) return null;
  return hundredthsToString(criteria.reduce((sum, c) => sum + toHundredths(scores[c.code]!), 0));
}

function assertJudgingOpen(contestStatus: string) {
  if (contestStatus !== 'judging') {
    throw DomainError.conflict('JUDGING_CLOSED', 'Vòng sơ khảo không mở để chấm điểm.', 'status', {
      contestStatus,
    });
  }
}

/** Preliminary round: an approved entry, assigned to the judge, without conflict. */
function assertMayScore(facts: ScoringFacts | null) {
  // The entry's status is checked first: a draft entry must look absent, not "conflicted".
  if (!facts || !JUDGEABLE.includes(facts.status as EntryStatus))
    throw DomainError.notFound('ENTRY', 'Không tìm thấy sản phẩm dự thi.');
  assertFactsAllowScoring(facts);
  if (!facts.assigned)
    throw DomainError.forbidden('NOT_ASSIGNED', 'Sản phẩm này không được phân công cho giám khảo.');
}

/**
 * A card may change only while it is a draft, and only from the version the tablet last saw
 * (none, for a card that does not exist yet).
 */
function assertWritable(
  card: CardRow | null,
  version: number | undefined,
  entryId: string,
  judgeId: string,
) {
  if (card) {
    if (card.status === 'submitted') {
      throw DomainError.conflict(
        'SCORECARD_LOCKED',
        'Phiếu chấm đã nộp và bị khóa; chỉ Ban tổ chức mở lại được.',
        'status',
      );
    }
    if (version !== card.version) throw stale(card, entryId, judgeId);
  } else if (version !== undefined) {
    throw DomainError.conflict(
      'STALE_VERSION',
      'Phiếu chấm chưa tồn tại ở phiên bản này.',
      'version',
      { current: null },
    );
  }
}

function stale(card: CardRow, entryId: string, judgeId: string) {
  return DomainError.conflict(
    'STALE_VERSION',
    'Phiếu chấm vừa được lưu từ một thiết bị khác; đã tải phiên bản mới nhất.',
    'version',
    {
      current: view(card, entryId, judgeId),
    },
  );
}

function view(card: CardRow | null, entryId: string, judgeId: string): ScorecardView {
  return {
    id: card?.id ?? null,
    entryId,
    judgeId,
    status: card?.status ?? 'missing',
    scores: card?.scores ?? {},
    total: card?.total ?? null,
    comment: card?.comment ?? '',
    version: card?.version ?? 0,
    submittedAt: card?.submittedAt ?? null,
  };
}

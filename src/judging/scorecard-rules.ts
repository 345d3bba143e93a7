import { DomainError, ErrorDetail } from '../common/domain-error';
import { ContestRules, hundredthsToString, toHundredths } from '../engine';
import { EntryStatus } from '../entries/entry.entity';
import { assertFactsAllowScoring, ScoringFacts } from './conflict-of-interest';
import { CardRow } from './scorecard-statements';

/** Entries judges score in the preliminary round. */
export const JUDGEABLE: EntryStatus[] = ['approved', 'published'];

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

/**
 * Each score must be a known criterion, within 0..its maximum, a multiple of the rules' step
 * (0,25 by default) with at most two decimals. `complete` also requires every criterion.
 */
export function checkScores(
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

/**
 * The scores of criteria the rules still have. A rules amendment during judging may replace a
 * criterion: a draft's score for it can no longer count, and kept it would make the card
 * impossible to submit (an unknown criterion) or to read for the results.
 */
export function ofCriteria(
  judging: ContestRules['judging'],
  scores: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    judging.criteria
      .filter((c) => Object.hasOwn(scores, c.code))
      .map((c) => [c.code, scores[c.code]!]),
  );
}

/** Exact sum in hundredths once every criterion has a score; null before. */
export function totalOf(
  judging: ContestRules['judging'],
  scores: Record<string, string>,
): string | null {
  const criteria = judging.criteria;
  if (!criteria.every((c) => c.code in scores)) return null;
  return hundredthsToString(criteria.reduce((sum, c) => sum + toHundredths(scores[c.code]!), 0));
}

export function assertJudgingOpen(contestStatus: string) {
  if (contestStatus !== 'judging') {
    throw DomainError.conflict('JUDGING_CLOSED', 'Vòng sơ khảo không mở để chấm điểm.', 'status', {
      contestStatus,
    });
  }
}

/** Preliminary round: an approved entry, assigned to the judge, without conflict. */
export function assertMayScore(facts: ScoringFacts | null) {
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
export function assertWritable(
  card: CardRow | null,
  version: number | undefined,
  entryId: string,
  judgeId: string,
) {
  if (card) {
    if (card.status === 'submitted') {
      // with the stored card: another tablet submitted it, and this one shows what counts
      throw DomainError.conflict(
        'SCORECARD_LOCKED',
        'Phiếu chấm đã nộp và bị khóa; chỉ Ban tổ chức mở lại được.',
        'status',
        { current: view(card, entryId, judgeId) },
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

export function stale(card: CardRow, entryId: string, judgeId: string) {
  return DomainError.conflict(
    'STALE_VERSION',
    'Phiếu chấm vừa được lưu từ một thiết bị khác; đã tải phiên bản mới nhất.',
    'version',
    {
      current: view(card, entryId, judgeId),
    },
  );
}

export function view(card: CardRow | null, entryId: string, judgeId: string): ScorecardView {
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

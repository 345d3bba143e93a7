import { type ContestRules, hundredthsOrNaN } from '../engine';
import { parseIsoDate } from '../formats/iso-date';
import { RuleIssue, RulesChecker } from './rules-checker';

export type { RuleIssue } from './rules-checker';

/**
 * Checks a rules document from untrusted JSON. Collects every issue (not just the first),
 * each with a JSON path (`judging.criteria[2].maxPoints`), a stable UPPER_SNAKE code and a
 * Vietnamese message. Never throws, whatever the input: only the known structure is walked,
 * so depth and odd keys (`__proto__`) cannot hurt. On success `rules` is a fresh copy.
 */
export function validateRules(
  input: unknown,
): { ok: true; rules: ContestRules } | { ok: false; errors: RuleIssue[] } {
  const v = new Validator();
  try {
    v.rules(input);
  } catch {
    v.issue('', 'RULES_TYPE', 'Thể lệ không đọc được.');
  }
  return v.errors.length
    ? { ok: false, errors: v.errors }
    : { ok: true, rules: structuredClone(input) as ContestRules };
}

const NORMALISATIONS = ['none', 'zScore', 'meanCentering'];
/** The document's sections, each checked with the shared checks of RulesChecker. */
class Validator extends RulesChecker {
  rules(input: unknown) {
    const r = this.object(input, '', [
      'interaction',
      'judging',
      'finalists',
      'final',
      'tieBreak',
      'prizes',
      'prizeCapPercent',
      'dates',
      'video',
    ]);
    if (!r) return;
    this.interaction(r.interaction);
    this.round(r.judging, 'judging');
    this.finalists(r.finalists);
    this.round(r.final, 'final');
    this.tieBreak(r.tieBreak);
    this.prizes(r.prizes);
    if (r.prizeCapPercent !== null) {
      const cap = this.points(r.prizeCapPercent, 'prizeCapPercent');
      if (cap !== null && cap > 10_000)
        this.issue('prizeCapPercent', 'RULES_RANGE', 'Tỷ lệ giải tối đa phải từ 0 đến 100 (%).');
    }
    this.dates(r.dates);
    const video = this.object(r.video, 'video', ['minSeconds', 'maxSeconds']);
    if (!video) return;
    for (const k of ['minSeconds', 'maxSeconds'] as const)
      if (video[k] !== null) this.number(video[k], `video.${k}`, { min: 0, integer: true });
    const { minSeconds: min, maxSeconds: max } = video;
    if (typeof min === 'number' && typeof max === 'number' && min > max)
      this.issue('video.minSeconds', 'RULES_RANGE', 'Thời lượng tối thiểu lớn hơn tối đa.');
  }

  interaction(input: unknown) {
    const i = this.object(input, 'interaction', ['maxPoints', 'weights', 'formula']);
    if (!i) return;
    const max = this.points(i.maxPoints, 'interaction.maxPoints');
    const w = this.object(i.weights, 'interaction.weights', ['reactions', 'shares', 'comments']);
    if (w)
      for (const k of ['reactions', 'shares', 'comments'])
        this.points(w[k], `interaction.weights.${k}`);
    const path = 'interaction.formula';
    const f = this.variant(
      i.formula,
      path,
      {
        proportional: [],
        rankTiers: ['points', 'otherPoints'],
        perInteractions: ['per', 'pointsPer'],
      },
      ['RULES_UNKNOWN_FORMULA', 'Công thức tính điểm tương tác không được hỗ trợ.'],
    );
    if (f?.kind === 'rankTiers') {
      const list = this.array(f.points, `${path}.points`);
      list?.forEach((p, idx) => {
        const at = `${path}.points[${idx}]`;
        const value = this.points(p, at);
        if (value !== null && max !== null && value > max)
          this.issue(at, 'RULES_RANGE', 'Điểm bậc vượt điểm tối đa.');
        const before = list[idx - 1];
        if (typeof p === 'number' && typeof before === 'number' && p > before)
          this.issue(at, 'RULES_NOT_DECREASING', 'Điểm các bậc phải giảm dần theo thứ hạng.');
      });
      const other = this.points(f.otherPoints, `${path}.otherPoints`);
      const last = list?.[list.length - 1];
      if (other !== null && max !== null && other > max)
        this.issue(`${path}.otherPoints`, 'RULES_RANGE', 'Điểm vượt điểm tối đa.');
      else if (other !== null && typeof last === 'number' && other > hundredthsOrNaN(last))
        this.issue(
          `${path}.otherPoints`,
          'RULES_NOT_DECREASING',
          'Điểm ngoài danh sách bậc không được cao hơn bậc cuối.',
        );
    } else if (f?.kind === 'perInteractions') {
      this.number(f.per, `${path}.per`, { min: 1, integer: true });
      this.points(f.pointsPer, `${path}.pointsPer`);
    }
  }

  /** `judging` (criteria) or `final` (parts): items adding up to the maximum, step, aggregation. */
  round(input: unknown, section: 'judging' | 'final') {
    const judging = section === 'judging';
    const list = judging ? 'criteria' : 'parts';
    // Normalisation is for panel judging in the preliminary round only (optional: none).
    const optional = judging ? ['normalisation'] : [];
    const keys = ['maxPoints', list, 'step', 'aggregation', 'minJudges', ...optional];
    const r = this.object(input, section, keys, optional);
    if (!r) return;
    if (r.normalisation !== undefined && !NORMALISATIONS.includes(r.normalisation as string))
      this.issue(
        'judging.normalisation',
        'RULES_UNKNOWN_NORMALISATION',
        'Cách chuẩn hoá điểm giám khảo không được hỗ trợ (none, zScore hoặc meanCentering).',
      );
    const max = this.points(r.maxPoints, `${section}.maxPoints`);
    const step = this.positivePoints(r.step, `${section}.step`);
    this.items(r[list], `${section}.${list}`, max, step, judging);
    const aggregation = this.variant(
      r.aggregation,
      `${section}.aggregation`,
      { mean: [], trimmedMean: ['minJudges'] },
      ['RULES_UNKNOWN_AGGREGATION', 'Cách tính điểm trung bình không được hỗ trợ.'],
    );
    if (aggregation?.kind === 'trimmedMean')
      this.number(aggregation.minJudges, `${section}.aggregation.minJudges`, {
        min: 3,
        integer: true,
      });
    this.number(r.minJudges, `${section}.minJudges`, { min: 1, integer: true });
  }

  /** Criteria or parts: unique codes, names, maxima summing to the total, steps dividing maxima. */
  items(input: unknown, path: string, total: number | null, step: number | null, judging: boolean) {
    const optional = judging ? [] : ['timeLimitSeconds'];
    const list = this.array(input, path);
    if (!list) return;
    if (list.length === 0) return this.issue(path, 'RULES_EMPTY', 'Cần ít nhất một mục.');
    const codes = new Set<string>();
    let sum = 0;
    list.forEach((raw, idx) => {
      const at = `${path}[${idx}]`;
      const item = this.object(raw, at, ['code', 'name', 'maxPoints', ...optional], optional);
      if (!item) return;
      this.code(item.code, at, codes, 'Mã phải gồm chữ thường không dấu, số, "_".', 'Mã');
      if (typeof item.name !== 'string' || item.name.trim() === '' || item.name.length > 200)
        this.issue(`${at}.name`, 'RULES_REQUIRED', 'Cần tên (tối đa 200 ký tự).');
      const max = this.positivePoints(item.maxPoints, `${at}.maxPoints`);
      if (max !== null) {
        sum += max;
        if (step !== null && max % step !== 0)
          this.issue(`${at}.maxPoints`, 'RULES_STEP', 'Điểm tối đa phải là bội số của bước chấm.');
      }
      if (Object.hasOwn(item, 'timeLimitSeconds') && item.timeLimitSeconds !== undefined)
        this.number(item.timeLimitSeconds, `${at}.timeLimitSeconds`, { min: 1, integer: true });
    });
    if (total !== null && sum !== total) {
      const [label, code] = judging
        ? ['Tổng điểm các tiêu chí', 'RULES_CRITERIA_SUM_MISMATCH']
        : ['Tổng điểm các phần thi', 'RULES_PARTS_SUM_MISMATCH'];
      this.issue(path, code, `${label} (${sum / 100}) phải bằng điểm tối đa (${total / 100}).`);
    }
  }

  finalists(input: unknown) {
    const f = this.variant(input, 'finalists', { all: [], topN: ['n'], threshold: ['minScore'] }, [
      'RULES_UNKNOWN_FINALISTS',
      'Cách chọn đội vào chung khảo không được hỗ trợ.',
    ]);
    if (f?.kind === 'topN') this.number(f.n, 'finalists.n', { min: 1, integer: true });
    if (f?.kind === 'threshold') this.points(f.minScore, 'finalists.minScore');
  }

  tieBreak(input: unknown) {
    const seen = new Set<unknown>();
    this.array(input, 'tieBreak')?.forEach((k, idx) => {
      if (!['final', 'judges', 'interaction', 'preliminary'].includes(k as string))
        this.issue(
          `tieBreak[${idx}]`,
          'RULES_UNKNOWN_TIEBREAK',
          'Tiêu chí phân hạng không được hỗ trợ.',
        );
      else if (seen.has(k))
        this.issue(`tieBreak[${idx}]`, 'RULES_DUPLICATE_CODE', 'Tiêu chí phân hạng bị lặp.');
      seen.add(k);
    });
  }

  prizes(input: unknown) {
    const codes = new Set<string>();
    let certificates = 0;
    this.array(input, 'prizes')?.forEach((raw, idx) => {
      const at = `prizes[${idx}]`;
      const keys = ['code', 'name', 'kind', 'count', 'amountVnd', 'sideFor', 'sponsor'];
      const p = this.object(raw, at, keys, ['sideFor', 'sponsor']);
      if (!p) return;
      this.code(p.code, at, codes, 'Mã giải không hợp lệ.', 'Mã giải');
      if (typeof p.name !== 'string' || p.name.trim() === '')
        this.issue(`${at}.name`, 'RULES_REQUIRED', 'Cần tên giải.');
      if (!['ranked', 'certificate', 'side', 'sponsor'].includes(p.kind as string))
        this.issue(`${at}.kind`, 'RULES_UNKNOWN_PRIZE_KIND', 'Loại giải không được hỗ trợ.');
      const negativeCode = 'RULES_NEGATIVE_COUNT';
      this.number(p.count, `${at}.count`, { min: 0, integer: true, negativeCode });
      this.number(p.amountVnd, `${at}.amountVnd`, { min: 0, integer: true });
      if (p.kind === 'certificate' && ++certificates > 1)
        this.issue(`${at}.kind`, 'RULES_DUPLICATE_KIND', 'Chỉ có một loại giấy khen.');
      if (p.kind === 'side' && p.sideFor !== 'individual' && p.sideFor !== 'collective')
        this.issue(
          `${at}.sideFor`,
          p.sideFor === undefined ? 'RULES_REQUIRED' : 'RULES_TYPE',
          'Giải phụ phải ghi rõ cá nhân (individual) hay tập thể (collective).',
        );
      else if (p.kind !== 'side' && p.sideFor !== undefined)
        this.issue(`${at}.sideFor`, 'RULES_NOT_APPLICABLE', 'Chỉ giải phụ mới có sideFor.');
      if (p.sponsor !== undefined && (typeof p.sponsor !== 'string' || p.sponsor.length > 200))
        this.issue(`${at}.sponsor`, 'RULES_TYPE', 'Tên nhà tài trợ không hợp lệ.');
    });
  }

  dates(input: unknown) {
    const moments = ['submissionDeadline', 'interactionCutoff', 'judgingDeadline'];
    const d = this.object(input, 'dates', ['originalityCutoff', ...moments], ['judgingDeadline']);
    if (!d) return;
    if (!parseIsoDate(d.originalityCutoff))
      this.issue(
        'dates.originalityCutoff',
        d.originalityCutoff === undefined ? 'RULES_REQUIRED' : 'RULES_DATE',
        'Ngày chốt tính mới phải là ngày có thật, dạng YYYY-MM-DD.',
      );
    for (const k of moments) {
      if (k === 'judgingDeadline' && d[k] === undefined) continue;
      if (d[k] !== null && !parseIsoDate(d[k]))
        this.issue(
          `dates.${k}`,
          'RULES_DATE',
          'Thời điểm phải là ngày giờ có thật theo ISO 8601, hoặc null.',
        );
    }
  }
}

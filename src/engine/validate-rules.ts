import { parseIsoDate } from './dates';
import { hundredthsOrNaN } from './decimal';
import { RuleIssue, RulesChecker } from './rules-checker';
import type { ContestRules } from './rules';

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
    if (video) {
      for (const k of ['minSeconds', 'maxSeconds'] as const) {
        if (video[k] !== null) this.number(video[k], `video.${k}`, { min: 0, integer: true });
      }
      if (
        typeof video.minSeconds === 'number' &&
        typeof video.maxSeconds === 'number' &&
        video.minSeconds > video.maxSeconds
      ) {
        this.issue('video.minSeconds', 'RULES_RANGE', 'Thời lượng tối thiểu lớn hơn tối đa.');
      }
    }
  }

  interaction(input: unknown) {
    const i = this.object(input, 'interaction', ['maxPoints', 'weights', 'formula']);
    if (!i) return;
    const max = this.points(i.maxPoints, 'interaction.maxPoints');
    const w = this.object(i.weights, 'interaction.weights', ['reactions', 'shares', 'comments']);
    if (w)
      for (const k of ['reactions', 'shares', 'comments'])
        this.points(w[k], `interaction.weights.${k}`);
    const f = this.plain(i.formula, 'interaction.formula');
    if (!f) return;
    if (f.kind === 'proportional') this.keys(f, 'interaction.formula', ['kind']);
    else if (f.kind === 'rankTiers') {
      this.keys(f, 'interaction.formula', ['kind', 'points', 'otherPoints']);
      const list = this.array(f.points, 'interaction.formula.points');
      list?.forEach((p, idx) => {
        const at = `interaction.formula.points[${idx}]`;
        const value = this.points(p, at);
        if (value !== null && max !== null && value > max)
          this.issue(at, 'RULES_RANGE', 'Điểm bậc vượt điểm tối đa.');
        const before = list[idx - 1];
        if (typeof p === 'number' && typeof before === 'number' && p > before)
          this.issue(at, 'RULES_NOT_DECREASING', 'Điểm các bậc phải giảm dần theo thứ hạng.');
      });
      const other = this.points(f.otherPoints, 'interaction.formula.otherPoints');
      const last = list?.[list.length - 1];
      const issue = (code: string, message: string) =>
        this.issue('interaction.formula.otherPoints', code, message);
      if (other !== null && max !== null && other > max)
        issue('RULES_RANGE', 'Điểm vượt điểm tối đa.');
      else if (other !== null && typeof last === 'number' && other > hundredthsOrNaN(last))
        issue('RULES_NOT_DECREASING', 'Điểm ngoài danh sách bậc không được cao hơn bậc cuối.');
    } else if (f.kind === 'perInteractions') {
      this.keys(f, 'interaction.formula', ['kind', 'per', 'pointsPer']);
      this.number(f.per, 'interaction.formula.per', { min: 1, integer: true });
      this.points(f.pointsPer, 'interaction.formula.pointsPer');
    } else
      this.issue(
        'interaction.formula.kind',
        'RULES_UNKNOWN_FORMULA',
        'Công thức tính điểm tương tác không được hỗ trợ.',
      );
  }

  /** `judging` (criteria) or `final` (parts): items adding up to the maximum, step, aggregation. */
  round(input: unknown, section: 'judging' | 'final') {
    const list = section === 'judging' ? 'criteria' : 'parts';
    const keys = ['maxPoints', list, 'step', 'aggregation', 'minJudges'];
    // Normalisation is for panel judging in the preliminary round only (optional: none).
    const optional = section === 'judging' ? ['normalisation'] : [];
    const r = this.object(input, section, [...keys, ...optional], optional);
    if (!r) return;
    if (r.normalisation !== undefined && !NORMALISATIONS.includes(r.normalisation as string))
      this.issue(
        'judging.normalisation',
        'RULES_UNKNOWN_NORMALISATION',
        'Cách chuẩn hoá điểm giám khảo không được hỗ trợ (none, zScore hoặc meanCentering).',
      );
    const max = this.points(r.maxPoints, `${section}.maxPoints`);
    const step = this.positivePoints(r.step, `${section}.step`);
    this.items(
      r[list],
      `${section}.${list}`,
      max,
      step,
      section === 'judging'
        ? { label: 'Tổng điểm các tiêu chí', sumCode: 'RULES_CRITERIA_SUM_MISMATCH' }
        : {
            label: 'Tổng điểm các phần thi',
            sumCode: 'RULES_PARTS_SUM_MISMATCH',
            optional: ['timeLimitSeconds'],
          },
    );
    this.aggregation(r.aggregation, `${section}.aggregation`);
    this.number(r.minJudges, `${section}.minJudges`, { min: 1, integer: true });
  }

  /** Criteria or parts: unique codes, names, maxima summing to the total, steps dividing maxima. */
  items(
    input: unknown,
    path: string,
    total: number | null,
    step: number | null,
    o: { label: string; sumCode: string; optional?: string[] },
  ) {
    const key = 'maxPoints';
    const optional = o.optional ?? [];
    const list = this.array(input, path);
    if (!list) return;
    if (list.length === 0) return this.issue(path, 'RULES_EMPTY', 'Cần ít nhất một mục.');
    const codes = new Set<string>();
    let sum = 0;
    list.forEach((raw, idx) => {
      const at = `${path}[${idx}]`;
      const item = this.object(raw, at, ['code', 'name', key, ...optional], optional);
      if (!item) return;
      if (typeof item.code !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(item.code)) {
        this.issue(`${at}.code`, 'RULES_TYPE', 'Mã phải gồm chữ thường không dấu, số, "_".');
      } else if (codes.has(item.code))
        this.issue(`${at}.code`, 'RULES_DUPLICATE_CODE', `Mã "${item.code}" bị trùng.`);
      else codes.add(item.code);
      if (typeof item.name !== 'string' || item.name.trim() === '' || item.name.length > 200)
        this.issue(`${at}.name`, 'RULES_REQUIRED', 'Cần tên (tối đa 200 ký tự).');
      const max = this.positivePoints(item[key], `${at}.${key}`);
      if (max !== null) {
        sum += max;
        if (step !== null && max % step !== 0)
          this.issue(`${at}.${key}`, 'RULES_STEP', 'Điểm tối đa phải là bội số của bước chấm.');
      }
      if (Object.hasOwn(item, 'timeLimitSeconds') && item.timeLimitSeconds !== undefined)
        this.number(item.timeLimitSeconds, `${at}.timeLimitSeconds`, { min: 1, integer: true });
    });
    if (total !== null && sum !== total) {
      this.issue(
        path,
        o.sumCode,
        `${o.label} (${sum / 100}) phải bằng điểm tối đa (${total / 100}).`,
      );
    }
  }

  aggregation(input: unknown, path: string) {
    const a = this.plain(input, path);
    if (!a) return;
    if (a.kind === 'mean') this.keys(a, path, ['kind']);
    else if (a.kind === 'trimmedMean') {
      this.keys(a, path, ['kind', 'minJudges']);
      this.number(a.minJudges, `${path}.minJudges`, { min: 3, integer: true });
    } else
      this.issue(
        `${path}.kind`,
        'RULES_UNKNOWN_AGGREGATION',
        'Cách tính điểm trung bình không được hỗ trợ.',
      );
  }

  finalists(input: unknown) {
    const f = this.plain(input, 'finalists');
    if (!f) return;
    if (f.kind === 'all') this.keys(f, 'finalists', ['kind']);
    else if (f.kind === 'topN') {
      this.keys(f, 'finalists', ['kind', 'n']);
      this.number(f.n, 'finalists.n', { min: 1, integer: true });
    } else if (f.kind === 'threshold') {
      this.keys(f, 'finalists', ['kind', 'minScore']);
      this.points(f.minScore, 'finalists.minScore');
    } else
      this.issue(
        'finalists.kind',
        'RULES_UNKNOWN_FINALISTS',
        'Cách chọn đội vào chung khảo không được hỗ trợ.',
      );
  }

  tieBreak(input: unknown) {
    const list = this.array(input, 'tieBreak');
    const seen = new Set<unknown>();
    list?.forEach((k, idx) => {
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
    const list = this.array(input, 'prizes');
    const codes = new Set<string>();
    let certificates = 0;
    list?.forEach((raw, idx) => {
      const at = `prizes[${idx}]`;
      const p = this.object(
        raw,
        at,
        ['code', 'name', 'kind', 'count', 'amountVnd', 'sideFor', 'sponsor'],
        ['sideFor', 'sponsor'],
      );
      if (!p) return;
      if (typeof p.code !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(p.code))
        this.issue(`${at}.code`, 'RULES_TYPE', 'Mã giải không hợp lệ.');
      else if (codes.has(p.code))
        this.issue(`${at}.code`, 'RULES_DUPLICATE_CODE', `Mã giải "${p.code}" bị trùng.`);
      else codes.add(p.code);
      if (typeof p.name !== 'string' || p.name.trim() === '')
        this.issue(`${at}.name`, 'RULES_REQUIRED', 'Cần tên giải.');
      if (!['ranked', 'certificate', 'side', 'sponsor'].includes(p.kind as string))
        this.issue(`${at}.kind`, 'RULES_UNKNOWN_PRIZE_KIND', 'Loại giải không được hỗ trợ.');
      this.number(p.count, `${at}.count`, {
        min: 0,
        integer: true,
        negativeCode: 'RULES_NEGATIVE_COUNT',
      });
      this.number(p.amountVnd, `${at}.amountVnd`, { min: 0, integer: true });
      if (p.kind === 'certificate' && ++certificates > 1)
        this.issue(`${at}.kind`, 'RULES_DUPLICATE_KIND', 'Chỉ có một loại giấy khen.');
      if (p.kind === 'side' && p.sideFor !== 'individual' && p.sideFor !== 'collective') {
        this.issue(
          `${at}.sideFor`,
          p.sideFor === undefined ? 'RULES_REQUIRED' : 'RULES_TYPE',
          'Giải phụ phải ghi rõ cá nhân (individual) hay tập thể (collective).',
        );
      } else if (p.kind !== 'side' && p.sideFor !== undefined) {
        this.issue(`${at}.sideFor`, 'RULES_NOT_APPLICABLE', 'Chỉ giải phụ mới có sideFor.');
      }
      if (p.sponsor !== undefined && (typeof p.sponsor !== 'string' || p.sponsor.length > 200))
        this.issue(`${at}.sponsor`, 'RULES_TYPE', 'Tên nhà tài trợ không hợp lệ.');
    });
  }

  dates(input: unknown) {
    const d = this.object(
      input,
      'dates',
      ['originalityCutoff', 'submissionDeadline', 'interactionCutoff', 'judgingDeadline'],
      ['judgingDeadline'],
    );
    if (!d) return;
    if (!parseIsoDate(d.originalityCutoff))
      this.issue(
        'dates.originalityCutoff',
        d.originalityCutoff === undefined ? 'RULES_REQUIRED' : 'RULES_DATE',
        'Ngày chốt tính mới phải là ngày có thật, dạng YYYY-MM-DD.',
      );
    for (const k of ['submissionDeadline', 'interactionCutoff', 'judgingDeadline'] as const) {
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

export type { RuleIssue } from './rules-checker';

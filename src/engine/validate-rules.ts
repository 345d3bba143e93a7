import { parseIsoDate } from './dates';
import { hundredthsOrNaN } from './decimal';
import type { ContestRules } from './rules';

export interface RuleIssue {
  field: string;
  code: string;
  message: string;
}

type Obj = Record<string, unknown>;

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

class Validator {
  errors: RuleIssue[] = [];

  issue(field: string, code: string, message: string) {
    this.errors.push({ field, code, message });
  }

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
    this.judging(r.judging);
    this.finalists(r.finalists);
    this.final(r.final);
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
        const value = this.points(p, `interaction.formula.points[${idx}]`);
        if (value !== null && max !== null && value > max)
          this.issue(
            `interaction.formula.points[${idx}]`,
            'RULES_RANGE',
            'Điểm bậc vượt điểm tối đa.',
          );
        if (
          idx > 0 &&
          typeof p === 'number' &&
          typeof list[idx - 1] === 'number' &&
          p > (list[idx - 1] as number)
        ) {
          this.issue(
            `interaction.formula.points[${idx}]`,
            'RULES_NOT_DECREASING',
            'Điểm các bậc phải giảm dần theo thứ hạng.',
          );
        }
      });
      const other = this.points(f.otherPoints, 'interaction.formula.otherPoints');
      const last = list?.length ? list[list.length - 1] : undefined;
      if (other !== null && max !== null && other > max)
        this.issue('interaction.formula.otherPoints', 'RULES_RANGE', 'Điểm vượt điểm tối đa.');
      else if (other !== null && typeof last === 'number' && other > hundredthsOrNaN(last))
        this.issue(
          'interaction.formula.otherPoints',
          'RULES_NOT_DECREASING',
          'Điểm ngoài danh sách bậc không được cao hơn bậc cuối.',
        );
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

  judging(input: unknown) {
    const j = this.object(input, 'judging', [
      'maxPoints',
      'criteria',
      'step',
      'aggregation',
      'minJudges',
    ]);
    if (!j) return;
    const max = this.points(j.maxPoints, 'judging.maxPoints');
    const step = this.positivePoints(j.step, 'judging.step');
    this.items(j.criteria, 'judging.criteria', max, step, {
      label: 'Tổng điểm các tiêu chí',
      sumCode: 'RULES_CRITERIA_SUM_MISMATCH',
    });
    this.aggregation(j.aggregation, 'judging.aggregation');
    this.number(j.minJudges, 'judging.minJudges', { min: 1, integer: true });
  }

  final(input: unknown) {
    const f = this.object(input, 'final', [
      'parts',
      'maxPoints',
      'step',
      'aggregation',
      'minJudges',
    ]);
    if (!f) return;
    const max = this.points(f.maxPoints, 'final.maxPoints');
    const step = this.positivePoints(f.step, 'final.step');
    this.items(f.parts, 'final.parts', max, step, {
      label: 'Tổng điểm các phần thi',
      sumCode: 'RULES_PARTS_SUM_MISMATCH',
      optional: ['timeLimitSeconds'],
    });
    this.aggregation(f.aggregation, 'final.aggregation');
    this.number(f.minJudges, 'final.minJudges', { min: 1, integer: true });
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

  // ---- primitives ----
  plain(input: unknown, path: string): Obj | null {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      this.issue(
        path,
        input === undefined ? 'RULES_REQUIRED' : 'RULES_TYPE',
        input === undefined ? 'Thiếu mục bắt buộc.' : 'Phải là một đối tượng.',
      );
      return null;
    }
    for (const key of Object.keys(input)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        this.issue(join(path, key), 'RULES_UNKNOWN_FIELD', `Trường không được phép: ${key}`);
        return null;
      }
    }
    return input as Obj;
  }

  object(input: unknown, path: string, allowed: string[], optional: string[] = []): Obj | null {
    const o = this.plain(input, path);
    if (!o) return null;
    this.keys(o, path, allowed);
    for (const key of allowed) {
      if (!optional.includes(key) && !Object.hasOwn(o, key))
        this.issue(join(path, key), 'RULES_REQUIRED', 'Thiếu mục bắt buộc.');
    }
    return o;
  }

  keys(o: Obj, path: string, allowed: string[]) {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key))
        this.issue(join(path, key), 'RULES_UNKNOWN_FIELD', `Trường không được phép: ${key}`);
    }
  }

  array(input: unknown, path: string): unknown[] | null {
    if (!Array.isArray(input)) {
      this.issue(path, 'RULES_TYPE', 'Phải là một danh sách.');
      return null;
    }
    if (input.length > 1000) {
      this.issue(path, 'RULES_TOO_LONG', 'Danh sách quá dài.');
      return null;
    }
    return input;
  }

  number(
    input: unknown,
    path: string,
    o: { min?: number; max?: number; integer?: boolean; negativeCode?: string },
  ): number | null {
    if (typeof input !== 'number' || !Number.isFinite(input)) {
      this.issue(path, input === undefined ? 'RULES_REQUIRED' : 'RULES_TYPE', 'Phải là một số.');
      return null;
    }
    if (o.integer && !Number.isInteger(input)) {
      this.issue(path, 'RULES_NOT_INTEGER', 'Phải là số nguyên.');
      return null;
    }
    if (o.min !== undefined && input < o.min) {
      this.issue(
        path,
        input < 0 ? (o.negativeCode ?? 'RULES_NEGATIVE') : 'RULES_RANGE',
        `Phải lớn hơn hoặc bằng ${o.min}.`,
      );
      return null;
    }
    if (o.max !== undefined && input > o.max) {
      this.issue(path, 'RULES_RANGE', `Phải nhỏ hơn hoặc bằng ${o.max}.`);
      return null;
    }
    return input;
  }

  /** Non-negative points with at most two decimals, in hundredths. */
  points(input: unknown, path: string): number | null {
    const n = this.number(input, path, { min: 0, max: 1_000_000 });
    if (n === null) return null;
    const h = hundredthsOrNaN(n);
    if (Number.isNaN(h)) {
      this.issue(path, 'RULES_TOO_MANY_DECIMALS', 'Số có tối đa 2 chữ số thập phân.');
      return null;
    }
    return h;
  }

  positivePoints(input: unknown, path: string): number | null {
    const h = this.points(input, path);
    if (h === 0) {
      this.issue(path, 'RULES_RANGE', 'Phải lớn hơn 0.');
      return null;
    }
    return h;
  }
}

function join(path: string, key: string) {
  return path ? `${path}.${key}` : key;
}

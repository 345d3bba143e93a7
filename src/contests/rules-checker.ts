import { hundredthsOrNaN } from '../engine';

export interface RuleIssue {
  field: string;
  code: string;
  message: string;
}

type Obj = Record<string, unknown>;

const CODE = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * The checks every section of the rules uses (validate-rules.ts): each records a RuleIssue
 * (JSON path, stable code, Vietnamese message) and returns the value when it passes, else
 * null. Never throws.
 */
export class RulesChecker {
  errors: RuleIssue[] = [];

  issue(field: string, code: string, message: string) {
    this.errors.push({ field, code, message });
  }

  plain(input: unknown, path: string): Obj | null {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      const missing = input === undefined;
      const message = missing ? 'Thiếu mục bắt buộc.' : 'Phải là một đối tượng.';
      this.issue(path, missing ? 'RULES_REQUIRED' : 'RULES_TYPE', message);
      return null;
    }
    const odd = Object.keys(input).find((key) =>
      ['__proto__', 'constructor', 'prototype'].includes(key),
    );
    if (odd === undefined) return input as Obj;
    this.issue(join(path, odd), 'RULES_UNKNOWN_FIELD', `Trường không được phép: ${odd}`);
    return null;
  }

  /** An object with the `allowed` keys only, each required unless `optional`. */
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

  /** One of several kinds (`kinds`: the keys each allows besides `kind`); null if unknown. */
  variant(input: unknown, path: string, kinds: Record<string, string[]>, unknown: string[]) {
    const o = this.plain(input, path);
    if (!o) return null;
    const allowed = Object.hasOwn(kinds, o.kind as string) ? kinds[o.kind as string] : undefined;
    if (allowed) this.keys(o, path, ['kind', ...allowed]);
    else this.issue(`${path}.kind`, unknown[0]!, unknown[1]!);
    return allowed ? o : null;
  }

  code(input: unknown, at: string, seen: Set<string>, invalid: string, noun: string) {
    if (typeof input !== 'string' || !CODE.test(input))
      this.issue(`${at}.code`, 'RULES_TYPE', invalid);
    else if (seen.has(input))
      this.issue(`${at}.code`, 'RULES_DUPLICATE_CODE', `${noun} "${input}" bị trùng.`);
    else seen.add(input);
  }

  array(input: unknown, path: string): unknown[] | null {
    if (!Array.isArray(input)) this.issue(path, 'RULES_TYPE', 'Phải là một danh sách.');
    else if (input.length > 1000) this.issue(path, 'RULES_TOO_LONG', 'Danh sách quá dài.');
    else return input;
    return null;
  }

  number(
    input: unknown,
    path: string,
    o: { min?: number; max?: number; integer?: boolean; negativeCode?: string },
  ): number | null {
    if (typeof input !== 'number' || !Number.isFinite(input))
      this.issue(path, input === undefined ? 'RULES_REQUIRED' : 'RULES_TYPE', 'Phải là một số.');
    else if (o.integer && !Number.isInteger(input))
      this.issue(path, 'RULES_NOT_INTEGER', 'Phải là số nguyên.');
    else if (o.min !== undefined && input < o.min) {
      const code = input < 0 ? (o.negativeCode ?? 'RULES_NEGATIVE') : 'RULES_RANGE';
      this.issue(path, code, `Phải lớn hơn hoặc bằng ${o.min}.`);
    } else if (o.max !== undefined && input > o.max)
      this.issue(path, 'RULES_RANGE', `Phải nhỏ hơn hoặc bằng ${o.max}.`);
    else return input;
    return null;
  }

  /** Non-negative points with at most two decimals, in hundredths. */
  points(input: unknown, path: string): number | null {
    const n = this.number(input, path, { min: 0, max: 1_000_000 });
    if (n === null) return null;
    const h = hundredthsOrNaN(n);
    if (!Number.isNaN(h)) return h;
    this.issue(path, 'RULES_TOO_MANY_DECIMALS', 'Số có tối đa 2 chữ số thập phân.');
    return null;
  }

  positivePoints(input: unknown, path: string): number | null {
    const h = this.points(input, path);
    if (h !== 0) return h;
    this.issue(path, 'RULES_RANGE', 'Phải lớn hơn 0.');
    return null;
  }
}

function join(path: string, key: string) {
  return path ? `${path}.${key}` : key;
}

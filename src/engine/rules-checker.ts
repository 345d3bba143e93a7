import { hundredthsOrNaN } from './decimal';

export interface RuleIssue {
  field: string;
  code: string;
  message: string;
}

export type Obj = Record<string, unknown>;

/**
 * The checks every part of the rules uses: each records a RuleIssue (JSON path, stable code,
 * Vietnamese message) and returns the value when it passes, else null. Never throws.
 */
export class RulesChecker {
  errors: RuleIssue[] = [];

  issue(field: string, code: string, message: string) {
    this.errors.push({ field, code, message });
  }

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

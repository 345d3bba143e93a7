import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorDetail } from './domain-error';

/** Flattens class-validator's tree into `{ field: 'members[0].fullName', ... }` details. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, code: ruleCode(rule), message: vietnamese(rule, field, message) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

/**
 * class-validator speaks English; people using the platform read Vietnamese. Messages that a
 * DTO already wrote in Vietnamese are kept; the common English ones are translated here.
 */
const VI: Record<string, string> = {
  whitelistValidation: 'trường không được phép',
  isString: 'phải là chuỗi ký tự',
  isInt: 'phải là số nguyên',
  isNumber: 'phải là số',
  isBoolean: 'phải là true hoặc false',
  isUuid: 'phải là mã định danh (UUID) hợp lệ',
  isUUID: 'phải là mã định danh (UUID) hợp lệ',
  isIn: 'không thuộc các giá trị cho phép',
  isObject: 'phải là một đối tượng',
  isArray: 'phải là một danh sách',
  isUrl: 'phải là địa chỉ URL hợp lệ (http/https)',
  isIso8601: 'phải là thời điểm theo ISO 8601',
  isNotEmpty: 'không được để trống',
  isLength: 'có độ dài không hợp lệ',
  minLength: 'quá ngắn',
  maxLength: 'quá dài',
  min: 'nhỏ hơn giá trị cho phép',
  max: 'lớn hơn giá trị cho phép',
  arrayMinSize: 'có quá ít phần tử',
  arrayMaxSize: 'có quá nhiều phần tử',
  matches: 'không đúng định dạng',
  nestedValidation: 'phải là danh sách đối tượng hợp lệ',
};

function vietnamese(rule: string, field: string, original: string): string {
  if (/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i.test(original))
    return original;
  const text = VI[rule];
  return text ? `${field} ${text}.` : original;
}

function ruleCode(rule: string): string {
  if (rule === 'whitelistValidation') return 'UNKNOWN_FIELD';
  return rule.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Global pipe: unknown fields are rejected, wrong types are rejected, values are not coerced
 * silently (query strings use explicit @Type decorators instead).
 */
export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new DomainError('invalid', 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', details);
    },
  });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Also refuses, anywhere in a JSON body or query: keys that could reach an object's prototype
 * (`__proto__`, `constructor`), before any code copies the body around; and text containing
 * the NUL character, which PostgreSQL cannot store in text or jsonb (it would fail later as a
 * database error instead of a clear 400).
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body' || metadata.type === 'query') {
      const bad = findForbidden(value, '', 0);
      if (bad !== null)
        throw new DomainError('invalid', 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', [bad]);
    }
    return super.transform(value, metadata);
  }
}

function findForbidden(value: unknown, path: string, depth: number): ErrorDetail | null {
  if (typeof value === 'string')
    return value.includes('\u0000')
      ? {
          field: path || 'body',
          code: 'INVALID_CHARACTER',
          message: `${path || 'Dữ liệu'} chứa ký tự không hợp lệ (NUL).`,
        }
      : null;
  if (typeof value !== 'object' || value === null || depth > 64) return null;
  for (const key of Object.keys(value)) {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key))
      return { field: here, code: 'FORBIDDEN_KEY', message: `Tên trường không được phép: ${here}` };
    const found = findForbidden((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
}

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
      out.push({ field, code: ruleCode(rule), message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
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
      const details = flattenValidationErrors(errors).map((d) =>
        d.code === 'UNKNOWN_FIELD' ? { ...d, message: `Trường không được phép: ${d.field}` } : d,
      );
      return new DomainError('invalid', 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', details);
    },
  });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Also refuses keys that could reach an object's prototype (`__proto__`, `constructor`),
 * anywhere in a JSON body, before any code copies the body around.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata) {
    if (metadata.type === 'body') {
      const bad = findForbiddenKey(value, '', 0);
      if (bad !== null) {
        throw new DomainError('invalid', 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', [
          { field: bad, code: 'FORBIDDEN_KEY', message: `Tên trường không được phép: ${bad}` },
        ]);
      }
    }
    return super.transform(value, metadata);
  }
}

function findForbiddenKey(value: unknown, path: string, depth: number): string | null {
  if (typeof value !== 'object' || value === null || depth > 64) return null;
  for (const key of Object.keys(value)) {
    const here = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here, depth + 1);
    if (found) return found;
  }
  return null;
}

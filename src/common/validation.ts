import { ValidationError, ValidationPipe } from '@nestjs/common';
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
  return new ValidationPipe({
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

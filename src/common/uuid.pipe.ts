import { ParseUUIDPipe, PipeTransform } from '@nestjs/common';
import { DomainError } from './domain-error';

/** UUID path parameter; a malformed id is a 400 naming the parameter, not a database error. */
export function uuidPipe(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => DomainError.invalid('INVALID_ID', `Mã không hợp lệ: ${field}.`, field),
  });
}

/** A positive integer path parameter (e.g. a results version number). */
export function positiveIntPipe(field: string): PipeTransform<string, number> {
  return {
    transform(value: string): number {
      if (!/^[1-9][0-9]{0,8}$/.test(value))
        throw DomainError.invalid('INVALID_NUMBER', `Số không hợp lệ: ${field}.`, field);
      return Number(value);
    },
  };
}

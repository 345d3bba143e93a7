import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error';

/** UUID path parameter; a malformed id is a 400 naming the parameter, not a database error. */
export function uuidPipe(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => DomainError.invalid('INVALID_ID', `Mã không hợp lệ: ${field}.`, field),
  });
}

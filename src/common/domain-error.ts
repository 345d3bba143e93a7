/**
 * The one error type services throw. It carries a stable English code for clients, a
 * Vietnamese message for people, and the field at fault. Only `http-exception.filter.ts`
 * turns it into an HTTP response, so the mapping lives in one place.
 */
export type ErrorKind =
  | 'invalid' // 400
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'unsupported_type' // 415
  | 'rate_limited' // 429
  | 'unavailable'; // 503: try again shortly

export interface ErrorDetail {
  field: string;
  code: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static invalid(code: string, message: string, field?: string, details: ErrorDetail[] = []) {
    const all = field ? [{ field, code, message }, ...details] : details;
    return new DomainError('invalid', code, message, all);
  }
  static notFound(what: string, message: string) {
    return new DomainError('not_found', `${what}_NOT_FOUND`, message);
  }
  static forbidden(code: string, message: string) {
    return new DomainError('forbidden', code, message);
  }
  static conflict(
    code: string,
    message: string,
    field?: string,
    extra: Record<string, unknown> = {},
  ) {
    return new DomainError(
      'conflict',
      code,
      message,
      field ? [{ field, code, message }] : [],
      extra,
    );
  }
}

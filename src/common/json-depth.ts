import type { NextFunction, Request, Response } from 'express';
import { DomainError } from './domain-error';

/** Deepest nesting of objects and arrays a JSON body may have (`{"a":1}` is depth 1). */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a parsed JSON value nests objects/arrays deeper than `limit`. Iterative, so a body
 * nested thousands deep costs a loop, not the call stack: class-transformer and
 * class-validator recurse, and overflowed the stack on such bodies (a 500 with a stack trace
 * logged per request).
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: { value: object; depth: number }[] = [];
  if (typeof value === 'object' && value !== null) stack.push({ value, depth: 1 });
  while (stack.length) {
    const { value: node, depth } = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node))
      if (typeof child === 'object' && child !== null)
        stack.push({ value: child, depth: depth + 1 });
  }
  return false;
}

/**
 * Express middleware placed right after the JSON body parser: every JSON route refuses a body
 * nested deeper than MAX_JSON_DEPTH with 400 TOO_DEEP before any validation or transformation.
 */
export function refuseDeepJson(limit = MAX_JSON_DEPTH) {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (nestsDeeperThan(request.body, limit))
      return next(
        DomainError.invalid(
          'TOO_DEEP',
          `Dữ liệu JSON lồng nhau quá sâu (tối đa ${limit} cấp).`,
          'body',
        ),
      );
    next();
  };
}

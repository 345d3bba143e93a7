import { EngineError, type EngineErrorCode } from '../engine';
import { DomainError, type ErrorDetail, type ErrorKind } from './domain-error';

/**
 * An error thrown in a worker thread, as it crosses to the main thread (structured clone keeps
 * no classes): a DomainError or an EngineError comes back as itself, anything else as a plain
 * Error with the worker's stack.
 */
export type ThreadError =
  | { domain: { kind: ErrorKind; code: string; message: string; details: ErrorDetail[] } }
  | { engine: { code: EngineErrorCode; message: string; entryId?: string; field?: string } }
  | { other: string };

export function toThreadError(error: unknown): ThreadError {
  if (error instanceof DomainError) {
    const { kind, code, message, details } = error;
    return { domain: { kind, code, message, details } };
  }
  if (error instanceof EngineError) {
    const { code, message, entryId, field } = error;
    return { engine: { code, message, entryId, field } };
  }
  return { other: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

export function fromThreadError(error: ThreadError): Error {
  if ('domain' in error) {
    const { kind, code, message, details } = error.domain;
    return new DomainError(kind, code, message, details);
  }
  if ('engine' in error) {
    const { code, message, entryId, field } = error.engine;
    return new EngineError(code, message, { entryId, field });
  }
  return new Error(`worker failed: ${error.other}`);
}

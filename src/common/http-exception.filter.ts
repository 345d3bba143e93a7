import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainError, ErrorDetail, ErrorKind } from './domain-error';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
  unavailable: 503,
};

/** Codes and Vietnamese messages for errors raised by the framework rather than by us. */
const BY_STATUS: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'Yêu cầu không hợp lệ.' },
  401: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập.' },
  403: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy.' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'Phương thức không được hỗ trợ.' },
  409: { code: 'CONFLICT', message: 'Xung đột trạng thái.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Định dạng không được hỗ trợ.' },
  429: { code: 'RATE_LIMITED', message: 'Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút.' },
};

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: ErrorDetail[];
  requestId?: string;
  [extra: string]: unknown;
}

/**
 * The single place where any error becomes an HTTP response with one JSON shape:
 * `{ statusCode, code, message, details: [{ field, code, message }] }`.
 * Unknown errors are logged and answered with 500 without leaking internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${request.originalUrl} -> ${body.statusCode}`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '5');
    if (response.headersSent) {
      response.end();
      return;
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request & { id?: string }): ErrorBody {
    const requestId = request.id;
    if (exception instanceof DomainError) {
      return {
        statusCode: STATUS[exception.kind],
        code: exception.code,
        message: exception.message,
        details: exception.details,
        ...exception.extra,
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'code' in payload) {
        return {
          statusCode: status,
          details: [],
          ...(payload as object),
          requestId,
        } as unknown as ErrorBody;
      }
      // body-parser's SyntaxError (compared by name: it may come from another realm)
      if (status === 400 && (exception.cause as Error | undefined)?.name === 'SyntaxError') {
        return {
          statusCode: 400,
          code: 'MALFORMED_JSON',
          message: 'Nội dung JSON không đọc được.',
          details: [],
          requestId,
        };
      }
      const known = BY_STATUS[status] ?? { code: `HTTP_${status}`, message: exception.message };
      return {
        statusCode: status,
        code: known.code,
        message: known.message,
        details: [],
        requestId,
      };
    }
    if (exception instanceof QueryFailedError) {
      const mapped = mapDatabaseError(exception);
      if (mapped) return { ...mapped, requestId };
    }
    if (isDatabaseUnavailable(exception)) {
      // Nothing was done (the transaction could not commit): the client may safely retry.
      return {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        code: 'DATABASE_UNAVAILABLE',
        message: 'Hệ thống tạm thời mất kết nối cơ sở dữ liệu. Vui lòng thử lại sau ít giây.',
        details: [],
        requestId,
      };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, hãy báo Ban tổ chức kèm mã yêu cầu.',
      details: [],
      requestId,
    };
  }
}

/** Constraint violations that a client can trigger become 409/400 instead of 500. */
function mapDatabaseError(error: QueryFailedError): ErrorBody | null {
  const driver = error.driverError as { code?: string; constraint?: string; detail?: string };
  switch (driver.code) {
    case '23505':
      return {
        statusCode: 409,
        code: 'DUPLICATE',
        message: 'Dữ liệu bị trùng với bản ghi đã có.',
        details: [
          { field: driver.constraint ?? '', code: 'DUPLICATE', message: driver.detail ?? '' },
        ],
      };
    case '23503':
      return {
        statusCode: 409,
        code: 'REFERENCE_CONFLICT',
        message: 'Dữ liệu đang được tham chiếu hoặc tham chiếu tới bản ghi không tồn tại.',
        details: [{ field: driver.constraint ?? '', code: 'REFERENCE_CONFLICT', message: '' }],
      };
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return {
        statusCode: 400,
        code: 'INVALID_VALUE',
        message: 'Giá trị không hợp lệ.',
        details: [],
      };
    case '40001':
    case '40P01':
      return {
        statusCode: 409,
        code: 'CONCURRENT_UPDATE',
        message: 'Dữ liệu vừa được người khác thay đổi, vui lòng thử lại.',
        details: [],
      };
    default:
      return null;
  }
}

/**
 * The database went away (restart, crash, network): connection refused or reset, the server
 * terminating sessions (SQLSTATE class 08, 57P01-57P03), or TypeORM finding its connection
 * already gone. Such a request failed as a whole; answer 503 so clients retry.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code =
    ((error as QueryFailedError).driverError as { code?: string } | undefined)?.code ??
    (error as { code?: string }).code;
  if (typeof code === 'string' && (/^08/.test(code) || /^57P0[123]$/.test(code))) return true;
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE') return true;
  return (
    /QueryRunner(Provider)?AlreadyReleased/.test(error.name) ||
    /Connection terminated|connection is closed|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      error.message,
    )
  );
}

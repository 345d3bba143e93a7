import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { OPERATIONS } from './api-operations';

const ERROR_REF = { $ref: '#/components/schemas/ErrorBody' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * Context some errors carry beside the documented shape (HttpExceptionFilter spreads a
 * DomainError's `extra` into the body). Listed here so clients see their types.
 */
const ERROR_CONTEXT: Record<string, SchemaObject> = {
  contestStatus: {
    type: 'string',
    description:
      "The contest's status (SUBMISSION_CLOSED, NOT_JUDGING, JUDGING_CLOSED, NOT_IN_FINAL, NOT_IN_RESULTS_PHASE, …)",
  },
  currentStatus: { type: 'string', description: 'The current status of the object (409)' },
  allowed: {
    type: 'array',
    items: { type: 'string' },
    description: 'Statuses the contest may move to (CONTEST_TRANSITION_NOT_ALLOWED)',
  },
  currentVersion: { type: 'integer', description: 'The version now stored (optimistic lock)' },
  version: { type: 'integer', description: 'The version waiting for approval' },
  status: { type: 'string', description: 'The version status (VERSION_NOT_PENDING)' },
  current: { description: 'The object as now stored (stale-version conflicts)' },
  offset: { type: 'integer', description: 'tus: the offset the server holds (OFFSET_MISMATCH)' },
  maxBytes: { type: 'integer', description: 'The size limit (FILE_TOO_LARGE)' },
  retryAfterSeconds: { type: 'integer', description: 'When to try again (429)' },
  problems: {
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'What blocks the freeze (RESULTS_NOT_READY)',
  },
  tiedGroups: {
    type: 'array',
    items: { type: 'array', items: { type: 'string', format: 'uuid' } },
    description: 'Groups of entries tied and waiting for a decision (NO_SUCH_TIE)',
  },
  incomplete: {
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'Scorecards still missing (closing the round)',
  },
  tieAtCut: { type: 'boolean', description: 'A tie at the finalists cut' },
  finalists: {
    type: 'array',
    items: { type: 'string', format: 'uuid' },
    description: 'The finalists the rules select',
  },
  engineCode: { type: 'string', description: 'The scoring engine code (RESULTS_INPUT_INVALID)' },
  endpoint: { type: 'string', description: 'The route to use instead' },
};

export const ERROR_BODY: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'code', 'message', 'details'],
  description: 'The one error shape; some codes add the context fields listed here.',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'Stable English code, e.g. VALIDATION_FAILED' },
    message: { type: 'string', description: 'Vietnamese message for people' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: {
          field: { type: 'string' },
          code: { type: 'string' },
          message: { type: 'string' },
        },
      },
    },
    requestId: { type: 'string' },
    ...ERROR_CONTEXT,
  },
};

const ERRORS: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ (details nêu trường sai)',
  401: 'Chưa đăng nhập, hoặc mã truy cập hết hạn/không hợp lệ',
  403: 'Không có quyền, hoặc cần đổi mật khẩu tạm (PASSWORD_CHANGE_REQUIRED)',
  404: 'Không tìm thấy (hoặc không được xem)',
  409: 'Xung đột trạng thái hoặc phiên bản',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Định dạng không được hỗ trợ',
  429: 'Thao tác quá nhanh, thử lại sau',
};

const error = (status: number): ResponseObject => ({
  description: ERRORS[status]!,
  content: { 'application/json': { schema: ERROR_REF } },
});

/**
 * What a generated client needs beyond what the decorators give: a stable operationId and a
 * summary for every operation, `security: []` on public ones, the 4xx answers a route can
 * give (ErrorBody), 5xx as `default`, and the error shape with its context fields.
 */
export function applyApiContract(document: OpenAPIObject): void {
  document.components ??= {};
  document.components.schemas ??= {};
  document.components.schemas.ErrorBody = ERROR_BODY;
  for (const [path, item] of Object.entries(document.paths))
    for (const method of METHODS) {
      const op = item[method] as (OperationObject & { 'x-allow'?: string[] }) | undefined;
      if (op) describeOperation(`${method.toUpperCase()} ${path}`, path, method, op);
    }
}

function describeOperation(route: string, path: string, method: string, op: OperationObject) {
  const named = op.operationId ? OPERATIONS[op.operationId] : undefined;
  if (named) [op.operationId, op.summary] = named;
  const allow = (op as { 'x-allow'?: string[] })['x-allow'] ?? [];
  const isPublic = allow.includes('public');
  op.security = isPublic ? [] : [{ bearer: [] }];
  const statuses = new Set<number>([401]);
  if (route !== 'POST /api/auth/login') statuses.add(403);
  if (op.parameters?.length || op.requestBody || path.includes('{')) statuses.add(400);
  if (path.includes('{')) statuses.add(404);
  if (path.includes('{contestId}') || (method !== 'get' && method !== 'head')) statuses.add(409);
  if (/uploads$|uploads\/\{uploadId\}$|interactions\/imports/.test(path) && method !== 'get') {
    statuses.add(413);
    statuses.add(415);
  }
  if (route === 'POST /api/auth/login') statuses.add(429);
  op.responses ??= {};
  for (const status of [...statuses].sort()) op.responses[String(status)] ??= error(status);
  op.responses.default = {
    description: 'Lỗi máy chủ (500) hoặc tạm thời không dùng được (503, thử lại)',
    content: { 'application/json': { schema: ERROR_REF } },
  };
}

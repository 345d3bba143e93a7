// What a failed request means for the team: a short title and a Vietnamese explanation, and
// whether the bytes already sent are kept (so "Tiếp tục" can pick up from there).
import * as tus from 'tus-js-client';
import { bytes } from '../../format';
import type { UploadKind } from './model';

export interface UploadProblem {
  /** Short title: "Tệp quá lớn", "Định dạng không được hỗ trợ", "Mất kết nối"… */
  title: string;
  message: string;
  /** True when the bytes already sent are kept and "Tiếp tục" picks up from there. */
  canResume: boolean;
}

export function responseInfo(err: unknown): {
  status: number;
  code: string;
  message: string;
  maxBytes: number | null;
} {
  const res = err instanceof tus.DetailedError ? err.originalResponse : null;
  if (!res) return { status: 0, code: 'NETWORK', message: '', maxBytes: null };
  let code = `HTTP_${res.getStatus()}`;
  let message = '';
  let maxBytes: number | null = null;
  try {
    const body = JSON.parse(res.getBody() || '{}') as {
      code?: string;
      message?: string;
      maxBytes?: number;
    };
    code = body.code ?? code;
    message = body.message ?? '';
    maxBytes = typeof body.maxBytes === 'number' ? body.maxBytes : null;
  } catch {
    /* not JSON: keep the status */
  }
  return { status: res.getStatus(), code, message, maxBytes };
}

/** Retry only what a retry can fix: no answer, a server error, or a resumable conflict. */
export function retriable(err: tus.DetailedError): boolean {
  const { status, code } = responseInfo(err);
  if (status === 0 || status >= 500 || status === 423 || status === 429) return true;
  return status === 409 && (code === 'OFFSET_MISMATCH' || code === 'UPLOAD_BUSY');
}

export function problemOf(err: unknown, kind: UploadKind, size: number): UploadProblem {
  return problemOfAnswer(responseInfo(err), kind, size, err);
}

/** The same, from an answer already read (direct uploads: the API's JSON error). */
export function problemOfAnswer(
  answer: { status: number; code: string; message: string; maxBytes: number | null },
  kind: UploadKind,
  size: number,
  err?: unknown,
): UploadProblem {
  const { status, code, message, maxBytes } = answer;
  if (status === 413)
    return {
      title: 'Tệp quá lớn',
      message:
        maxBytes !== null
          ? `Tệp đã chọn nặng ${bytes(size)}, vượt mức tối đa ${bytes(maxBytes)} cho ${kind === 'video' ? 'video clip' : 'đề cương'}. ${kind === 'video' ? 'Vui lòng nén video hoặc xuất lại với độ phân giải thấp hơn' : 'Vui lòng giảm dung lượng tệp (nén ảnh trong tài liệu)'} rồi chọn lại.`
          : message || 'Tệp vượt quá dung lượng tối đa hội thi cho phép.',
      canResume: false,
    };
  if (status === 415)
    return {
      title: 'Định dạng không được hỗ trợ',
      message:
        message ||
        (kind === 'video'
          ? 'Chỉ nhận video MP4, MOV, WEBM hoặc MKV.'
          : 'Chỉ nhận đề cương PDF, DOCX hoặc DOC.'),
      canResume: false,
    };
  if (status === 401)
    return {
      title: 'Phiên đăng nhập đã hết hạn',
      message:
        'Vui lòng đăng nhập lại rồi chọn lại tệp: phần đã tải lên vẫn được giữ và sẽ được tải tiếp.',
      canResume: false,
    };
  if (status === 409 && ['SUBMISSION_CLOSED', 'DEADLINE_PASSED', 'ENTRY_LOCKED'].includes(code))
    return { title: 'Không thể tải lên lúc này', message, canResume: false };
  if (status === 0 || status >= 500 || status === 409 || status === 423 || status === 429)
    return {
      title: 'Mất kết nối',
      message:
        'Chưa kết nối lại được với máy chủ. Phần đã tải lên vẫn được giữ; bấm «Tiếp tục» để tải tiếp khi có mạng.',
      canResume: true,
    };
  return {
    title: 'Không tải lên được',
    message: message || (err instanceof Error ? err.message : String(err)),
    canResume: false,
  };
}

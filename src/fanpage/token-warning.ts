import { formatDateTimeVi } from '../formats';
import type { ConnectionRow } from './fanpage-connection.service';

/** How long before the stored token expires the organisers are warned. */
export const TOKEN_WARNING_DAYS = 7;

export const TOKEN_WARNING_CODES = ['TOKEN_EXPIRING', 'TOKEN_EXPIRED'] as const;

export interface TokenWarning {
  code: (typeof TOKEN_WARNING_CODES)[number];
  message: string;
  action: string;
  expiresAt: Date | null;
}

const RENEW =
  'Lấy mã truy cập trang mới (mã lấy từ mã người dùng dài hạn không hết hạn), rồi vào Lượt tương tác › Kết nối fanpage, dán mã và bấm Kiểm tra và lưu.';

/**
 * The warning shown with the connection while its token is about to expire or no longer
 * works: expired by its date, or refused by Facebook (error 190, stored as
 * GRAPH_TOKEN_INVALID). Null while the token is good for more than TOKEN_WARNING_DAYS.
 */
export function tokenWarning(
  row: Pick<ConnectionRow, 'token_expires_at' | 'problem_code'>,
  now: Date,
): TokenWarning | null {
  const expiresAt = row.token_expires_at;
  if (row.problem_code === 'GRAPH_TOKEN_INVALID' || (expiresAt && expiresAt <= now))
    return {
      code: 'TOKEN_EXPIRED',
      message: expiresAt
        ? `Mã truy cập fanpage đã hết hạn hoặc bị Facebook từ chối (hạn ghi nhận: ${formatDateTimeVi(expiresAt)}); số liệu không còn được đọc tự động.`
        : 'Mã truy cập fanpage đã hết hạn hoặc bị Facebook từ chối; số liệu không còn được đọc tự động.',
      action: RENEW,
      expiresAt,
    };
  if (expiresAt && expiresAt.getTime() - now.getTime() <= TOKEN_WARNING_DAYS * 86_400_000)
    return {
      code: 'TOKEN_EXPIRING',
      message: `Mã truy cập fanpage sắp hết hạn: ${formatDateTimeVi(expiresAt)}. Sau thời điểm này số liệu không còn được đọc tự động.`,
      action: RENEW,
      expiresAt,
    };
  return null;
}

import type { Tone } from '../../../components/StatusBadge';
import type { SentNotificationView } from '../../../api-types/routes.gen';

export type Sent = SentNotificationView;
export type EventType = Sent['eventType'];
export type SendStatus = Sent['status'];

/** What happened, in the organisers' words. */
export const EVENT_LABELS: Record<EventType, string> = {
  'account.created': 'Tạo tài khoản',
  'entry.returned': 'Trả lại sản phẩm',
  'entry.approved': 'Duyệt sản phẩm',
  'entry.published': 'Đăng tải sản phẩm',
  'judge.assigned': 'Phân công chấm',
  'judging.reminder': 'Nhắc nộp phiếu chấm',
  'final.order_drawn': 'Bốc thăm thứ tự chung khảo',
  'results.published': 'Công bố kết quả',
  'results.corrected': 'Đính chính kết quả',
  'fanpage.problem': 'Lỗi đọc số liệu fanpage',
  'fanpage.cutoff_missed': 'Không đọc được số liệu lúc chốt',
};

export const STATUS_LABELS: Record<SendStatus, { label: string; tone: Tone }> = {
  sent: { label: 'Đã gửi', tone: 'ok' },
  pending: { label: 'Đang chờ gửi', tone: 'warn' },
  failed: { label: 'Không gửi được', tone: 'danger' },
};

export const CHANNEL_LABELS: Record<Sent['channel'], string> = {
  email: 'E-mail',
  in_app: 'Trong ứng dụng',
};

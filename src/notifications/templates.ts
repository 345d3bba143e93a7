import type { EventType } from './events';

/** A notification as people read it: in the app (title, lines, link) and by e-mail. */
export interface RenderedMessage {
  subject: string;
  /** Paragraphs of plain text (no greeting, no footer). */
  lines: string[];
  /** Path of the exact page in the web app (web/src/app.tsx routes), e.g. /c/nga-bay-2022/ket-qua */
  path: string;
  linkLabel: string;
  /** Extra absolute link shown under the main one (e.g. the fanpage post). */
  extraLink?: { label: string; url: string };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** Absolute address of the page the message is about. */
  url: string;
}

type Payload = Record<string, unknown>;

const ROLE_LABELS: Record<string, string> = {
  organiser: 'Ban tổ chức',
  judge: 'Giám khảo',
  team: 'Đội thi',
};

const str = (v: unknown) =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);

/** dd/mm/yyyy hh:mm in Vietnam time (the contests' time zone). */
export function vnDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

/** The Vietnamese message of one event, from the facts stored with it. */
export function renderMessage(eventType: string, p: Payload): RenderedMessage {
  const contest = str(p.contestName);
  const slug = encodeURIComponent(str(p.contestSlug));
  const entry = `"${str(p.entryName) || 'Sản phẩm dự thi'}" (Đội số ${str(p.teamNumber)} – ${str(p.teamName)})`;
  switch (eventType as EventType) {
    case 'account.created':
      return {
        subject: `[${contest}] Tài khoản của bạn đã được tạo`,
        lines: [
          `Ban tổ chức ${contest} đã tạo tài khoản ${ROLE_LABELS[str(p.role)] ?? ''} cho ${str(p.displayName)}.`,
          `Tên đăng nhập: ${str(p.username)}`,
          'Mật khẩu tạm thời không gửi qua e-mail: Ban tổ chức trao cho bạn phiếu tài khoản. Lần đăng nhập đầu tiên, bạn sẽ đặt mật khẩu mới.',
        ],
        path: '/dang-nhap',
        linkLabel: 'Đăng nhập',
      };
    case 'entry.returned': {
      const reasons = Array.isArray(p.reasons) ? p.reasons.map(str) : [];
      return {
        subject: `[${contest}] Sản phẩm dự thi cần bổ sung, chỉnh sửa`,
        lines: [
          `Ban tổ chức đã trả lại sản phẩm ${entry} để đội bổ sung, chỉnh sửa.`,
          ...(reasons.length ? ['Lý do:', ...reasons.map((r) => `- ${r}`)] : []),
          'Đội có thể sửa và nộp lại trước hạn nộp bài.',
        ],
        path: '/doi-thi',
        linkLabel: 'Mở trang của đội',
      };
    }
    case 'entry.approved':
      return {
        subject: `[${contest}] Sản phẩm dự thi đã được duyệt`,
        lines: [
          `Sản phẩm ${entry} đã qua kiểm duyệt.`,
          'Sản phẩm sẽ được đăng tải trên fanpage của hội thi cùng lúc với các sản phẩm khác.',
        ],
        path: '/doi-thi',
        linkLabel: 'Mở trang của đội',
      };
    case 'entry.published': {
      const post = str(p.postUrl);
      return {
        subject: `[${contest}] Sản phẩm dự thi đã được đăng trên fanpage`,
        lines: [
          `Sản phẩm ${entry} đã được đăng tải trên fanpage của hội thi.`,
          ...(post ? [`Địa chỉ bài đăng: ${post}`] : []),
          'Lượt thích, chia sẻ bài đăng được tính vào điểm tương tác đến thời điểm chốt.',
        ],
        path: `/c/${slug}`,
        linkLabel: 'Xem trang hội thi',
        ...(post ? { extraLink: { label: 'Mở bài đăng trên fanpage', url: post } } : {}),
      };
    }
    case 'judge.assigned':
      return {
        subject: `[${contest}] Bạn được phân công chấm ${str(p.entries)} sản phẩm`,
        lines: [
          `Ban tổ chức đã phân công bạn chấm ${str(p.entries)} sản phẩm dự thi vòng sơ khảo.`,
        ],
        path: '/giam-khao/so-khao',
        linkLabel: 'Mở danh sách bài chấm',
      };
    case 'judging.reminder':
      return {
        subject: `[${contest}] Nhắc việc: còn ${str(p.missing)} phiếu chấm chưa nộp`,
        lines: [
          `Bạn còn ${str(p.missing)} phiếu chấm chưa nộp. Hạn chấm: ${vnDateTime(str(p.deadline))}.`,
          'Bạn có thể tắt e-mail nhắc việc trong phần cài đặt thông báo.',
        ],
        path: '/giam-khao/so-khao',
        linkLabel: 'Chấm tiếp',
      };
    case 'fanpage.problem':
    case 'fanpage.cutoff_missed': {
      const unread = Array.isArray(p.unread) ? (p.unread as Payload[]) : [];
      const missed = eventType === 'fanpage.cutoff_missed';
      return {
        subject: missed
          ? `[${contest}] Chưa đọc được số liệu fanpage tại thời điểm chốt: cần nhập bằng tệp`
          : `[${contest}] Lỗi đọc số liệu fanpage lúc ${vnDateTime(str(p.scheduledAt))}`,
        lines: [
          ...(missed
            ? [
                `Hệ thống đã thử đọc số liệu tại thời điểm chốt ${vnDateTime(str(p.scheduledAt))} nhưng không được. Số liệu chính thức phải được nhập bằng tệp.`,
              ]
            : []),
          str(p.message),
          ...unread.map(
            (u) => `- Đội số ${str(u.teamNumber)} – ${str(u.teamName)}: ${str(u.reason)}`,
          ),
          `Cách xử lý: ${str(p.action)}`,
        ],
        path: `/btc/${encodeURIComponent(str(p.contestId))}/tuong-tac`,
        linkLabel: missed ? 'Nhập số liệu bằng tệp' : 'Mở trang lượt tương tác',
      };
    }
    case 'final.order_drawn': {
      const order = Array.isArray(p.order) ? (p.order as Payload[]) : [];
      return {
        subject: `[${contest}] Đã bốc thăm thứ tự thi vòng chung khảo`,
        lines: [
          'Thứ tự phần thi của các đội ở vòng chung khảo:',
          ...order.map(
            (o) => `${str(o.position)}. Đội số ${str(o.teamNumber)} – ${str(o.teamName)}`,
          ),
        ],
        path: `/c/${slug}/truc-tiep`,
        linkLabel: 'Theo dõi vòng chung khảo',
      };
    }
    case 'results.published':
      return {
        subject: `[${contest}] Đã công bố kết quả`,
        lines: [`Ban tổ chức đã công bố kết quả ${contest}.`],
        path: `/c/${slug}/ket-qua`,
        linkLabel: 'Xem kết quả',
      };
    case 'results.corrected':
      return {
        subject: `[${contest}] Đính chính kết quả (phiên bản ${str(p.version)})`,
        lines: [
          `Ban tổ chức đã công bố phiên bản ${str(p.version)} của kết quả ${contest}, thay cho phiên bản trước.`,
          ...(p.correctionReason ? [`Lý do đính chính: ${str(p.correctionReason)}`] : []),
          'Lịch sử các phiên bản vẫn được công khai.',
        ],
        path: `/c/${slug}/ket-qua`,
        linkLabel: 'Xem kết quả',
      };
  }
  return { subject: `[${contest}] Thông báo`, lines: [], path: '/', linkLabel: 'Mở trang' };
}

/** The e-mail of one notification: plain text and HTML with the same content. */
export function renderEmail(
  eventType: string,
  payload: Payload,
  recipientName: string,
  publicUrl: string,
): RenderedEmail {
  const m = renderMessage(eventType, payload);
  const url = publicUrl.replace(/\/+$/, '') + m.path;
  const footer = `Thư này được gửi tự động từ hệ thống ${str(payload.contestName)}. Vui lòng không trả lời nếu không cần thiết.`;
  const text = [
    `Kính gửi ${recipientName},`,
    '',
    ...m.lines,
    '',
    `${m.linkLabel}: ${url}`,
    ...(m.extraLink ? [`${m.extraLink.label}: ${m.extraLink.url}`] : []),
    '',
    '--',
    footer,
    '',
  ].join('\n');
  const paragraph = (line: string) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`;
  const button = (label: string, href: string) =>
    `<p style="margin:16px 0"><a href="${escapeHtml(href)}" style="background:#0b5cab;color:#fff;padding:10px 16px;border-radius:4px;text-decoration:none">${escapeHtml(label)}</a></p>`;
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8">',
    `<title>${escapeHtml(m.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;color:#1b1b1b;line-height:1.5">',
    paragraph(`Kính gửi ${recipientName},`),
    ...m.lines.map(paragraph),
    button(m.linkLabel, url),
    ...(m.extraLink
      ? [`<p><a href="${escapeHtml(m.extraLink.url)}">${escapeHtml(m.extraLink.label)}</a></p>`]
      : []),
    `<p style="margin-top:24px;color:#666;font-size:13px">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: m.subject, text, html, url };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

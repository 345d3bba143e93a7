/**
 * What Facebook's refusals mean for the organisers, in Vietnamese, with what to do. The codes
 * are those of the Graph API's error-handling guide
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling) and of its rate
 * limiting guide (https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
 */
export const GRAPH_PROBLEM_CODES = [
  'GRAPH_TOKEN_INVALID',
  'GRAPH_PERMISSION_MISSING',
  'GRAPH_POST_UNAVAILABLE',
  'GRAPH_RATE_LIMITED',
  'GRAPH_VERSION_RETIRED',
  'GRAPH_WRONG_PAGE',
  'GRAPH_UNAVAILABLE',
  'POST_ADDRESS_UNREADABLE',
  'TOKEN_KEY_MISMATCH',
] as const;
export type GraphProblemCode = (typeof GRAPH_PROBLEM_CODES)[number];

export interface GraphProblem {
  code: GraphProblemCode;
  /** what happened, for people */
  message: string;
  /** what the organisers do about it */
  action: string;
  /** Facebook's own numbers, kept for the record (never the token) */
  graphCode?: number;
  graphSubcode?: number;
  /** a problem that passes by itself (rate limiting, an outage): worth retrying */
  transient: boolean;
}

const RECONNECT =
  'Vào trang Lượt tương tác › Kết nối fanpage, dán mã truy cập trang (Page access token) mới rồi bấm Kiểm tra và lưu.';

const PROBLEMS: Record<GraphProblemCode, Omit<GraphProblem, 'code'>> = {
  GRAPH_TOKEN_INVALID: {
    message:
      'Facebook từ chối mã truy cập của fanpage: mã đã hết hạn, bị thu hồi hoặc mật khẩu quản trị viên đã đổi.',
    action: RECONNECT,
    transient: false,
  },
  GRAPH_PERMISSION_MISSING: {
    message:
      'Mã truy cập thiếu quyền đọc tương tác của trang (pages_read_engagement) hoặc người cấp mã không còn quản trị trang.',
    action: `Cấp lại mã với quyền pages_read_engagement và pages_show_list. ${RECONNECT}`,
    transient: false,
  },
  GRAPH_POST_UNAVAILABLE: {
    message: 'Bài đăng không còn đọc được: đã bị xoá, bị ẩn hoặc không thuộc fanpage đã kết nối.',
    action:
      'Kiểm tra bài đăng trên fanpage và địa chỉ bài đăng đã ghi cho sản phẩm; nếu không khôi phục được, nhập số liệu của sản phẩm này bằng tệp.',
    transient: false,
  },
  GRAPH_RATE_LIMITED: {
    message: 'Facebook tạm giới hạn số lần gọi (quá nhiều yêu cầu trong thời gian ngắn).',
    action:
      'Hệ thống tự thử lại; nếu lặp lại nhiều giờ, giãn lịch đọc (ví dụ 2 giờ một lần) hoặc nhập số liệu bằng tệp.',
    transient: true,
  },
  GRAPH_VERSION_RETIRED: {
    message:
      'Phiên bản Graph API đã chọn không còn được Facebook hỗ trợ (Facebook tự chuyển sang phiên bản cũ nhất còn dùng được).',
    action:
      'Vào trang Lượt tương tác › Kết nối fanpage, chọn phiên bản Graph API mới nhất (xem developers.facebook.com/docs/graph-api/changelog) rồi lưu lại.',
    transient: false,
  },
  GRAPH_WRONG_PAGE: {
    message: 'Mã truy cập không phải mã của một trang (Page), hoặc là mã của trang khác.',
    action: `Lấy mã truy cập của chính fanpage hội thi (không phải mã người dùng). ${RECONNECT}`,
    transient: false,
  },
  GRAPH_UNAVAILABLE: {
    message: 'Không kết nối được tới Facebook hoặc Facebook trả lời lỗi tạm thời.',
    action: 'Hệ thống tự thử lại; nếu đến hạn chốt vẫn lỗi, nhập số liệu bằng tệp.',
    transient: true,
  },
  POST_ADDRESS_UNREADABLE: {
    message:
      'Địa chỉ bài đăng đã ghi cho sản phẩm không chứa mã số bài đăng (ví dụ địa chỉ rút gọn hoặc dạng pfbid…).',
    action:
      'Mở bài đăng trên fanpage, bấm vào thời gian đăng để lấy địa chỉ đầy đủ có mã số (…/posts/123… hoặc …/videos/123…) và ghi lại cho sản phẩm.',
    transient: false,
  },
  TOKEN_KEY_MISMATCH: {
    message:
      'Máy chủ không giải mã được mã truy cập đã lưu: khoá mã hoá (FANPAGE_TOKEN_KEY hoặc tệp fanpage-token.key) khác với khoá lúc lưu.',
    action:
      'Người quản trị máy chủ đặt cùng một FANPAGE_TOKEN_KEY cho mọi máy chủ; hoặc Ban tổ chức dán lại mã truy cập trang.',
    transient: false,
  },
};

export function graphProblem(
  code: GraphProblemCode,
  extra: Partial<GraphProblem> = {},
): GraphProblem {
  return { code, ...PROBLEMS[code], ...extra };
}

/** The problem an error answer names (`{ error: { code, error_subcode, … } }`). */
export function problemOfAnswer(status: number, json: unknown): GraphProblem {
  const error = (json as { error?: { code?: unknown; error_subcode?: unknown } } | null)?.error;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : undefined;
  const facts = { graphCode: code, graphSubcode: subcode };
  if (code === 190 || code === 102) return graphProblem('GRAPH_TOKEN_INVALID', facts);
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
    return graphProblem('GRAPH_PERMISSION_MISSING', facts);
  if ([4, 17, 32, 613, 80001].includes(code ?? -1))
    return graphProblem('GRAPH_RATE_LIMITED', facts);
  // 100/33: the object does not exist or cannot be loaded; 803: an id of `?ids=` does not exist
  if (code === 100 || code === 803) return graphProblem('GRAPH_POST_UNAVAILABLE', facts);
  if (code === 12) return graphProblem('GRAPH_VERSION_RETIRED', facts);
  if (status === 401) return graphProblem('GRAPH_TOKEN_INVALID', facts);
  if (status === 403) return graphProblem('GRAPH_PERMISSION_MISSING', facts);
  if (status === 404) return graphProblem('GRAPH_POST_UNAVAILABLE', facts);
  if (status === 429) return graphProblem('GRAPH_RATE_LIMITED', facts);
  return graphProblem('GRAPH_UNAVAILABLE', facts);
}

export function problemOfNetwork(_error: unknown): GraphProblem {
  return graphProblem('GRAPH_UNAVAILABLE');
}

/**
 * Shapes of the API answers the team portal reads (see src/entries/entries.service.ts,
 * src/uploads/uploads.service.ts, src/teams/teams.service.ts) and their Vietnamese labels.
 */
import type * as Api from '../../api-types/routes.gen';
import type { ContestStatus } from '../../../../src/contests/contest-status';
import type { Tone } from '../../components/StatusBadge';

// Shapes documented by the API (generated from the OpenAPI document).
export type FileSummary = Api.EntryFileView;
export type EntryView = Api.EntryView;
export type TeamView = Api.TeamView;
export type UploadState = Api.UploadStateView;

export type EntryStatus = Api.EntryView['status'];

export type { ContestStatus };

export type UploadKind = 'video' | 'outline';

export interface ContestView {
  id: string;
  slug: string;
  name: string;
  status: ContestStatus;
  fanpageUrl: string | null;
  rules: {
    dates: { originalityCutoff: string; submissionDeadline: string | null };
    video: { minSeconds: number | null; maxSeconds: number | null };
  };
}

/** The entry text fields, as the form edits them. */
export interface EntryFields {
  name: string;
  context: string;
  implementation: string;
  benefits: string;
  category: string;
  originalityDeclared: boolean;
}

export const EMPTY_FIELDS: EntryFields = {
  name: '',
  context: '',
  implementation: '',
  benefits: '',
  category: '',
  originalityDeclared: false,
};

export function fieldsOf(entry: EntryView | null): EntryFields {
  if (!entry) return { ...EMPTY_FIELDS };
  return {
    name: entry.name,
    context: entry.context,
    implementation: entry.implementation,
    benefits: entry.benefits,
    category: entry.category,
    originalityDeclared: entry.originalityDeclaredAt !== null,
  };
}

export const STATUS_LABELS: Record<EntryStatus, string> = {
  draft: 'Bản nháp — chưa nộp',
  submitted: 'Đã nộp — chờ kiểm duyệt',
  returned: 'Bị trả lại — cần bổ sung',
  resubmitted: 'Đã nộp lại — chờ kiểm duyệt',
  approved: 'Đã được duyệt',
  published: 'Đã đăng tải',
};

export const STATUS_TONES: Record<EntryStatus, Tone> = {
  draft: 'neutral',
  submitted: 'warn',
  returned: 'danger',
  resubmitted: 'warn',
  approved: 'ok',
  published: 'ok',
};

export const STATUS_HELP: Record<EntryStatus, string> = {
  draft:
    'Hoàn thiện thông tin, tải lên video clip và đề cương, đánh dấu cam kết rồi bấm «Nộp sản phẩm dự thi».',
  submitted:
    'Ban tổ chức đang kiểm duyệt sản phẩm. Trong thời gian này đội không sửa được sản phẩm; nếu cần bổ sung, Ban tổ chức sẽ trả lại kèm lý do.',
  returned:
    'Ban tổ chức đã trả lại sản phẩm. Đội sửa theo các lý do dưới đây rồi bấm «Nộp lại sản phẩm».',
  resubmitted:
    'Sản phẩm đã được nộp lại và đang chờ Ban tổ chức kiểm duyệt. Đội không sửa được sản phẩm trong thời gian này.',
  approved:
    'Sản phẩm đạt yêu cầu và sẽ được đăng tải đồng loạt trên fanpage của hội thi cùng các sản phẩm khác.',
  published: 'Sản phẩm đã được đăng tải công khai trên fanpage của hội thi.',
};

export const CONTEST_STATUS_LABELS: Record<ContestStatus, string> = {
  draft: 'Chuẩn bị',
  registration: 'Đăng ký đội thi',
  submission: 'Nộp sản phẩm dự thi',
  moderation: 'Kiểm duyệt',
  published: 'Đã đăng tải, tính tương tác',
  judging: 'Ban giám khảo chấm sơ khảo',
  final: 'Vòng chung khảo',
  results_published: 'Đã công bố kết quả',
  archived: 'Lưu trữ',
};

/** Where teams may change their entry (mirrors src/entries/entry-rules.ts). */
export const TEAM_PHASES: ContestStatus[] = ['submission', 'moderation'];
export const TEAM_EDITABLE: EntryStatus[] = ['draft', 'returned'];

export const FIELD_LABELS: Record<string, string> = {
  name: 'Tên gọi',
  context: 'Bối cảnh ra đời',
  implementation: 'Quá trình triển khai áp dụng',
  benefits: 'Lợi ích mang lại',
  category: 'Lĩnh vực',
  originalityDeclared: 'Cam kết tính mới',
  video: 'Video clip',
  outline: 'Đề cương',
};

/** What a team reads next to a field the server says is missing. */
export const MISSING_MESSAGES: Record<string, string> = {
  name: 'Chưa nhập tên gọi của mô hình, sáng kiến.',
  context: 'Chưa nêu bối cảnh ra đời.',
  implementation: 'Chưa nêu quá trình triển khai áp dụng.',
  benefits: 'Chưa nêu lợi ích mang lại.',
  originalityDeclared: 'Đội chưa đánh dấu cam kết tính mới.',
  video: 'Chưa tải lên video clip.',
  outline: 'Chưa tải lên đề cương.',
};

/** The six areas of the state administrative-reform programme, as suggestions. */
export const CATEGORIES = [
  'Cải cách thể chế',
  'Cải cách thủ tục hành chính',
  'Cải cách tổ chức bộ máy hành chính nhà nước',
  'Cải cách chế độ công vụ',
  'Cải cách tài chính công',
  'Xây dựng, phát triển Chính quyền điện tử, Chính quyền số',
];

/** Field order for the "missing" summary and the focus after a failed submission. */
export const FIELD_ORDER = [
  'name',
  'context',
  'implementation',
  'benefits',
  'category',
  'originalityDeclared',
  'video',
  'outline',
];

/** DOM id of the control a field's error points to. */
export const fieldId = (field: string) => `tp-${field}`;

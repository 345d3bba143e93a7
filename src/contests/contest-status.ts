/** Contest lifecycle, in order. */
export const CONTEST_STATUSES = [
  'draft',
  'registration',
  'submission',
  'moderation',
  'published',
  'judging',
  'final',
  'results_published',
  'archived',
] as const;
export type ContestStatus = (typeof CONTEST_STATUSES)[number];

export const CONTEST_STATUS_LABELS: Record<ContestStatus, string> = {
  draft: 'Bản nháp',
  registration: 'Đăng ký đội thi',
  submission: 'Nộp sản phẩm dự thi',
  moderation: 'Kiểm duyệt',
  published: 'Đã đăng tải, tính tương tác',
  judging: 'Ban giám khảo chấm sơ khảo',
  final: 'Vòng chung khảo',
  results_published: 'Đã công bố kết quả',
  archived: 'Lưu trữ',
};

/**
 * Allowed moves. Forward one step at a time; a few early steps may go back one step
 * (e.g. reopen submission after moderation) — always with a reason. Nothing goes back once
 * judging has started: scores depend on what was published.
 */
const BACKWARD: Partial<Record<ContestStatus, ContestStatus>> = {
  registration: 'draft',
  submission: 'registration',
  moderation: 'submission',
};

export function allowedTransitions(from: ContestStatus): ContestStatus[] {
  const index = CONTEST_STATUSES.indexOf(from);
  const next = CONTEST_STATUSES[index + 1];
  return [...(next ? [next] : []), ...(BACKWARD[from] ? [BACKWARD[from]] : [])];
}

export function isBackward(from: ContestStatus, to: ContestStatus): boolean {
  return CONTEST_STATUSES.indexOf(to) < CONTEST_STATUSES.indexOf(from);
}

/** From judging on, rules change only through a recorded amendment. */
export function rulesLocked(status: ContestStatus): boolean {
  return CONTEST_STATUSES.indexOf(status) >= CONTEST_STATUSES.indexOf('judging');
}

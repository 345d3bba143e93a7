import type { ContestStatus } from '../contests/contest-status';
import { formatDateTimeVi, instantOf } from '../formats';

/** Missing scorecards become urgent this long before the judging deadline. */
export const SCORECARDS_URGENT_HOURS = 48;

/** The figures of one contest that `attentionOf` reads. */
export interface ContestFigures {
  status: ContestStatus;
  submissionDeadline: string | null;
  judgingDeadline: string | null;
  entries: Record<string, number>;
  scorecards: { submitted: number; expected: number };
  results: { frozen: number; published: number };
  failedEmails: number;
}

export interface AttentionItem {
  code: string;
  level: 'warn' | 'danger';
  message: string;
  /** The console section that deals with it (`/btc/:contestId/<section>`). */
  section: string;
}

/**
 * What a province administrator should look at in one contest, most urgent first. Plain
 * rules over the figures (no I/O), so each one is tested on its own.
 */
export function attentionOf(c: ContestFigures, now: Date): AttentionItem[] {
  const items: AttentionItem[] = [];
  const waiting = (c.entries.submitted ?? 0) + (c.entries.resubmitted ?? 0);
  if (waiting > 0)
    items.push({
      code: 'ENTRIES_AWAITING_MODERATION',
      level: 'warn',
      message: `${waiting} sản phẩm chờ kiểm duyệt.`,
      section: 'kiem-duyet',
    });
  if (c.status === 'submission' && c.submissionDeadline && passed(c.submissionDeadline, now))
    items.push({
      code: 'SUBMISSION_DEADLINE_PASSED',
      level: 'warn',
      message: `Đã qua hạn nộp sản phẩm (${formatDateTimeVi(c.submissionDeadline)}), hội thi vẫn ở bước nộp sản phẩm.`,
      section: '',
    });
  if (c.status === 'judging') items.push(...judgingAttention(c, now));
  const decided = c.results.frozen + c.results.published;
  if (c.status === 'final' && decided === 0)
    items.push({
      code: 'RESULTS_NOT_FROZEN',
      level: 'warn',
      message: 'Kết quả chưa được chốt.',
      section: 'ket-qua',
    });
  if (c.results.frozen > 0)
    items.push({
      code: 'RESULTS_AWAITING_APPROVAL',
      level: 'warn',
      message: 'Có phiên bản kết quả đã chốt đang chờ người thứ hai phê duyệt.',
      section: 'ket-qua',
    });
  if (c.failedEmails > 0)
    items.push({
      code: 'EMAILS_FAILED',
      level: 'warn',
      message: `${c.failedEmails} thư điện tử không gửi được.`,
      section: 'thong-bao',
    });
  return items.sort((a, b) => rank(a.level) - rank(b.level));
}

function judgingAttention(c: ContestFigures, now: Date): AttentionItem[] {
  const { submitted, expected } = c.scorecards;
  if (expected === 0)
    return [
      {
        code: 'NO_JUDGE_ASSIGNED',
        level: 'danger',
        message: 'Đang chấm sơ khảo nhưng chưa phân công giám khảo.',
        section: 'so-khao',
      },
    ];
  const missing = expected - submitted;
  if (missing <= 0 || !c.judgingDeadline) return [];
  const deadline = instantOf(c.judgingDeadline);
  if (deadline - now.getTime() > SCORECARDS_URGENT_HOURS * 3_600_000) return [];
  const when = formatDateTimeVi(c.judgingDeadline);
  return [
    {
      code: 'SCORECARDS_MISSING_NEAR_DEADLINE',
      level: 'danger',
      message:
        deadline <= now.getTime()
          ? `Đã quá hạn chấm (${when}), còn ${missing} phiếu chấm chưa nộp.`
          : `Còn ${missing} phiếu chấm chưa nộp, hạn chấm ${when}.`,
      section: 'so-khao',
    },
  ];
}

export { instantOf };

const passed = (iso: string, now: Date) => instantOf(iso) <= now.getTime();
const rank = (level: AttentionItem['level']) => (level === 'danger' ? 0 : 1);

import { attentionOf, ContestFigures, instantOf } from './attention';

const base: ContestFigures = {
  status: 'judging',
  submissionDeadline: null,
  judgingDeadline: null,
  entries: {},
  scorecards: { submitted: 0, expected: 0 },
  results: { frozen: 0, published: 0 },
  failedEmails: 0,
};
const now = new Date('2026-09-10T03:00:00Z'); // 10:00 in Vietnam
const codes = (c: Partial<ContestFigures>) =>
  attentionOf({ ...base, ...c }, now).map((a) => a.code);

describe('what needs attention in a contest', () => {
  it('reads rules dates in Vietnam time; a date alone lasts the whole day', () => {
    expect(instantOf('2026-09-10T10:00')).toBe(now.getTime());
    expect(instantOf('2026-09-10T03:00:00Z')).toBe(now.getTime());
    expect(instantOf('2026-09-09')).toBe(Date.parse('2026-09-09T17:00:00Z'));
  });

  it('counts entries waiting for moderation, submitted or resubmitted', () => {
    const items = attentionOf(
      { ...base, status: 'moderation', entries: { submitted: 3, resubmitted: 2, approved: 9 } },
      now,
    );
    expect(items).toEqual([
      {
        code: 'ENTRIES_AWAITING_MODERATION',
        level: 'warn',
        message: '5 sản phẩm chờ kiểm duyệt.',
        section: 'kiem-duyet',
      },
    ]);
  });

  it('flags missing scorecards only within 48 hours of the judging deadline, or after it', () => {
    const scorecards = { submitted: 40, expected: 45 };
    expect(codes({ scorecards, judgingDeadline: '2026-09-13T10:00' })).toEqual([]);
    const near = attentionOf({ ...base, scorecards, judgingDeadline: '2026-09-11T17:00' }, now);
    expect(near.map((a) => [a.code, a.level, a.message])).toEqual([
      [
        'SCORECARDS_MISSING_NEAR_DEADLINE',
        'danger',
        'Còn 5 phiếu chấm chưa nộp, hạn chấm 11/09/2026 17:00.',
      ],
    ]);
    const late = attentionOf({ ...base, scorecards, judgingDeadline: '2026-09-09T17:00' }, now);
    expect(late[0]!.message).toBe('Đã quá hạn chấm (09/09/2026 17:00), còn 5 phiếu chấm chưa nộp.');
    expect(
      codes({ scorecards: { submitted: 45, expected: 45 }, judgingDeadline: '2026-09-09' }),
    ).toEqual([]);
    expect(codes({ scorecards })).toEqual([]); // no deadline: the counts say it
  });

  it('flags judging without any assignment', () => {
    expect(codes({})).toEqual(['NO_JUDGE_ASSIGNED']);
  });

  it('flags a final without frozen results, a version awaiting approval, and failed e-mails, urgent first', () => {
    expect(codes({ status: 'final' })).toEqual(['RESULTS_NOT_FROZEN']);
    expect(codes({ status: 'final', results: { frozen: 1, published: 0 } })).toEqual([
      'RESULTS_AWAITING_APPROVAL',
    ]);
    expect(codes({ status: 'results_published', results: { frozen: 0, published: 1 } })).toEqual(
      [],
    );
    expect(codes({ failedEmails: 2, entries: { submitted: 1 } })).toEqual([
      'NO_JUDGE_ASSIGNED',
      'ENTRIES_AWAITING_MODERATION',
      'EMAILS_FAILED',
    ]);
  });

  it('flags a submission step left open after its deadline', () => {
    expect(codes({ status: 'submission', submissionDeadline: '2026-09-09T17:00' })).toEqual([
      'SUBMISSION_DEADLINE_PASSED',
    ]);
    expect(codes({ status: 'submission', submissionDeadline: '2026-09-10' })).toEqual([]);
  });
});

import { useEffect, useRef } from 'preact/hooks';
import { useAnnounce } from '../../components/announcer';
import { EmptyState } from '../../components/EmptyState';
import { StatusBadge, type Tone } from '../../components/StatusBadge';
import { ErrorBox, Link, Loading, useTitle } from '../../components/ui';
import type { JudgeCtx } from './context';
import { type Assignment, type EntryView, isNetwork, useCached } from './data';
import { fmt, sumH, toH } from './points';

type Status = 'missing' | 'draft' | 'submitting' | 'submitted';

const LABEL: Record<Status, string> = {
  missing: 'Chưa chấm',
  draft: 'Đang chấm',
  submitting: 'Đang nộp',
  submitted: 'Đã nộp',
};
const TONE: Record<Status, Tone> = {
  missing: 'neutral',
  draft: 'warn',
  submitting: 'warn',
  submitted: 'ok',
};

const SHOWING_SAVED = 'Không kết nối được máy chủ: đang hiển thị danh sách đã lưu trên máy.';

/** The entries assigned to this judge, with what is left to do. */
export function Assignments({ ctx }: { ctx: JudgeCtx }) {
  const { contestId, outbox, rules, me } = ctx;
  const assignments = useCached<Assignment[]>(
    me.userId,
    `/contests/${contestId}/judging/assignments`,
  );
  const entries = useCached<EntryView[]>(me.userId, `/contests/${contestId}/entries`);
  const heading = useRef<HTMLHeadingElement>(null);
  useTitle('Bài thi được phân công', 'Giám khảo');
  useEffect(() => heading.current?.focus(), []);

  const byId = new Map((entries.data ?? []).map((e) => [e.id, e]));
  const criteria = rules?.judging.criteria ?? [];
  const maxTotal = fmt(toH(rules?.judging.maxPoints ?? 70)).replace(/,00$/, '');
  const rows = (assignments.data ?? [])
    .map((a) => {
      const local = outbox.card(contestId, a.entryId);
      // The tablet's own "submitted" wins over a list cached before it submitted, not over a
      // newer card: an organiser's reopen (a later version) shows as a draft again.
      const newer = a.version !== null && a.version > (local.view?.version ?? 0);
      const server = local.view?.status === 'submitted' && !newer ? 'submitted' : a.status;
      const status: Status =
        server === 'submitted'
          ? 'submitted'
          : local.submitQueued
            ? 'submitting'
            : server === 'draft' || local.dirty || local.view?.status === 'draft'
              ? 'draft'
              : 'missing';
      const values = criteria.map((c) => local.value(c.code));
      const total = values.length && values.every((v) => v !== null) ? sumH(values) : null;
      return { a, e: byId.get(a.entryId), status, total, dirty: local.dirty };
    })
    .sort((x, y) => (x.e?.teamNumber ?? 1e9) - (y.e?.teamNumber ?? 1e9));
  const count = (s: Status) => rows.filter((r) => r.status === s).length;
  const stale = assignments.error && isNetwork(assignments.error);
  useAnnounce(stale && !!assignments.data, () => SHOWING_SAVED);

  return (
    <section class="jg-list" aria-labelledby="jg-list-title">
      <h1 id="jg-list-title" ref={heading} tabIndex={-1}>
        Bài thi được phân công
      </h1>
      {(assignments.loading || (!entries.data && entries.loading)) && <Loading />}
      {stale && assignments.data && <p class="alert">{SHOWING_SAVED}</p>}
      {!stale && <ErrorBox error={assignments.error} />}
      {assignments.data && (entries.data || !entries.loading) && (
        <>
          <p class="jg-progress" data-testid="progress">
            Đã nộp <strong>{count('submitted')}</strong>/{rows.length} · Đang chấm{' '}
            <strong>{count('draft') + count('submitting')}</strong> · Chưa chấm{' '}
            <strong>{count('missing')}</strong>
          </p>
          {rows.length === 0 && (
            <EmptyState>Chưa có bài thi nào được phân công cho bạn.</EmptyState>
          )}
          <ul class="jg-rows">
            {rows.map(({ a, e, status, total, dirty }) => (
              <li key={a.entryId}>
                <Link href={`/giam-khao/bai/${a.entryId}`} class="jg-row">
                  <span class="jg-row-num" aria-hidden="true">
                    {e?.teamNumber ?? '?'}
                  </span>
                  <span class="jg-row-main">
                    <span class="jg-row-team">
                      {e ? `Đội số ${e.teamNumber} — ${e.teamName}` : 'Sản phẩm dự thi'}
                    </span>
                    <span class="jg-row-entry">{e?.name ?? ''}</span>
                  </span>
                  <span class="jg-row-side">
                    <StatusBadge tone={TONE[status]} testId="status">
                      {LABEL[status]}
                    </StatusBadge>
                    <span class="jg-row-total">
                      {total === null ? '' : `${fmt(total)} / ${maxTotal}`}
                      {dirty ? ' · chờ gửi' : ''}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

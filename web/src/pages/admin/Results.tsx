import { ApiError, get } from '../../api';
import { Section } from '../../components/Section';
import { StatusBadge } from '../../components/StatusBadge';
import { ErrorBox, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import { SectionProps, statusLabel } from './lib';
import { Awards, Prizes } from './results/Awards';
import { TieDecisions } from './results/Decisions';
import { RankingTable } from './results/RankingTable';
import { Freeze, Versions } from './results/Versions';
import type { ResultsComputation, ResultsVersionRow, Team } from './types';

const PROBLEM_HINT: Record<string, string> = {
  TIE_NEEDS_DECISION: 'Ghi quyết định thứ tự ở phần “Quyết định đồng hạng” bên dưới.',
  PRIZE_TIE: 'Ghi quyết định thứ tự cho nhóm đồng hạng bên dưới.',
  SIDE_PRIZE_UNCONFIRMED: 'Xác nhận ở phần “Giải phụ và giải tài trợ”.',
  FINAL_INCOMPLETE: 'Chờ giám khảo nộp đủ phiếu chấm chung khảo.',
  FINAL_NOT_SET_UP: 'Thiết lập ở mục Điều khiển chung khảo.',
  PRELIMINARY_INCOMPLETE:
    'Đội không còn đủ số phiếu sơ khảo tối thiểu (giám khảo xin không chấm): cần xử lý trước khi chốt.',
};

/**
 * The results desk: the full computation per team (every judge's total, the dropped ones
 * marked, the final's parts, the tie-break used), the problems to settle, tie decisions, side
 * and sponsor prizes, freezing, the four-eyes publication of versions, and the documents.
 */
export function Results({ contest, reloadContest }: SectionProps) {
  const computation = useLoad(
    () => get<ResultsComputation>(`/contests/${contest.id}/results`),
    [contest.id],
  );
  const versions = useLoad(
    () => get<ResultsVersionRow[]>(`/contests/${contest.id}/results/versions`),
    [contest.id],
  );
  const teams = useLoad(() => get<Team[]>(`/contests/${contest.id}/teams`), [contest.id]);
  const reloadAll = async () => {
    await Promise.all([computation.reload(), versions.reload()]);
  };
  const notYet =
    computation.error instanceof ApiError && computation.error.code === 'NOT_IN_RESULTS_PHASE';
  const c = computation.data;
  const pending = versions.data?.find((v) => v.status === 'frozen') ?? null;
  return (
    <>
      {computation.loading && !c && <Loading />}
      {notYet ? (
        <p class="alert">
          Hội thi đang ở bước “{statusLabel(contest.status)}”. Kết quả được tính từ vòng chung khảo
          trở đi.
        </p>
      ) : (
        <ErrorBox error={computation.error} />
      )}
      {c && (
        <>
          <Problems computation={c} />
          <RankingTable doc={c.document} />
          <TieDecisions
            contest={contest}
            computation={c}
            pending={pending}
            onSaved={computation.reload}
          />
          <Awards
            contest={contest}
            computation={c}
            teams={teams.data ?? []}
            pending={pending}
            onSaved={computation.reload}
          />
          <Prizes doc={c.document} />
          <Freeze
            contest={contest}
            computation={c}
            versions={versions.data ?? []}
            onFrozen={reloadAll}
          />
        </>
      )}
      <Versions
        contest={contest}
        versions={versions.data}
        error={versions.error}
        onChanged={async () => {
          await reloadAll();
          await reloadContest();
        }}
      />
    </>
  );
}

function Problems({ computation }: { computation: ResultsComputation }) {
  const { problems } = computation;
  const blocking = problems.filter((p) => p.blocking);
  return (
    <Section title="Việc cần xử lý trước khi chốt" id="van-de">
      {problems.length === 0 ? (
        <p class="alert alert-ok" data-testid="no-problems">
          Không còn vấn đề nào: có thể chốt kết quả.
        </p>
      ) : (
        <>
          <p>
            {blocking.length
              ? `${blocking.length} vấn đề chặn việc chốt kết quả.`
              : 'Không có vấn đề chặn việc chốt kết quả; nên kiểm tra các lưu ý.'}
          </p>
          <ul class="problems" data-testid="problems">
            {problems.map((p, i) => (
              <li key={i} class={p.blocking ? 'problem-blocking' : 'problem-warn'}>
                <StatusBadge tone={p.blocking ? 'danger' : 'warn'}>
                  {p.blocking ? 'Chặn chốt' : 'Lưu ý'}
                </StatusBadge>{' '}
                {p.message}
                {PROBLEM_HINT[p.code] && <span class="muted small"> {PROBLEM_HINT[p.code]}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

import { useEffect } from 'preact/hooks';
import { get, post } from '../../api';
import { ErrorBox, Loading } from '../../components/ui';
import { points } from '../../format';
import { useLoad } from '../../hooks';
import { CloseJudging } from './CloseJudging';
import { ApiErrorBox, num, OkBox, Section, SectionProps, statusLabel, useAction } from './lib';
import type { Entry, Progress } from './types';

const CELL: Record<string, { label: string; cls: string }> = {
  submitted: { label: 'Đã nộp', cls: 'cell-ok' },
  draft: { label: 'Nháp', cls: 'cell-warn' },
  missing: { label: 'Chưa chấm', cls: 'cell-bad' },
};

/** A spread this large between judges is worth a look even without an outlier. */
const WIDE_SPREAD = 10;

/**
 * Preliminary judging progress: per judge (submitted / draft / missing), per entry and judge
 * (the matrix), the spread of the judges' totals per entry and the outliers (a judge 20+
 * points from the others' mean), then closing the round.
 */
export function JudgingProgress({ contest, reloadContest }: SectionProps) {
  const { data, error, loading, reload } = useLoad(async () => {
    const [progress, entries] = await Promise.all([
      get<Progress>(`/contests/${contest.id}/judging/progress`),
      get<Entry[]>(`/contests/${contest.id}/entries`),
    ]);
    return { progress, entries };
  }, [contest.id]);
  useEffect(() => {
    if (contest.status !== 'judging') return;
    const timer = setInterval(() => void reload(), 20_000);
    return () => clearInterval(timer);
  }, [contest.status, reload]);
  const assign = useAction();
  if (!data) return loading ? <Loading /> : <ErrorBox error={error} />;
  const { progress } = data;
  const judges = [...progress.judges].sort((a, b) => a.displayName.localeCompare(b.displayName));
  const entryRows = data.entries
    .filter((e) => e.status === 'published' || e.status === 'approved')
    .sort((a, b) => a.teamNumber - b.teamNumber);
  const cellOf = new Map(progress.cells.map((c) => [`${c.judgeId}|${c.entryId}`, c.status]));
  const statOf = new Map(progress.entries.map((e) => [e.entryId, e]));
  const totals = progress.cells.reduce((acc, c) => ({ ...acc, [c.status]: acc[c.status] + 1 }), {
    submitted: 0,
    draft: 0,
    missing: 0,
  } as Record<string, number>);
  const canAssign = contest.status === 'published' || contest.status === 'judging';
  return (
    <>
      <Section
        title="Tiến độ theo giám khảo"
        id="tien-do"
        actions={
          <button type="button" class="btn" onClick={() => void reload()} disabled={loading}>
            Tải lại
          </button>
        }
      >
        <p data-testid="judging-summary">
          {progress.cells.length === 0 ? (
            'Chưa phân công giám khảo.'
          ) : (
            <>
              <strong>{totals.submitted}</strong>/{progress.cells.length} phiếu đã nộp ·{' '}
              <strong>{totals.draft}</strong> phiếu nháp · <strong>{totals.missing}</strong> chưa
              chấm.{' '}
              {progress.complete ? (
                <span class="badge badge-ok">Đã đủ phiếu chấm</span>
              ) : (
                <span class="badge badge-warn">Chưa đủ phiếu chấm</span>
              )}
            </>
          )}
        </p>
        {canAssign && (
          <div class="actions">
            <button
              type="button"
              class="btn"
              disabled={assign.busy}
              onClick={() =>
                void assign.run(async () => {
                  const res = await post<{ assignments: number; skippedForConflicts: number }>(
                    `/contests/${contest.id}/judging/assignments/all`,
                  );
                  await reload();
                  return `Đã phân công: ${res.assignments} cặp giám khảo – sản phẩm; bỏ qua ${res.skippedForConflicts} cặp xung đột lợi ích (cùng đơn vị, tự rút lui).`;
                })
              }
            >
              Phân công mọi giám khảo chấm mọi sản phẩm
            </button>
            <OkBox message={assign.ok} />
            <ApiErrorBox error={assign.error} />
          </div>
        )}
        {judges.length > 0 && (
          <div class="table-wrap">
            <table class="compact">
              <thead>
                <tr>
                  <th scope="col">Giám khảo</th>
                  <th scope="col" class="num">
                    Đã nộp
                  </th>
                  <th scope="col" class="num">
                    Nháp
                  </th>
                  <th scope="col" class="num">
                    Chưa chấm
                  </th>
                  <th scope="col">Tiến độ</th>
                </tr>
              </thead>
              <tbody>
                {judges.map((j) => {
                  const all = j.submitted + j.draft + j.missing;
                  return (
                    <tr key={j.judgeId}>
                      <th scope="row">{j.displayName}</th>
                      <td class="num">{j.submitted}</td>
                      <td class="num">{j.draft}</td>
                      <td class="num">{j.missing}</td>
                      <td>
                        <progress
                          class="progress"
                          max={all || 1}
                          value={j.submitted}
                          aria-label={`${j.displayName}: ${j.submitted}/${all} phiếu đã nộp`}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      <Section title="Phiếu chấm theo sản phẩm" id="ma-tran">
        <p class="small muted">
          <span class="legend cell-ok">Đã nộp</span> <span class="legend cell-warn">Nháp</span>{' '}
          <span class="legend cell-bad">Chưa chấm</span>{' '}
          <span class="legend">— không phân công</span>{' '}
          <span class="legend cell-outlier">Lệch ≥ 20 điểm so với các giám khảo khác</span>
        </p>
        <div class="table-wrap">
          <table class="compact matrix" data-testid="judging-matrix">
            <thead>
              <tr>
                <th scope="col">Sản phẩm</th>
                {judges.map((j) => (
                  <th scope="col" key={j.judgeId} class="center">
                    {j.displayName}
                  </th>
                ))}
                <th scope="col" class="num">
                  Đã nộp
                </th>
                <th scope="col" class="num">
                  Chênh lệch
                </th>
              </tr>
            </thead>
            <tbody>
              {entryRows.map((e) => {
                const stat = statOf.get(e.id);
                const spread = num(stat?.spread);
                const outliers = new Set(stat?.outliers ?? []);
                const flagged = outliers.size > 0 || (spread ?? 0) >= WIDE_SPREAD;
                return (
                  <tr key={e.id} class={flagged ? 'row-flag' : undefined}>
                    <th scope="row">
                      {e.teamNumber}. {e.teamName}
                    </th>
                    {judges.map((j) => {
                      const s = cellOf.get(`${j.judgeId}|${e.id}`);
                      const out = outliers.has(j.judgeId);
                      return (
                        <td
                          key={j.judgeId}
                          class={`center ${s ? CELL[s]!.cls : ''} ${out ? 'cell-outlier' : ''}`}
                        >
                          {s ? CELL[s]!.label : '—'}
                          {out && <strong class="outlier-mark"> · lệch</strong>}
                        </td>
                      );
                    })}
                    <td class="num">{stat ? `${stat.submitted}/${stat.assigned}` : '0/0'}</td>
                    <td class={`num ${flagged ? 'strong warn-text' : ''}`}>
                      {stat?.spread ? points(stat.spread) : '—'}
                      {outliers.size > 0 && <span class="sr-only"> (có giám khảo lệch)</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Section>
      <Section title="Kết thúc vòng sơ khảo" id="dong-vong">
        {contest.status === 'judging' ? (
          <CloseJudging
            contestId={contest.id}
            onClosed={() => {
              void reloadContest();
              void reload();
            }}
          />
        ) : (
          <p class="muted">
            Hội thi đang ở bước “{statusLabel(contest.status)}”; chỉ đóng vòng sơ khảo khi đang chấm
            sơ khảo.
          </p>
        )}
      </Section>
    </>
  );
}

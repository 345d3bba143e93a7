import { type Column, DataTable } from '../../../components/DataTable';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { ErrorBox } from '../../../components/ui';
import { get } from '../../../api';
import { points } from '../../../format';
import { useLoad } from '../../../hooks';
import { teamLabel } from '../lib';
import type {
  Contest,
  Entry,
  FinalPart,
  FinalScore,
  FinalView,
  ResultsComputation,
} from '../types';
import { StaleNotice, useStageAction } from './Stage';

/** Part results as the judges submit them, and what the public live board shows. */
export function Reveals(props: {
  contest: Contest;
  state: FinalView;
  entryOf: Map<string, Entry>;
  accept: (v: FinalView) => void;
}) {
  const { contest, state } = props;
  const parts = contest.rules.final.parts as FinalPart[];
  const stage = useStageAction(contest.id, props.accept);
  const locked = stage.busy || contest.status !== 'final';
  const scores = useLoad(async () => {
    const [final, results] = await Promise.all([
      get<FinalScore[]>(`/contests/${contest.id}/final/scores`),
      get<ResultsComputation>(`/contests/${contest.id}/results`).catch(() => null),
    ]);
    return { final, results };
  }, [contest.id, state.version]);
  const finalOf = new Map((scores.data?.final ?? []).map((s) => [s.entryId, s]));
  const teamOf = new Map((scores.data?.results?.document.teams ?? []).map((t) => [t.entryId, t]));
  const revealed = new Set(state.revealedParts);
  const columns: Column<string>[] = [
    {
      key: 'team',
      header: 'Đội thi',
      rowHeader: true,
      cell: (id) => teamLabel(props.entryOf.get(id)),
    },
    ...parts.map((p): Column<string> => ({
      key: p.code,
      header: `${p.name} (/${points(p.maxPoints)})`,
      center: true,
      cell: (id) => {
        const on = revealed.has(`${id}|${p.code}`);
        const mean = teamOf.get(id)?.final?.partMeans[p.code];
        // Nothing to show on the board yet: revealing would put an empty line up there.
        const empty = !mean && !on;
        const what = `${p.name} của ${teamLabel(props.entryOf.get(id))}`;
        return (
          <>
            <span class="strong">{mean ? points(mean) : '—'}</span>
            <button
              type="button"
              class={on ? 'btn btn-small btn-primary' : 'btn btn-small'}
              aria-pressed={on}
              // The visible words begin the name (WCAG 2.5.3); the rest says what a press does.
              aria-label={
                on
                  ? `Đã công bố — bấm để ẩn ${what}`
                  : empty
                    ? `Công bố ${what} (chưa có điểm)`
                    : `Công bố ${what}`
              }
              disabled={locked || empty}
              onClick={() =>
                stage.send('reveal', {
                  entryId: id,
                  partCode: p.code,
                  revealed: !on,
                  version: state.version,
                })
              }
            >
              {on ? 'Đã công bố' : 'Công bố'}
            </button>
          </>
        );
      },
    })),
    {
      key: 'final',
      header: 'Điểm chung khảo',
      num: true,
      cell: (id) => {
        const f = finalOf.get(id);
        return (
          <>
            {f?.points ? (
              <strong>{points(f.points)}</strong>
            ) : (
              <span class="muted">chưa đủ phiếu</span>
            )}
            {f && <div class="small muted">{f.judgesCounted} giám khảo</div>}
          </>
        );
      },
    },
  ];
  return (
    <Section
      title="Kết quả từng phần thi và công bố trên bảng trực tiếp"
      id="cong-bo"
      actions={
        <button type="button" class="btn" onClick={() => void scores.reload()}>
          Cập nhật điểm
        </button>
      }
    >
      <StaleNotice show={stage.stale} />
      <ApiErrorBox error={stage.error} />
      <OkBox message={stage.ok} />
      <ErrorBox error={scores.error} />
      <p class="small muted">
        Điểm trung bình mỗi phần chỉ có khi giám khảo đã nộp đủ các phần của đội. “Công bố” đưa điểm
        phần thi lên bảng trực tiếp công khai; phần thi chưa có điểm thì chưa công bố được.
      </p>
      <DataTable
        class="compact"
        testId="reveal-table"
        label="Kết quả từng phần thi"
        columns={columns}
        rows={state.order}
        rowKey={(id) => id}
      />
      <p class="actions">
        <button
          type="button"
          class={state.rankingRevealed ? 'btn btn-primary' : 'btn'}
          aria-pressed={state.rankingRevealed}
          disabled={locked}
          onClick={() =>
            stage.send(
              'reveal',
              { ranking: true, revealed: !state.rankingRevealed, version: state.version },
              state.rankingRevealed
                ? 'Đã ẩn bảng xếp hạng tạm thời.'
                : 'Đã công bố bảng xếp hạng tạm thời trên bảng trực tiếp.',
            )
          }
        >
          {state.rankingRevealed ? 'Ẩn bảng xếp hạng tạm thời' : 'Công bố bảng xếp hạng tạm thời'}
        </button>
      </p>
    </Section>
  );
}

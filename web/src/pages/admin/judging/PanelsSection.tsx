import { useState } from 'preact/hooks';
import { get, post } from '../../../api';
import type {
  AccountView,
  JudgingPanelCommitView,
  JudgingPanelPlanView,
  JudgingPanelsView,
} from '../../../api-types/routes.gen';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { type Column, DataTable, pageOf } from '../../../components/DataTable';
import { Field, fieldError } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorBox, Loading } from '../../../components/ui';
import { dateTime } from '../../../format';
import { useAction, useLoad } from '../../../hooks';
import type { Contest } from '../types';

type Plan = JudgingPanelPlanView;
type PanelRow = Plan['panels'][number];
type JudgeLoad = Plan['judges'][number];

const PAGE = 25;
const PLANNABLE = ['registration', 'submission', 'moderation', 'published', 'judging'];

const vi = (n: number) => n.toLocaleString('vi-VN');

/** Folds Vietnamese accents so "hiep thanh" finds "Hiệp Thành". */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

/**
 * Judging panels (issue 24): the organiser chooses k and the pool, sees the plan the server
 * drew (each judge's load, each entry's judges, what changes), then commits it after a
 * confirmation. Committing again later changes the panels; submitted cards stay.
 */
export function PanelsSection(props: { contest: Contest; onCommitted: () => void }) {
  const { contest } = props;
  const state = useLoad(
    () => get<JudgingPanelsView>(`/contests/${contest.id}/judging/panels`),
    [contest.id],
  );
  const judges = useLoad(
    () => get<AccountView[]>(`/contests/${contest.id}/accounts`),
    [contest.id],
  );
  const [k, setK] = useState('3');
  const [pool, setPool] = useState<Set<string> | null>(null);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [confirming, setConfirming] = useState(false);
  const previewAction = useAction();
  const commitAction = useAction();
  if (!state.data) return state.loading ? <Loading /> : <ErrorBox error={state.error} />;
  const current = state.data.plan;
  const allJudges = (judges.data ?? []).filter((a) => a.role === 'judge' && !a.disabled);
  const chosen = pool ?? new Set(allJudges.map((j) => j.userId));
  const canPlan = PLANNABLE.includes(contest.status);

  const preview = (e: Event) => {
    e.preventDefault();
    void previewAction.run(async () => {
      setPlan(
        await post<Plan>(`/contests/${contest.id}/judging/panels/preview`, {
          k: Number(k),
          judgeIds: [...chosen],
        }),
      );
    });
  };
  const commit = () =>
    void commitAction.run(async () => {
      const done = await post<JudgingPanelCommitView>(
        `/contests/${contest.id}/judging/panels/${plan!.id}/commit`,
      );
      setConfirming(false);
      setPlan(null);
      await state.reload();
      props.onCommitted();
      return `Đã áp dụng phương án: ${done.assignments.toLocaleString('vi-VN')} phân công (thêm ${done.changes?.added ?? 0}, bỏ ${done.changes?.removed ?? 0}).`;
    });

  return (
    <Section title="Tiểu ban chấm sơ khảo" id="tieu-ban">
      <p data-testid="panels-mode">
        {current ? (
          <>
            <StatusBadge tone="ok">Chấm theo tiểu ban</StatusBadge> {current.panelSize} giám khảo
            mỗi sản phẩm, mã bốc thăm <code>{current.seed}</code>, áp dụng lúc{' '}
            {current.committedAt ? dateTime(current.committedAt) : '—'}.
          </>
        ) : (
          <>
            <StatusBadge tone="neutral">Mọi giám khảo chấm mọi sản phẩm</StatusBadge> Với nhiều sản
            phẩm, hãy chia tiểu ban: mỗi sản phẩm do k giám khảo chấm.
          </>
        )}
      </p>
      {canPlan && (
        <form class="panel-form" onSubmit={preview}>
          <Field
            id="panel-k"
            label="Số giám khảo mỗi sản phẩm (k)"
            hint="Mỗi sản phẩm có đúng k giám khảo, không ai cùng đơn vị với đội thi."
            error={fieldError(previewAction.error, 'k')}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                max={Math.max(1, chosen.size)}
                value={k}
                onInput={(e) => setK(e.currentTarget.value)}
                class="input-short"
              />
            )}
          </Field>
          <fieldset class="panel-pool">
            <legend>Giám khảo tham gia ({chosen.size})</legend>
            {allJudges.map((j) => (
              <label key={j.userId} class="check">
                <input
                  type="checkbox"
                  checked={chosen.has(j.userId)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.currentTarget.checked) next.add(j.userId);
                    else next.delete(j.userId);
                    setPool(next);
                  }}
                />{' '}
                {j.displayName}
              </label>
            ))}
          </fieldset>
          <div class="actions">
            <button type="submit" class="btn btn-primary" disabled={previewAction.busy}>
              Lập phương án
            </button>
          </div>
          <ApiErrorBox error={previewAction.error} inline={['k']} />
        </form>
      )}
      <OkBox message={commitAction.ok} />
      {plan && (
        <PlanView plan={plan} onCommit={() => setConfirming(true)} busy={commitAction.busy} />
      )}
      {!plan && current && <PlanView plan={current} />}
      <ConfirmDialog
        open={confirming}
        title="Áp dụng phương án tiểu ban?"
        confirm="Xác nhận áp dụng"
        busy={commitAction.busy}
        onConfirm={commit}
        onClose={() => setConfirming(false)}
      >
        {plan && (
          <>
            <p>
              Mỗi sản phẩm sẽ do {plan.panelSize} giám khảo chấm (mã bốc thăm{' '}
              <code>{plan.seed}</code>). Thêm {vi(plan.changes?.added ?? 0)} phân công, bỏ{' '}
              {vi(plan.changes?.removed ?? 0)} phân công chưa có phiếu nộp.
            </p>
            {(plan.changes?.kept.length ?? 0) > 0 && (
              <p>
                {plan.changes!.kept.length} phiếu đã nộp của giám khảo không còn trong tiểu ban vẫn
                được giữ và tính điểm.
              </p>
            )}
            <p>Việc áp dụng được ghi vào nhật ký.</p>
          </>
        )}
        <ApiErrorBox error={commitAction.error} />
      </ConfirmDialog>
    </Section>
  );
}

/** A plan: the figures that say it is fair, each judge's load, then each entry's judges. */
function PlanView(props: { plan: Plan; onCommit?: () => void; busy?: boolean }) {
  const { plan } = props;
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const nameOf = new Map(plan.judges.map((j) => [j.judgeId, j.displayName]));
  const text = fold(search.trim());
  const rows = plan.panels.filter(
    (p) =>
      !text ||
      String(p.teamNumber) === text ||
      fold(
        `${p.teamName}\n${p.unitName}\n${p.judgeIds.map((id) => nameOf.get(id)).join('\n')}`,
      ).includes(text),
  );
  const judgeColumns: Column<JudgeLoad>[] = [
    { key: 'name', header: 'Giám khảo', rowHeader: true, cell: (j) => j.displayName },
    { key: 'unit', header: 'Đơn vị', cell: (j) => j.unitName ?? '—' },
    { key: 'load', header: 'Số sản phẩm', num: true, cell: (j) => j.entries },
  ];
  const panelColumns: Column<PanelRow>[] = [
    {
      key: 'team',
      header: 'Sản phẩm',
      rowHeader: true,
      cell: (p) => `${p.teamNumber}. ${p.teamName}`,
    },
    { key: 'unit', header: 'Đơn vị', cell: (p) => p.unitName },
    {
      key: 'judges',
      header: 'Giám khảo chấm',
      cell: (p) => p.judgeIds.map((id) => nameOf.get(id) ?? id).join(', '),
    },
  ];
  return (
    <div class="panel-plan" data-testid="panel-plan">
      <h3>
        {plan.status === 'preview' ? 'Phương án đề xuất' : 'Phương án đang áp dụng'}:{' '}
        {plan.panelSize} giám khảo mỗi sản phẩm
      </h3>
      <ul class="plan-facts">
        <li>
          Mã bốc thăm: <code data-testid="panel-seed">{plan.seed}</code> (cùng dữ liệu và mã cho
          cùng kết quả)
        </li>
        <li>
          Số sản phẩm mỗi giám khảo chênh nhau tối đa {plan.loadSpread}{' '}
          {plan.balanced ? (
            <StatusBadge tone="ok">Cân bằng</StatusBadge>
          ) : (
            <StatusBadge tone="warn">Chưa cân bằng do xung đột lợi ích</StatusBadge>
          )}
        </li>
        <li>
          Hai giám khảo ngồi chung nhiều nhất {plan.maxPairCount} tiểu ban (tối thiểu có thể:{' '}
          {plan.idealPairCount})
        </li>
        {plan.changes && (
          <li>
            So với phân công hiện tại: thêm {vi(plan.changes.added)}, bỏ {vi(plan.changes.removed)}
            {plan.changes.kept.length > 0 && `, giữ ${plan.changes.kept.length} phiếu đã nộp`}
            {plan.changes.draftsLeft > 0 &&
              `, ${plan.changes.draftsLeft} phiếu nháp không còn tính`}
            {plan.changes.blocked.length > 0 &&
              `, ${plan.changes.blocked.length} cặp bị loại vì xung đột lợi ích`}
            .
          </li>
        )}
      </ul>
      <DataTable
        class="compact"
        testId="panel-loads"
        label="Số sản phẩm mỗi giám khảo chấm"
        columns={judgeColumns}
        rows={[...plan.judges].sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))}
        rowKey={(j) => j.judgeId}
      />
      <DataTable
        class="compact"
        testId="panel-entries"
        label="Giám khảo chấm từng sản phẩm"
        stickyHeader
        columns={panelColumns}
        rows={pageOf(rows, page, PAGE)}
        rowKey={(p) => p.entryId}
        search={{
          value: search,
          onSearch: (v) => {
            setSearch(v);
            setPage(1);
          },
          label: 'Tìm sản phẩm, đơn vị, giám khảo',
        }}
        paging={{ page, pageSize: PAGE, total: rows.length, onPage: setPage }}
        empty={<p class="muted">Không có sản phẩm phù hợp.</p>}
      />
      {props.onCommit && (
        <div class="actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={props.busy}
            onClick={props.onCommit}
          >
            Áp dụng phương án…
          </button>
        </div>
      )}
    </div>
  );
}

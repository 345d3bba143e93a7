import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Field, fieldError, FieldError, TextAreaField } from '../../../components/Field';
import { ApiErrorBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { ErrorBox, Loading } from '../../../components/ui';
import { num, points } from '../../../format';
import { useAction, useLoad } from '../../../hooks';
import { teamLabel } from '../lib';
import { OrderList } from '../OrderList';
import type { Contest, Entry, FinalView, ResultsComputation } from '../types';

/**
 * Setting up the final: the running order by a recorded draw seed or the organisers' own
 * order, and, when teams tie at the cut, which of them go through (with a reason).
 */
export function FinalSetup(props: {
  contest: Contest;
  entryOf: Map<string, Entry>;
  onDone: (v: FinalView) => void;
}) {
  const { contest } = props;
  const [mode, setMode] = useState<'draw' | 'manual'>('draw');
  const [seed, setSeed] = useState('');
  const [order, setOrder] = useState<string[] | null>(null);
  const [tie, setTie] = useState<{ tieAtCut: string[]; finalists: string[] } | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const prelim = useLoad(
    () => get<ResultsComputation>(`/contests/${contest.id}/results`),
    [contest.id],
  );
  // The organisers' order starts from the engine's likely finalists (best preliminary first).
  useEffect(() => {
    if (order || !prelim.data) return;
    const teams = [...prelim.data.document.teams]
      .filter((t) => t.preliminary !== null)
      .sort((a, b) => (num(b.preliminary) ?? 0) - (num(a.preliminary) ?? 0));
    const f = contest.rules.finalists;
    const picked =
      f.kind === 'topN'
        ? teams.slice(0, f.n)
        : f.kind === 'threshold'
          ? teams.filter((t) => (num(t.preliminary) ?? 0) >= f.minScore)
          : teams;
    setOrder(picked.map((t) => t.entryId));
  }, [prelim.data, order, contest.rules.finalists]);
  const name = (id: string) => teamLabel(props.entryOf.get(id));
  // The set-up is done once (the server refuses a second one): say so before it happens.
  const ask = (e: Event) => {
    e.preventDefault();
    setConfirming(true);
  };
  const submit = () => {
    setConfirming(false);
    void action.run(async () => {
      const body: Record<string, unknown> = {};
      if (mode === 'draw' && seed.trim()) body.seed = seed.trim();
      if (mode === 'manual' && order) body.order = order;
      if (tie) {
        body.finalists = [...tie.finalists, ...chosen];
        body.reason = reason.trim();
        if (mode === 'manual') body.order = [...(order ?? []), ...chosen];
      }
      try {
        props.onDone(await post<FinalView>(`/contests/${contest.id}/final/setup`, body));
      } catch (err) {
        if (err instanceof ApiError && err.code === 'FINALIST_TIE') {
          setTie({
            tieAtCut: (err.body.tieAtCut as string[]) ?? [],
            finalists: (err.body.finalists as string[]) ?? [],
          });
        }
        throw err;
      }
    });
  };
  return (
    <Section title="Thiết lập vòng chung khảo" id="thiet-lap-ck">
      <p>
        Các đội vào chung khảo do nền tảng xác định từ điểm sơ khảo theo thể lệ (
        {contest.rules.finalists.kind === 'topN'
          ? `${contest.rules.finalists.n} đội điểm cao nhất`
          : contest.rules.finalists.kind === 'all'
            ? 'tất cả các đội'
            : `từ ${points(contest.rules.finalists.minScore)} điểm`}
        ). Thứ tự thi được bốc thăm từ một mã ghi lại được (ai cũng kiểm tra lại được), hoặc do Ban
        tổ chức sắp xếp. Cặp phản biện: mỗi đội hỏi đội thi ngay sau mình, đội cuối hỏi đội đầu.
      </p>
      <form class="form form-wide" onSubmit={ask}>
        <fieldset>
          <legend>Cách xác định thứ tự thi</legend>
          <label class="check">
            <input
              type="radio"
              name="mode"
              checked={mode === 'draw'}
              onChange={() => setMode('draw')}
            />
            Bốc thăm theo mã
          </label>
          <label class="check">
            <input
              type="radio"
              name="mode"
              checked={mode === 'manual'}
              onChange={() => setMode('manual')}
            />
            Ban tổ chức sắp xếp
          </label>
        </fieldset>
        {mode === 'draw' && (
          <Field
            id="seed"
            label="Mã bốc thăm (để trống: nền tảng tạo ngẫu nhiên và ghi lại)"
            error={fieldError(action.error, 'seed')}
          >
            {(c) => (
              <input
                {...c}
                value={seed}
                onInput={(e) => setSeed(e.currentTarget.value)}
                maxLength={200}
              />
            )}
          </Field>
        )}
        {mode === 'manual' && (
          <div>
            {prelim.loading && <Loading />}
            <ErrorBox error={prelim.error} />
            <OrderList
              items={order ?? []}
              onChange={setOrder}
              name={name}
              upLabel={(n) => `Đưa ${n} lên trước`}
              downLabel={(n) => `Đưa ${n} xuống sau`}
            />
            <FieldError id="order-err" message={fieldError(action.error, 'order')} />
          </div>
        )}
        {tie && (
          <fieldset class="confirm-box">
            <legend>Các đội bằng điểm ở ranh giới vào chung khảo: Ban tổ chức chọn</legend>
            <p class="small">Đã chắc chắn vào chung khảo: {tie.finalists.map(name).join(', ')}.</p>
            {tie.tieAtCut.map((id) => (
              <label class="check" key={id}>
                <input
                  type="checkbox"
                  checked={chosen.includes(id)}
                  onChange={(e) =>
                    setChosen(
                      e.currentTarget.checked ? [...chosen, id] : chosen.filter((x) => x !== id),
                    )
                  }
                />
                {name(id)}
              </label>
            ))}
            <TextAreaField
              id="tie-reason"
              label="Lý do lựa chọn (bắt buộc, ghi vào nhật ký)"
              error={fieldError(action.error, 'reason')}
              value={reason}
              onValue={setReason}
            />
          </fieldset>
        )}
        <ApiErrorBox error={action.error} inline={['seed', 'order', 'reason']} />
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          {mode === 'draw' ? 'Bốc thăm và thiết lập chung khảo' : 'Thiết lập theo thứ tự này'}
        </button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={mode === 'draw' ? 'Bốc thăm thứ tự thi?' : 'Thiết lập theo thứ tự này?'}
        confirm={mode === 'draw' ? 'Xác nhận bốc thăm' : 'Xác nhận thiết lập'}
        busy={action.busy}
        onConfirm={submit}
        onClose={() => setConfirming(false)}
      >
        <p>
          {mode === 'draw'
            ? seed.trim()
              ? `Thứ tự thi được bốc thăm từ mã “${seed.trim()}” và ghi vào nhật ký.`
              : 'Nền tảng tạo một mã ngẫu nhiên, bốc thăm thứ tự thi từ mã đó và ghi lại.'
            : 'Thứ tự thi là thứ tự Ban tổ chức vừa sắp xếp.'}{' '}
          Cặp phản biện được lập theo thứ tự này.
        </p>
        <p>
          <strong>Không thể bốc thăm hay thiết lập lại</strong> sau khi xác nhận: thứ tự thi và cặp
          phản biện được dùng cho cả vòng chung khảo.
        </p>
      </ConfirmDialog>
    </Section>
  );
}

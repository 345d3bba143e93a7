import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../api';
import { ErrorBox, Loading } from '../../components/ui';
import { clock, points } from '../../format';
import { useLoad } from '../../hooks';
import {
  ApiErrorBox,
  FieldMsg,
  fieldError,
  num,
  OkBox,
  Section,
  SectionProps,
  statusLabel,
  teamLabel,
  useAction,
} from './lib';
import type { Contest, Entry, FinalPart, FinalScore, FinalView, ResultsComputation } from './types';

/**
 * The final round from the organisers' desk: setup (seeded draw or the organisers' order,
 * debate pairing), then the stage: team and part on stage, the timer, and what the public
 * board reveals. Every stage change carries the version this console saw; when another
 * console moved first (409 STALE_VERSION) the current state is loaded and shown.
 */
export function FinalControl({ contest }: SectionProps) {
  const [state, setState] = useState<FinalView | null>(null);
  const [receivedAt, setReceivedAt] = useState(0);
  const [missing, setMissing] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const entries = useLoad(() => get<Entry[]>(`/contests/${contest.id}/entries`), [contest.id]);

  const accept = useCallback((view: FinalView) => {
    setState(view);
    setReceivedAt(Date.now());
    setMissing(false);
  }, []);
  const refresh = useCallback(async () => {
    try {
      accept(await get<FinalView>(`/contests/${contest.id}/final`));
      setLoadError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else setLoadError(err);
    }
  }, [contest.id, accept]);
  useEffect(() => {
    void refresh();
    if (contest.status !== 'final') return;
    // other consoles and judges' submissions: a light poll keeps this desk current
    const timer = setInterval(() => void refresh(), 5000);
    return () => clearInterval(timer);
  }, [refresh, contest.status]);

  const entryOf = new Map((entries.data ?? []).map((e) => [e.id, e]));
  if (!state && !missing) return loadError ? <ErrorBox error={loadError} /> : <Loading />;
  if (!state)
    return contest.status === 'final' ? (
      <Setup contest={contest} entryOf={entryOf} onDone={accept} />
    ) : (
      <p class="alert">
        Vòng chung khảo chưa được thiết lập. Hội thi đang ở bước “{statusLabel(contest.status)}”;
        thiết lập chung khảo khi hội thi ở bước “{statusLabel('final')}” (sau khi đóng vòng sơ
        khảo).
      </p>
    );
  return (
    <>
      <ErrorBox error={loadError} />
      <Stage
        contest={contest}
        state={state}
        receivedAt={receivedAt}
        entryOf={entryOf}
        accept={accept}
      />
      <OrderAndPairing state={state} entryOf={entryOf} />
      <Reveals contest={contest} state={state} entryOf={entryOf} accept={accept} />
    </>
  );
}

// ---- setup --------------------------------------------------------------------------------

function Setup(props: {
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
  const move = (i: number, by: number) => {
    if (!order) return;
    const next = [...order];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    setOrder(next);
  };
  const submit = (e: Event) => {
    e.preventDefault();
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
      <form class="form form-wide" onSubmit={submit}>
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
          <label>
            Mã bốc thăm (để trống: nền tảng tạo ngẫu nhiên và ghi lại)
            <input
              value={seed}
              onInput={(e) => setSeed(e.currentTarget.value)}
              aria-describedby="seed-err"
              maxLength={200}
            />
            <FieldMsg id="seed-err" message={fieldError(action.error, 'seed')} />
          </label>
        )}
        {mode === 'manual' && (
          <div>
            {prelim.loading && <Loading />}
            <ErrorBox error={prelim.error} />
            <ol class="order-list">
              {(order ?? []).map((id, i) => (
                <li key={id}>
                  <span>{name(id)}</span>
                  <span class="actions">
                    <button
                      type="button"
                      class="btn"
                      disabled={i === 0}
                      aria-label={`Đưa ${name(id)} lên trước`}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="btn"
                      disabled={i === (order?.length ?? 0) - 1}
                      aria-label={`Đưa ${name(id)} xuống sau`}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </button>
                  </span>
                </li>
              ))}
            </ol>
            <FieldMsg id="order-err" message={fieldError(action.error, 'order')} />
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
            <label>
              Lý do lựa chọn (bắt buộc, ghi vào nhật ký)
              <textarea
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
                aria-describedby="tie-reason-err"
              />
              <FieldMsg id="tie-reason-err" message={fieldError(action.error, 'reason')} />
            </label>
          </fieldset>
        )}
        <ApiErrorBox error={action.error} inline={['seed', 'order', 'reason']} />
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          {mode === 'draw' ? 'Bốc thăm và thiết lập chung khảo' : 'Thiết lập theo thứ tự này'}
        </button>
      </form>
    </Section>
  );
}

// ---- stage ----------------------------------------------------------------------------------

type LiveChange = { entryId?: string; partCode?: string; timer?: 'start' | 'stop' | 'reset' };

/** Sends a stage change; a 409 STALE_VERSION brings the current state and says so. */
function useStageAction(contestId: string, accept: (v: FinalView) => void) {
  const action = useAction();
  const [stale, setStale] = useState(false);
  const send = (path: 'live' | 'reveal', body: Record<string, unknown>, done?: string) =>
    void action.run(async () => {
      setStale(false);
      try {
        accept(await post<FinalView>(`/contests/${contestId}/final/${path}`, body));
        return done;
      } catch (err) {
        if (err instanceof ApiError && err.code === 'STALE_VERSION') {
          const current = err.body.current as FinalView | undefined;
          if (current) accept(current);
          else accept(await get<FinalView>(`/contests/${contestId}/final`));
          setStale(true);
          return;
        }
        throw err;
      }
    });
  return { ...action, stale, send };
}

function StaleNotice({ show }: { show: boolean }) {
  return show ? (
    <div class="alert" role="alert" data-testid="stale-notice">
      Trạng thái sân khấu vừa được thay đổi từ một máy khác. Đã tải lại trạng thái mới nhất bên
      dưới; kiểm tra rồi thao tác lại nếu cần.
    </div>
  ) : null;
}

function Stage(props: {
  contest: Contest;
  state: FinalView;
  receivedAt: number;
  entryOf: Map<string, Entry>;
  accept: (v: FinalView) => void;
}) {
  const { contest, state } = props;
  const parts = contest.rules.final.parts as FinalPart[];
  const stage = useStageAction(contest.id, props.accept);
  const [, tick] = useState(0);
  useEffect(() => {
    if (!state.timer.running) return;
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(t);
  }, [state.timer.running]);
  const live = (change: LiveChange) => stage.send('live', { ...change, version: state.version });
  const elapsed = state.timer.elapsedMs + (state.timer.running ? Date.now() - props.receivedAt : 0);
  const limit = state.timer.limitSeconds;
  const over = limit !== null && elapsed > limit * 1000;
  const current = state.current.entryId ? props.entryOf.get(state.current.entryId) : undefined;
  const index = state.current.entryId ? state.order.indexOf(state.current.entryId) : -1;
  const partIndex = parts.findIndex((p) => p.code === state.current.partCode);
  const next = (() => {
    if (index === -1) return { entryId: state.order[0], partCode: parts[0]?.code };
    if (partIndex >= 0 && partIndex < parts.length - 1)
      return { partCode: parts[partIndex + 1]!.code };
    if (index < state.order.length - 1)
      return { entryId: state.order[index + 1], partCode: parts[0]?.code };
    return null;
  })();
  const pairing = state.pairing.find((p) => p.asker === state.current.entryId);
  const answering = state.pairing.find((p) => p.answerer === state.current.entryId);
  return (
    <Section title="Sân khấu" id="san-khau">
      <StaleNotice show={stage.stale} />
      <ApiErrorBox error={stage.error} />
      <div class="stage-grid">
        <div class="stage-now" aria-live="polite">
          <p class="small muted">Đang thi</p>
          <p class="stage-team" data-testid="stage-team">
            {current ? `Đội ${current.teamNumber}. ${current.teamName}` : 'Chưa chọn đội'}
          </p>
          <p class="stage-part" data-testid="stage-part">
            {state.current.part?.name ?? 'Chưa chọn phần thi'}
          </p>
          {state.current.partCode === 'debate' && (pairing || answering) && (
            <p class="small">
              {pairing && <>Hỏi: {teamLabel(props.entryOf.get(pairing.answerer))}. </>}
              {answering && (
                <>Trả lời câu hỏi của: {teamLabel(props.entryOf.get(answering.asker))}.</>
              )}
            </p>
          )}
          <p
            class={over ? 'stage-timer over' : 'stage-timer'}
            data-testid="stage-timer"
            role="timer"
            aria-label={`Đồng hồ: ${clock(elapsed)}${limit ? ` trên ${clock(limit * 1000)}` : ''}`}
          >
            {clock(elapsed)}
            {limit ? <small> / {clock(limit * 1000)}</small> : null}
          </p>
          <p class="small muted">
            {state.timer.running ? 'Đang chạy' : elapsed > 0 ? 'Đã dừng' : 'Chưa bấm giờ'}
            {over && <strong class="warn-text"> · Quá thời gian</strong>}
          </p>
          <div class="actions timer-buttons">
            <button
              type="button"
              class="btn btn-primary"
              disabled={stage.busy || state.timer.running || !state.current.partCode}
              onClick={() => live({ timer: 'start' })}
            >
              Bắt đầu giờ
            </button>
            <button
              type="button"
              class="btn"
              disabled={stage.busy || !state.timer.running}
              onClick={() => live({ timer: 'stop' })}
            >
              Dừng giờ
            </button>
            <button
              type="button"
              class="btn"
              disabled={stage.busy || elapsed === 0}
              onClick={() => live({ timer: 'reset' })}
            >
              Đặt lại giờ
            </button>
          </div>
          {next && (
            <button
              type="button"
              class="btn"
              disabled={stage.busy}
              onClick={() => live(next as LiveChange)}
            >
              Tiếp theo: {next.entryId ? `${teamLabel(props.entryOf.get(next.entryId))} — ` : ''}
              {parts.find((p) => p.code === next.partCode)?.name}
            </button>
          )}
        </div>
        <div>
          <fieldset class="choice-group">
            <legend>Đội lên sân khấu</legend>
            <div class="choice-buttons">
              {state.order.map((id, i) => (
                <button
                  key={id}
                  type="button"
                  class={id === state.current.entryId ? 'btn btn-primary' : 'btn'}
                  aria-pressed={id === state.current.entryId}
                  disabled={stage.busy}
                  onClick={() => live({ entryId: id })}
                >
                  {i + 1}. {teamLabel(props.entryOf.get(id))}
                </button>
              ))}
            </div>
          </fieldset>
          <fieldset class="choice-group">
            <legend>Phần thi</legend>
            <div class="choice-buttons">
              {parts.map((p) => (
                <button
                  key={p.code}
                  type="button"
                  class={p.code === state.current.partCode ? 'btn btn-primary' : 'btn'}
                  aria-pressed={p.code === state.current.partCode}
                  disabled={stage.busy}
                  onClick={() => live({ partCode: p.code })}
                >
                  {p.name}
                  {p.timeLimitSeconds ? ` (${clock(p.timeLimitSeconds * 1000)})` : ''}
                </button>
              ))}
            </div>
          </fieldset>
          <p class="small muted">
            Đổi đội hoặc phần thi sẽ đặt lại đồng hồ. Phiên bản trạng thái: {state.version}.{' '}
            <a href={`/c/${contest.slug}/truc-tiep`} target="_blank" rel="noopener noreferrer">
              Mở bảng trực tiếp công khai
            </a>
          </p>
        </div>
      </div>
    </Section>
  );
}

function OrderAndPairing({ state, entryOf }: { state: FinalView; entryOf: Map<string, Entry> }) {
  const asks = new Map(state.pairing.map((p) => [p.asker, p.answerer]));
  const answers = new Map(state.pairing.map((p) => [p.answerer, p.asker]));
  return (
    <Section title="Thứ tự thi và cặp phản biện" id="thu-tu">
      <p>
        {state.drawSeed ? (
          <>
            Thứ tự bốc thăm từ mã <code data-testid="draw-seed">{state.drawSeed}</code> (kiểm tra
            lại được từ mã này).
          </>
        ) : (
          'Thứ tự do Ban tổ chức sắp xếp.'
        )}
      </p>
      <div class="table-wrap">
        <table class="compact" data-testid="final-order">
          <thead>
            <tr>
              <th scope="col" class="num">
                Thứ tự
              </th>
              <th scope="col">Đội thi</th>
              <th scope="col">Mô hình</th>
              <th scope="col">Đặt câu hỏi cho</th>
              <th scope="col">Trả lời câu hỏi của</th>
            </tr>
          </thead>
          <tbody>
            {state.order.map((id, i) => (
              <tr key={id} class={id === state.current.entryId ? 'row-current' : undefined}>
                <td class="num">{i + 1}</td>
                <th scope="row">{teamLabel(entryOf.get(id))}</th>
                <td>{entryOf.get(id)?.name}</td>
                <td>{asks.has(id) ? teamLabel(entryOf.get(asks.get(id)!)) : '—'}</td>
                <td>{answers.has(id) ? teamLabel(entryOf.get(answers.get(id)!)) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

// ---- reveals ------------------------------------------------------------------------------

function Reveals(props: {
  contest: Contest;
  state: FinalView;
  entryOf: Map<string, Entry>;
  accept: (v: FinalView) => void;
}) {
  const { contest, state } = props;
  const parts = contest.rules.final.parts as FinalPart[];
  const stage = useStageAction(contest.id, props.accept);
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
        phần thi lên bảng trực tiếp công khai.
      </p>
      <div class="table-wrap">
        <table class="compact" data-testid="reveal-table">
          <thead>
            <tr>
              <th scope="col">Đội thi</th>
              {parts.map((p) => (
                <th scope="col" key={p.code} class="center">
                  {p.name} (/{points(p.maxPoints)})
                </th>
              ))}
              <th scope="col" class="num">
                Điểm chung khảo
              </th>
            </tr>
          </thead>
          <tbody>
            {state.order.map((id) => {
              const f = finalOf.get(id);
              const t = teamOf.get(id);
              return (
                <tr key={id}>
                  <th scope="row">{teamLabel(props.entryOf.get(id))}</th>
                  {parts.map((p) => {
                    const key = `${id}|${p.code}`;
                    const on = revealed.has(key);
                    const mean = t?.final?.partMeans[p.code];
                    return (
                      <td key={p.code} class="center">
                        <span class="strong">{mean ? points(mean) : '—'}</span>
                        <button
                          type="button"
                          class={on ? 'btn btn-small btn-primary' : 'btn btn-small'}
                          aria-pressed={on}
                          aria-label={`${on ? 'Ẩn' : 'Công bố'} ${p.name} của ${teamLabel(props.entryOf.get(id))}`}
                          disabled={stage.busy}
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
                      </td>
                    );
                  })}
                  <td class="num">
                    {f?.points ? (
                      <strong>{points(f.points)}</strong>
                    ) : (
                      <span class="muted">chưa đủ phiếu</span>
                    )}
                    {f && <div class="small muted">{f.judgesCounted} giám khảo</div>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="actions">
        <button
          type="button"
          class={state.rankingRevealed ? 'btn btn-primary' : 'btn'}
          aria-pressed={state.rankingRevealed}
          disabled={stage.busy}
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

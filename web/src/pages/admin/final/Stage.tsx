import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post } from '../../../api';
import { ApiErrorBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { clock } from '../../../format';
import { useAction } from '../../../hooks';
import { teamLabel } from '../lib';
import type { Contest, Entry, FinalPart, FinalView } from '../types';

export type LiveChange = {
  entryId?: string;
  partCode?: string;
  timer?: 'start' | 'stop' | 'reset';
};

/** Sends a stage change; a 409 STALE_VERSION brings the current state and says so. */
export function useStageAction(contestId: string, accept: (v: FinalView) => void) {
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

export function StaleNotice({ show }: { show: boolean }) {
  return show ? (
    <div class="alert" role="alert" data-testid="stale-notice">
      Trạng thái sân khấu vừa được thay đổi từ một máy khác. Đã tải lại trạng thái mới nhất bên
      dưới; kiểm tra rồi thao tác lại nếu cần.
    </div>
  ) : null;
}

/** A team's turn on stage, numbered once each way: "Lượt 1 · Đội số 2 — Đội Tài chính". */
export function turnLabel(index: number, e: Entry | undefined): string {
  return `Lượt ${index + 1} · ${e ? `Đội số ${e.teamNumber} — ${e.teamName}` : '—'}`;
}

/** The stage: who is on, which part, the timer, and the next step in one click. */
export function Stage(props: {
  contest: Contest;
  state: FinalView;
  receivedAt: number;
  entryOf: Map<string, Entry>;
  accept: (v: FinalView) => void;
}) {
  const { contest, state } = props;
  const parts = contest.rules.final.parts as FinalPart[];
  const stage = useStageAction(contest.id, props.accept);
  // After the final the server refuses every stage change: the buttons say so instead.
  const over = contest.status !== 'final';
  const locked = stage.busy || over;
  const [, tick] = useState(0);
  useEffect(() => {
    if (!state.timer.running) return;
    const t = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(t);
  }, [state.timer.running]);
  const live = (change: LiveChange) => stage.send('live', { ...change, version: state.version });
  const elapsed = state.timer.elapsedMs + (state.timer.running ? Date.now() - props.receivedAt : 0);
  const limit = state.timer.limitSeconds;
  const overTime = limit !== null && elapsed > limit * 1000;
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
      {over && (
        <p class="alert" data-testid="stage-over">
          Vòng chung khảo đã kết thúc: sân khấu, đồng hồ và việc công bố điểm từng phần không thay
          đổi được nữa.
        </p>
      )}
      <div class="stage-grid">
        <div class="stage-now" aria-live="polite">
          <p class="small muted">Đang thi</p>
          <p class="stage-team" data-testid="stage-team">
            {current ? turnLabel(index, current) : 'Chưa chọn đội'}
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
            class={overTime ? 'stage-timer over' : 'stage-timer'}
            data-testid="stage-timer"
            role="timer"
            aria-label={`Đồng hồ: ${clock(elapsed)}${limit ? ` trên ${clock(limit * 1000)}` : ''}`}
          >
            {clock(elapsed)}
            {limit ? <small> / {clock(limit * 1000)}</small> : null}
          </p>
          <p class="small muted">
            {state.timer.running ? 'Đang chạy' : elapsed > 0 ? 'Đã dừng' : 'Chưa bấm giờ'}
            {overTime && <strong class="warn-text"> · Quá thời gian</strong>}
          </p>
          <div class="actions timer-buttons">
            <button
              type="button"
              class="btn btn-primary"
              disabled={locked || state.timer.running || !state.current.partCode}
              onClick={() => live({ timer: 'start' })}
            >
              Bắt đầu giờ
            </button>
            <button
              type="button"
              class="btn"
              disabled={locked || !state.timer.running}
              onClick={() => live({ timer: 'stop' })}
            >
              Dừng giờ
            </button>
            <button
              type="button"
              class="btn"
              disabled={locked || elapsed === 0}
              onClick={() => live({ timer: 'reset' })}
            >
              Đặt lại giờ
            </button>
          </div>
          {next && (
            <button
              type="button"
              class="btn"
              disabled={locked}
              onClick={() => live(next as LiveChange)}
            >
              Tiếp theo:{' '}
              {next.entryId
                ? `${turnLabel(state.order.indexOf(next.entryId), props.entryOf.get(next.entryId))} — `
                : ''}
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
                  disabled={locked}
                  onClick={() => live({ entryId: id })}
                >
                  {turnLabel(i, props.entryOf.get(id))}
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
                  disabled={locked}
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

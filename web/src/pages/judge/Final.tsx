import { useEffect, useRef, useState } from 'preact/hooks';
import { useAnnounce } from '../../components/announcer';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox, Loading, useTitle } from '../../components/ui';
import { clock } from '../../format';
import type { JudgeCtx } from './context';
import { NoticeBox, ScoreControl, SyncBadge } from './controls';
import {
  type EntryView,
  type FinalPart,
  type FinalState,
  isNetwork,
  isNotFound,
  useCached,
  useOnline,
  useTick,
} from './data';
import { fmt, toH } from './points';

const POLL_MS = 2000;

const CONNECTION_LOST = 'Mất kết nối — đang thử lại. Điểm bạn chấm vẫn được lưu trên máy.';

/**
 * The final round, live: follows the organiser's stage (team, part, timer) by polling the
 * final state every 2 s, and scores the part on stage. The judge may pick another part of the
 * team on stage (or come back to one not yet submitted); when the stage moves on, the panel
 * follows it again.
 */
export function Final({ ctx }: { ctx: JudgeCtx }) {
  const { contestId, outbox, rules, me } = ctx;
  const live = useCached<FinalState>(me.userId, `/contests/${contestId}/final`, POLL_MS);
  const entries = useCached<EntryView[]>(me.userId, `/contests/${contestId}/entries`);
  const online = useOnline();
  useTick(500);
  const [pinned, setPinned] = useState<{ entryId: string; partCode: string } | null>(null);
  // The part the judge is confirming: the dialog is tied to it, never to whatever is on stage.
  const [confirming, setConfirming] = useState<{ entryId: string; partCode: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useTitle('Vòng chung khảo', 'Giám khảo');
  useEffect(() => heading.current?.focus(), []);

  const state = live.data;
  const stageKey = `${state?.current.entryId}|${state?.current.partCode}`;
  // The stage moved on: follow it (a dialog open for the part left behind closes).
  useEffect(() => {
    setPinned(null);
    setConfirming(null);
  }, [stageKey]);
  const lost = !online || (live.error && isNetwork(live.error));
  useAnnounce(!!state && lost, () => CONNECTION_LOST);

  const final = rules?.final;
  if (!final) return <Loading />;
  if (!state) {
    return (
      <section class="jg-final">
        <h1 ref={heading} tabIndex={-1}>
          Vòng chung khảo
        </h1>
        {live.loading ? (
          <Loading />
        ) : isNotFound(live.error) ? (
          <p class="alert" role="status">
            Vòng chung khảo chưa được thiết lập. Màn hình sẽ tự cập nhật khi Ban tổ chức bắt đầu.
          </p>
        ) : (
          <ErrorBox error={live.error} />
        )}
      </section>
    );
  }

  const entryOf = (id: string | null) => (entries.data ?? []).find((e) => e.id === id) ?? null;
  const parts = final.parts as FinalPart[];
  const current = state.current;
  const onStage = entryOf(current.entryId);
  const step = toH(final.step) ?? 25;

  const selEntryId = pinned?.entryId ?? current.entryId;
  const selPartCode = pinned?.partCode ?? current.partCode;
  const selEntry = entryOf(selEntryId);
  const selPart = parts.find((p) => p.code === selPartCode) ?? null;

  const t = state.timer;
  const elapsed = t.elapsedMs + (t.running ? Date.now() - live.at : 0);
  const over = t.limitSeconds ? elapsed > t.limitSeconds * 1000 : false;

  // Parts this judge touched and has not submitted, other than the one open.
  const unfinished = outbox
    .partsOf(contestId)
    .filter((p) => !(p.entryId === selEntryId && p.partCode === selPartCode))
    .filter((p) => {
      const s = outbox.part(contestId, p.entryId, p.partCode);
      return s.value !== null && s.view?.status !== 'submitted';
    });

  return (
    <section class="jg-final" aria-labelledby="jg-final-title">
      <h1 id="jg-final-title" ref={heading} tabIndex={-1}>
        Vòng chung khảo
      </h1>
      {lost && (
        <p class="alert" data-testid="final-offline">
          {CONNECTION_LOST}
        </p>
      )}

      <div class="jg-stage" data-testid="stage" aria-live="polite">
        <div class="jg-stage-main">
          <p class="jg-stage-label">Đang thi</p>
          <p class="jg-stage-team" data-testid="stage-team">
            {onStage
              ? `Đội số ${onStage.teamNumber} — ${onStage.teamName}`
              : 'Chưa có đội lên sân khấu'}
          </p>
          {onStage && <p class="jg-stage-entry">{onStage.name}</p>}
          <p class="jg-stage-part" data-testid="stage-part">
            {current.part
              ? `${current.part.name} · tối đa ${fmt(toH(current.part.maxPoints))} điểm`
              : 'Chưa chọn phần thi'}
          </p>
        </div>
        <p
          class={over ? 'jg-timer jg-timer-over' : 'jg-timer'}
          data-testid="timer"
          role="timer"
          aria-label="Thời gian phần thi"
        >
          {clock(elapsed)}
          {t.limitSeconds ? <small> / {clock(t.limitSeconds * 1000)}</small> : null}
          <span class="jg-timer-state">{t.running ? 'đang tính giờ' : 'dừng'}</span>
        </p>
      </div>

      {selEntry && (
        <nav class="jg-parts" aria-label={`Các phần thi của đội số ${selEntry.teamNumber}`}>
          {parts.map((p) => {
            const s = outbox.part(contestId, selEntry.id, p.code);
            const done = s.view?.status === 'submitted';
            const isLive = selEntry.id === current.entryId && p.code === current.partCode;
            return (
              <button
                key={p.code}
                type="button"
                class={p.code === selPartCode ? 'btn jg-part jg-part-on' : 'btn jg-part'}
                aria-pressed={p.code === selPartCode}
                onClick={() => setPinned({ entryId: selEntry.id, partCode: p.code })}
              >
                <span>{p.name}</span>
                <small>
                  {isLive ? 'Đang diễn ra · ' : ''}
                  {done ? 'Đã nộp' : s.value !== null ? fmt(s.value) : 'Chưa chấm'}
                </small>
              </button>
            );
          })}
        </nav>
      )}

      {selEntry && selPart ? (
        <PartPanel
          ctx={ctx}
          entry={selEntry}
          part={selPart}
          step={step}
          confirming={confirming?.entryId === selEntry.id && confirming.partCode === selPart.code}
          setConfirming={(open) =>
            setConfirming(open ? { entryId: selEntry.id, partCode: selPart.code } : null)
          }
        />
      ) : (
        <p class="muted">Phần chấm điểm hiện ra khi Ban tổ chức đưa một đội lên sân khấu.</p>
      )}

      {unfinished.length > 0 && (
        <section class="jg-unfinished" aria-labelledby="jg-unfinished-title">
          <h2 id="jg-unfinished-title">Phần thi bạn chưa nộp</h2>
          <ul>
            {unfinished.map((p) => {
              const e = entryOf(p.entryId);
              const part = parts.find((x) => x.code === p.partCode);
              return (
                <li key={`${p.entryId}|${p.partCode}`}>
                  <button
                    type="button"
                    class="btn"
                    onClick={() => setPinned({ entryId: p.entryId, partCode: p.partCode })}
                  >
                    {e ? `Đội số ${e.teamNumber}` : 'Đội'} — {part?.name ?? p.partCode}
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <details class="jg-details">
        <summary>Thứ tự thi</summary>
        <ol class="jg-order">
          {state.order.map((id) => {
            const e = entryOf(id);
            return (
              <li key={id} class={id === current.entryId ? 'jg-order-on' : ''}>
                {e ? `Đội số ${e.teamNumber} — ${e.teamName}` : id}
              </li>
            );
          })}
        </ol>
      </details>
    </section>
  );
}

function PartPanel(props: {
  ctx: JudgeCtx;
  entry: EntryView;
  part: FinalPart;
  step: number;
  confirming: boolean;
  setConfirming: (v: boolean) => void;
}) {
  const { ctx, entry, part, step, confirming, setConfirming } = props;
  const { outbox, contestId } = ctx;
  const s = outbox.part(contestId, entry.id, part.code);
  const submitted = s.view?.status === 'submitted';
  const max = toH(part.maxPoints) ?? 0;
  const readOnly = submitted || s.submitQueued || ctx.contest?.status !== 'final';
  const maxText = fmt(max).replace(/,00$/, '');
  return (
    <section class="jg-partpanel" aria-labelledby="jg-part-title">
      <header class="jg-head">
        <h2 id="jg-part-title">
          Chấm phần {part.name} — Đội số {entry.teamNumber}
        </h2>
        <SyncBadge
          state={outbox.state(s.id)}
          submitted={submitted}
          submitQueued={s.submitQueued}
          empty={s.value === null}
        />
      </header>
      <NoticeBox notice={outbox.notice(s.id)} onDismiss={() => outbox.dismiss(s.id)} />
      {submitted && (
        <p class="alert alert-ok" data-testid="part-locked">
          <strong>Đã nộp</strong> điểm phần thi này; phiếu đã khóa.
        </p>
      )}
      <ScoreControl
        id={`part-${part.code}`}
        label={part.name}
        max={max}
        step={step}
        value={s.value}
        disabled={readOnly}
        onChange={(h) => outbox.setPart(contestId, entry.id, part.code, h)}
      />
      <div class="jg-bar jg-bar-inline">
        <p class="jg-total">
          <span>Điểm phần thi</span>
          <strong data-testid="part-total">
            {fmt(s.value)} / {maxText}
          </strong>
        </p>
        {!submitted && (
          <button
            type="button"
            class="btn btn-primary jg-submit"
            disabled={readOnly || s.value === null}
            onClick={() => setConfirming(true)}
          >
            {s.submitQueued ? 'Đang nộp…' : 'Nộp điểm phần thi'}
          </button>
        )}
      </div>
      <ConfirmDialog
        class="jg-dialog"
        open={confirming}
        title="Nộp điểm phần thi?"
        confirm="Xác nhận nộp"
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          outbox.submitPart(contestId, entry.id, part.code);
        }}
      >
        <p>
          Đội số {entry.teamNumber} — {entry.teamName}
          <br />
          {part.name}:{' '}
          <strong data-testid="confirm-total">
            {fmt(s.value)} / {maxText}
          </strong>
        </p>
        <p class="jg-warn">Sau khi nộp, điểm phần thi bị khóa.</p>
      </ConfirmDialog>
    </section>
  );
}

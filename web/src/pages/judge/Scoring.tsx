import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox, Link, Loading, useTitle } from '../../components/ui';
import { bytes, dateTime, duration } from '../../format';
import type { JudgeCtx } from './context';
import { NoticeBox, ScoreControl, SyncBadge, useFocusAboveBar } from './controls';
import { contentUrl, type EntryView, isNetwork, useCached } from './data';
import type { CardView } from './outbox';
import { fmt, sumH, toH } from './points';

/**
 * One entry's preliminary scorecard: the video and outline on one side, the rubric on the
 * other (side by side in landscape, stacked in portrait), the running total and the submit
 * button always in view at the bottom.
 */
export function Scoring({ ctx, entryId }: { ctx: JudgeCtx; entryId: string }) {
  const { outbox, contestId, rules, contest } = ctx;
  const entry = useCached<EntryView>(ctx.me.userId, `/contests/${contestId}/entries/${entryId}`);
  const [cardError, setCardError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const bar = useRef<HTMLElement>(null);
  useFocusAboveBar(bar);
  useTitle(entry.data ? `Chấm điểm đội số ${entry.data.teamNumber}` : 'Phiếu chấm', 'Giám khảo');

  useEffect(() => heading.current?.focus(), [entryId]);

  // The server's card (version, status). A failure leaves the stored copy in place.
  useEffect(() => {
    let stop = false;
    const load = async () => {
      try {
        const view = await get<CardView>(
          `/contests/${contestId}/judging/entries/${entryId}/scorecard`,
        );
        if (stop) return;
        outbox.setCardView(contestId, view);
        setCardError(null);
      } catch (error) {
        if (!stop) setCardError(error);
      }
    };
    void load();
    addEventListener('online', load);
    return () => {
      stop = true;
      removeEventListener('online', load);
    };
  }, [contestId, entryId, outbox]);

  const card = outbox.card(contestId, entryId);
  const e = entry.data;
  const judging = rules?.judging;
  if (!judging) return <Loading />;

  const step = toH(judging.step) ?? 25;
  const maxTotal = toH(judging.maxPoints) ?? 7000;
  const values = judging.criteria.map((c) => card.value(c.code));
  const total = sumH(values);
  const complete = values.every((v) => v !== null);
  const submitted = card.view?.status === 'submitted';
  const roundOpen = !contest || contest.status === 'judging';
  // A refusal (not assigned, conflict of interest) means no controls at all.
  const refused =
    cardError instanceof ApiError && (cardError.status === 403 || cardError.status === 404);
  const readOnly = submitted || card.submitQueued || !roundOpen || refused;
  const state = outbox.state(card.id);

  return (
    <div class="jg-scoring">
      <nav class="jg-crumbs" aria-label="Vị trí">
        <Link href="/giam-khao/so-khao">← Danh sách bài thi</Link>
      </nav>
      <header class="jg-head">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {e ? `Đội số ${e.teamNumber} — ${e.teamName}` : 'Phiếu chấm'}
          </h1>
          {e && <p class="jg-entry-name">{e.name}</p>}
        </div>
        <SyncBadge
          state={state}
          submitted={submitted}
          submitQueued={card.submitQueued}
          empty={!card.view || card.view.status === 'missing'}
        />
      </header>
      <NoticeBox notice={outbox.notice(card.id)} onDismiss={() => outbox.dismiss(card.id)} />
      {refused && <ErrorBox error={cardError} />}
      {cardError && !refused && !isNetwork(cardError) && <ErrorBox error={cardError} />}
      {!roundOpen && !submitted && (
        <p class="alert" role="alert">
          Vòng sơ khảo không mở để chấm điểm; phiếu chỉ để xem.
        </p>
      )}
      {submitted && (
        <p class="alert alert-ok jg-locked" data-testid="locked">
          <strong>Đã nộp</strong>
          {card.view?.submittedAt ? ` lúc ${dateTime(card.view.submittedAt)}` : ''}. Phiếu chấm đã
          khóa; chỉ Ban tổ chức mở lại được.
        </p>
      )}

      <div class="jg-cols">
        <section class="jg-media" aria-label="Sản phẩm dự thi">
          {entry.loading && <Loading />}
          {!e && entry.error ? <ErrorBox error={entry.error} /> : null}
          {e && <EntryMedia contestId={contestId} entry={e} />}
        </section>

        <section class="jg-rubric" aria-labelledby="jg-rubric-title">
          <h2 id="jg-rubric-title">Phiếu chấm sơ khảo</h2>
          <p class="muted small">
            Chạm vào ô điểm để gõ điểm, hoặc bấm − / + (mỗi lần {fmt(step)} điểm); điểm được lưu
            ngay trên máy và tự gửi về máy chủ.
          </p>
          {judging.criteria.map((c, i) => (
            <ScoreControl
              key={c.code}
              id={c.code}
              label={c.name}
              max={toH(c.maxPoints) ?? 0}
              step={step}
              value={values[i] ?? null}
              disabled={readOnly}
              onChange={(h) => outbox.setScore(contestId, entryId, c.code, h)}
            />
          ))}
        </section>
      </div>

      <footer class="jg-bar" ref={bar}>
        <p class="jg-total">
          <span>Tổng điểm</span>
          <strong data-testid="total">
            {fmt(total)} / {fmt(maxTotal).replace(/,00$/, '')}
          </strong>
          {!complete && <span class="jg-total-note">Còn tiêu chí chưa chấm</span>}
        </p>
        {!submitted && (
          <button
            type="button"
            class="btn btn-primary jg-submit"
            disabled={readOnly || !complete}
            onClick={() => setConfirming(true)}
          >
            {card.submitQueued ? 'Đang nộp…' : 'Nộp phiếu chấm'}
          </button>
        )}
      </footer>

      <ConfirmDialog
        class="jg-dialog"
        open={confirming}
        title="Nộp phiếu chấm?"
        confirm="Xác nhận nộp"
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          outbox.submitCard(contestId, entryId);
        }}
      >
        <p>
          {e ? `Đội số ${e.teamNumber} — ${e.teamName}` : ''}
          <br />
          Tổng điểm:{' '}
          <strong data-testid="confirm-total">
            {fmt(total)} / {fmt(maxTotal).replace(/,00$/, '')}
          </strong>
        </p>
        <table class="jg-summary">
          <tbody>
            {judging.criteria.map((c, i) => (
              <tr key={c.code}>
                <th scope="row">{c.name}</th>
                <td class="num">
                  {fmt(values[i])} / {fmt(toH(c.maxPoints))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p class="jg-warn">Sau khi nộp, phiếu bị khóa; chỉ Ban tổ chức mở lại được.</p>
      </ConfirmDialog>
    </div>
  );
}

function EntryMedia({ contestId, entry }: { contestId: string; entry: EntryView }) {
  return (
    <>
      {entry.video ? (
        <figure class="jg-video">
          {/* preload=metadata + HTTP Range on the server: the judge can jump anywhere at once. */}
          <video
            controls
            preload="metadata"
            playsInline
            src={contentUrl(contestId, entry.video.id)}
            aria-label={`Video của đội số ${entry.teamNumber}`}
          />
          <figcaption class="muted small">
            {entry.video.originalName}
            {entry.video.durationSeconds
              ? ` · ${duration(entry.video.durationSeconds)}`
              : ''} · {bytes(entry.video.size)}
          </figcaption>
        </figure>
      ) : (
        <p class="jg-novideo">Đội chưa có video.</p>
      )}
      {entry.outline ? (
        <a
          class="btn jg-outline"
          href={contentUrl(contestId, entry.outline.id)}
          target="_blank"
          rel="noopener"
        >
          Mở đề cương ({entry.outline.originalName}, {bytes(entry.outline.size)})
        </a>
      ) : (
        <p class="muted">Chưa có đề cương.</p>
      )}
      {entry.status !== 'published' && (
        <p class="muted small">
          Sản phẩm chưa công bố: nếu video hoặc đề cương không mở được, hãy báo Ban tổ chức.
        </p>
      )}
      <details class="jg-details">
        <summary>Thông tin sản phẩm</summary>
        <dl>
          <dt>Tên gọi</dt>
          <dd>{entry.name || '—'}</dd>
          {entry.category && (
            <>
              <dt>Lĩnh vực</dt>
              <dd>{entry.category}</dd>
            </>
          )}
          <dt>Bối cảnh ra đời</dt>
          <dd>{entry.context || '—'}</dd>
          <dt>Quá trình triển khai áp dụng</dt>
          <dd>{entry.implementation || '—'}</dd>
          <dt>Lợi ích</dt>
          <dd>{entry.benefits || '—'}</dd>
        </dl>
      </details>
    </>
  );
}

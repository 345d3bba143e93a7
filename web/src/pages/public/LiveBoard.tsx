import { useEffect, useState } from 'preact/hooks';
import type { LiveBoardView } from '../../api-types/routes.gen';
import { Link } from '../../components/ui';
import { clock, points } from '../../format';
import { LiveCeremony } from './LiveCeremony';

// The board's shape is the API's documented LiveBoardView (generated types).
type Board = LiveBoardView;

const PART_NAMES: Record<string, string> = {
  presentation: 'Thuyết trình',
  debate: 'Phản biện',
  questions: 'Trả lời câu hỏi',
};

/**
 * The projector and phone view of the final: large type, updated by server-sent events
 * (EventSource reconnects by itself and sends Last-Event-ID). The timer ticks locally from
 * the server's start time, corrected for the clock difference.
 */
export function LiveBoard({ slug }: { slug: string }) {
  const [board, setBoard] = useState<Board | null>(null);
  const [connected, setConnected] = useState(false);
  const [offset, setOffset] = useState(0);
  const [, tick] = useState(0);
  useEffect(() => {
    const source = new EventSource(`/api/public/contests/${encodeURIComponent(slug)}/live`);
    source.addEventListener('board', (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as Board;
      setOffset(Date.parse(next.serverTime) - Date.now());
      setBoard(next);
    });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    const timer = setInterval(() => tick((n) => n + 1), 500);
    return () => {
      source.close();
      clearInterval(timer);
    };
  }, [slug]);
  const name = board?.contest.name;
  useEffect(() => {
    document.title = `Trực tiếp vòng chung khảo — ${name ?? 'Hội thi CCHC'}`;
  }, [name]);

  const final = board?.final;
  const current = final?.order.find((o) => o.entryId === final.current.entryId);
  const t = final?.timer;
  const elapsed = t
    ? t.elapsedMs + (t.running && t.startedAt ? Date.now() + offset - Date.parse(t.startedAt) : 0)
    : 0;
  const over = t?.limitSeconds ? elapsed > t.limitSeconds * 1000 : false;
  const teamName = (id: string) => final?.order.find((o) => o.entryId === id)?.teamName ?? '';
  // Once the final is over the stage has nothing to show: no team "on stage", no timer.
  const onStage = board?.contest.status === 'final';
  const ceremony = board?.ceremony;
  return (
    // Live regions only where the board changes, not around the timer: a screen reader would
    // otherwise read the whole board out at every tick (twice a second).
    <main class="board">
      <header>
        <div>
          <Link href={`/c/${encodeURIComponent(slug)}`} class="board-back">
            ← Trang hội thi
          </Link>
          <h1>{board?.contest.name ?? 'Trực tiếp vòng chung khảo'}</h1>
        </div>
        <span
          class={connected ? 'dot dot-on' : 'dot'}
          title={connected ? 'Đang kết nối' : 'Mất kết nối'}
        >
          {connected ? 'Trực tiếp' : 'Đang kết nối lại…'}
        </span>
      </header>
      {ceremony && <LiveCeremony ceremony={ceremony} slug={slug} />}
      {!ceremony && !final && (
        <p class="board-wait" aria-live="polite">
          Vòng chung khảo chưa bắt đầu.
        </p>
      )}
      {!ceremony && final && (
        <div class="board-grid">
          {onStage ? (
            <section class="stage">
              <h2>Đang thi</h2>
              <p class="board-team" data-testid="current-team" aria-live="polite">
                {current ? `${current.teamNumber}. ${current.teamName}` : '—'}
              </p>
              <p class="board-entry">{current?.entryName}</p>
              <p class="board-part" aria-live="polite">
                {final.current.partName ?? ''}
              </p>
              <p class={over ? 'board-timer over' : 'board-timer'} data-testid="timer" role="timer">
                {clock(elapsed)}
                {t?.limitSeconds ? <small> / {clock(t.limitSeconds * 1000)}</small> : null}
              </p>
            </section>
          ) : (
            <section class="stage">
              <h2>Vòng chung khảo đã kết thúc</h2>
              <p class="board-entry">Cảm ơn quý vị đã theo dõi.</p>
            </section>
          )}
          <section aria-live="polite">
            <h2>Điểm từng phần thi</h2>
            {final.parts.length === 0 ? (
              <p class="board-muted">Chưa công bố.</p>
            ) : (
              <ul class="board-parts" data-testid="parts">
                {final.parts.map((p) => (
                  <li key={`${p.entryId}|${p.partCode}`}>
                    <span>
                      {teamName(p.entryId)} — {PART_NAMES[p.partCode] ?? p.partCode}
                    </span>
                    <strong>{points(p.points)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {final.ranking && (
            <section aria-live="polite">
              <h2>Bảng xếp hạng tạm thời</h2>
              <ol class="board-ranking">
                {final.ranking.map((r) => (
                  <li key={r.entryId}>
                    <span>
                      {r.rank}. {r.teamName}
                    </span>
                    <strong>{points(r.rankingScore)}</strong>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
      )}
      {board?.results && !ceremony && (
        <p class="board-results" aria-live="polite">
          Kết quả chính thức đã công bố (phiên bản {board.results.version}, mã{' '}
          {board.results.fingerprint.slice(0, 12)}):{' '}
          <Link href={`/c/${encodeURIComponent(slug)}/ket-qua`}>xem trang kết quả</Link>.
        </p>
      )}
    </main>
  );
}

import { useState } from 'preact/hooks';
import { ApiError, get, post } from '../../../api';
import type { CeremonyView } from '../../../api-types/routes.gen';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { type Column, DataTable } from '../../../components/DataTable';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { ErrorBox, Loading } from '../../../components/ui';
import { points } from '../../../format';
import { useAction, useLoad } from '../../../hooks';
import type { Contest } from '../types';

type Award = CeremonyView['awards'][number];
type Action = 'start' | 'next' | 'all' | 'end';

/**
 * The award ceremony from the organisers' desk, once the results are published: start it (the
 * public board clears the stage), reveal the prizes one by one from the last place to the
 * first, or all at once, and end it. The board ends on the results' address and QR code.
 */
export function Ceremony({ contest }: { contest: Contest }) {
  const published = contest.status === 'results_published';
  const loaded = useLoad(
    () =>
      published
        ? get<CeremonyView>(`/contests/${contest.id}/final/ceremony`)
        : Promise.resolve(null),
    [contest.id, published],
  );
  const [view, setView] = useState<CeremonyView | null>(null);
  const [confirmAll, setConfirmAll] = useState(false);
  const action = useAction();
  const c = view ?? loaded.data;
  const send = (what: Action, done: string) => {
    if (!c) return;
    setConfirmAll(false);
    void action.run(async () => {
      try {
        setView(
          await post<CeremonyView>(`/contests/${contest.id}/final/ceremony`, {
            action: what,
            version: c.version,
          }),
        );
        return done;
      } catch (err) {
        // another console moved first: show where the ceremony is now
        if (err instanceof ApiError && err.code === 'STALE_VERSION' && err.body.current)
          setView(err.body.current as CeremonyView);
        throw err;
      }
    });
  };
  const next = c && c.running && c.revealed < c.awards.length ? c.awards[c.revealed] : null;
  const columns: Column<Award>[] = [
    { key: 'n', header: 'Thứ tự công bố', num: true, cell: (_, i) => i + 1 },
    { key: 'prize', header: 'Giải', rowHeader: true, cell: (a) => a.prizeName },
    {
      key: 'team',
      header: 'Đội thi',
      cell: (a) =>
        `Đội số ${a.teamNumber} — ${a.teamName}${a.memberName ? ` (${a.memberName})` : ''}`,
    },
    { key: 'score', header: 'Điểm xếp hạng', num: true, cell: (a) => points(a.rankingScore) },
    {
      key: 'shown',
      header: 'Trên bảng',
      cell: (_, i) =>
        c && c.running && i < c.revealed ? (
          <StatusBadge tone="ok">Đã công bố</StatusBadge>
        ) : (
          <StatusBadge>Chưa</StatusBadge>
        ),
    },
  ];
  return (
    <Section title="Lễ trao giải trên bảng trực tiếp" id="le-trao-giai">
      {!published ? (
        <p class="alert" data-testid="ceremony-not-ready">
          Lễ trao giải bắt đầu được khi kết quả đã được phê duyệt và công bố (mục Kết quả). Khi đó
          bảng trực tiếp xóa sân khấu và công bố từng giải.
        </p>
      ) : (
        <>
          {loaded.loading && !c && <Loading />}
          <ErrorBox error={loaded.error} />
          <OkBox message={action.ok} />
          <ApiErrorBox error={action.error} />
          {c && (
            <>
              <p data-testid="ceremony-status">
                {!c.running
                  ? 'Chưa bắt đầu. Khi bắt đầu, bảng trực tiếp không còn hiện đội đang thi và đồng hồ.'
                  : c.revealed >= c.awards.length
                    ? `Đã công bố cả ${c.awards.length} giải; bảng trực tiếp đang hiện địa chỉ và mã QR trang kết quả.`
                    : `Đã công bố ${c.revealed}/${c.awards.length} giải. Tiếp theo: ${next?.prizeName} — Đội số ${next?.teamNumber}.`}
              </p>
              <p class="actions">
                {!c.running ? (
                  <button
                    type="button"
                    class="btn btn-primary"
                    disabled={action.busy}
                    onClick={() =>
                      send('start', 'Đã bắt đầu lễ trao giải: bảng trực tiếp đã xóa sân khấu.')
                    }
                  >
                    Bắt đầu lễ trao giải
                  </button>
                ) : (
                  <>
                    <button
                      type="button"
                      class="btn btn-primary"
                      disabled={action.busy || !next}
                      onClick={() => next && send('next', `Đã công bố ${next.prizeName}.`)}
                    >
                      {next
                        ? `Công bố giải tiếp theo: ${next.prizeName}`
                        : 'Đã công bố hết các giải'}
                    </button>
                    <button
                      type="button"
                      class="btn"
                      disabled={action.busy || !next}
                      onClick={() => setConfirmAll(true)}
                    >
                      Công bố tất cả…
                    </button>
                    <button
                      type="button"
                      class="btn"
                      disabled={action.busy}
                      onClick={() => send('end', 'Đã kết thúc lễ trao giải trên bảng trực tiếp.')}
                    >
                      Kết thúc lễ trao giải
                    </button>
                  </>
                )}
                <a href={`/c/${contest.slug}/truc-tiep`} target="_blank" rel="noopener noreferrer">
                  Mở bảng trực tiếp
                </a>
              </p>
              <DataTable
                class="compact"
                testId="ceremony-awards"
                label="Các giải theo thứ tự công bố"
                columns={columns}
                rows={c.awards}
                rowKey={(_, i) => String(i)}
                empty="Kết quả đã công bố không có giải nào để trao."
              />
              <ConfirmDialog
                open={confirmAll}
                title="Công bố tất cả các giải?"
                confirm="Xác nhận công bố tất cả"
                busy={action.busy}
                onConfirm={() => send('all', 'Đã công bố tất cả các giải.')}
                onClose={() => setConfirmAll(false)}
              >
                <p>
                  {c.awards.length - c.revealed} giải còn lại hiện ngay cùng lúc trên bảng trực
                  tiếp, kèm địa chỉ và mã QR trang kết quả.
                </p>
              </ConfirmDialog>
            </>
          )}
        </>
      )}
    </Section>
  );
}

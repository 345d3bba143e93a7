import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { ErrorBox, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import { Ceremony } from './final/Ceremony';
import { FinalSetup } from './final/FinalSetup';
import { Reveals } from './final/Reveals';
import { Stage } from './final/Stage';
import { SectionProps, statusLabel, teamLabel } from './lib';
import type { Entry, FinalView } from './types';

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
      <FinalSetup contest={contest} entryOf={entryOf} onDone={accept} />
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
      {contest.status === 'results_published' && <Ceremony contest={contest} />}
      <Stage
        contest={contest}
        state={state}
        receivedAt={receivedAt}
        entryOf={entryOf}
        accept={accept}
      />
      <OrderAndPairing state={state} entryOf={entryOf} />
      <Reveals contest={contest} state={state} entryOf={entryOf} accept={accept} />
      {contest.status !== 'results_published' && <Ceremony contest={contest} />}
    </>
  );
}

/** The running order and the debate pairs: who asks whom. */
function OrderAndPairing({ state, entryOf }: { state: FinalView; entryOf: Map<string, Entry> }) {
  const asks = new Map(state.pairing.map((p) => [p.asker, p.answerer]));
  const answers = new Map(state.pairing.map((p) => [p.answerer, p.asker]));
  const team = (id: string | undefined) => (id ? teamLabel(entryOf.get(id)) : '—');
  const columns: Column<string>[] = [
    { key: 'n', header: 'Thứ tự', num: true, cell: (_, i) => i + 1 },
    { key: 'team', header: 'Đội thi', rowHeader: true, cell: (id) => teamLabel(entryOf.get(id)) },
    { key: 'entry', header: 'Mô hình', cell: (id) => entryOf.get(id)?.name },
    { key: 'asks', header: 'Đặt câu hỏi cho', cell: (id) => team(asks.get(id)) },
    { key: 'answers', header: 'Trả lời câu hỏi của', cell: (id) => team(answers.get(id)) },
  ];
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
      <DataTable
        class="compact"
        testId="final-order"
        label="Thứ tự thi và cặp phản biện"
        columns={columns}
        rows={state.order}
        rowKey={(id) => id}
        rowClass={(id) => (id === state.current.entryId ? 'row-current' : undefined)}
      />
    </Section>
  );
}

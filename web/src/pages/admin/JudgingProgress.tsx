import { useState } from 'preact/hooks';
import { get } from '../../api';
import type { JudgingProgressListView } from '../../api-types/routes.gen';
import { Section } from '../../components/Section';
import { ErrorBox, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import { CloseJudging } from './CloseJudging';
import { MatrixProgress } from './judging/MatrixProgress';
import { PanelProgress } from './judging/PanelProgress';
import { PanelsSection } from './judging/PanelsSection';
import { SectionProps, statusLabel } from './lib';

/** Up to this many entries, "every judge scores every entry" shows the whole matrix. */
const MATRIX_MAX_ENTRIES = 50;

/**
 * The preliminary round: panels (who scores what), progress, then closing the round. A city
 * contest where every judge scores every entry (≤ 50 entries) gets the judge × entry matrix;
 * panels or a larger contest get the progress per panel, a page at a time.
 */
export function JudgingProgress({ contest, reloadContest }: SectionProps) {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = () => setRefreshKey((n) => n + 1);
  const head = useLoad(
    () => get<JudgingProgressListView>(`/contests/${contest.id}/judging/progress/entries?limit=1`),
    [contest.id, refreshKey],
  );
  const matrix = head.data?.mode === 'all' && head.data.total <= MATRIX_MAX_ENTRIES;
  return (
    <>
      <PanelsSection contest={contest} onCommitted={refresh} />
      {!head.data ? (
        head.loading ? (
          <Loading />
        ) : (
          <ErrorBox error={head.error} />
        )
      ) : matrix ? (
        <MatrixProgress contest={contest} refreshKey={refreshKey} />
      ) : (
        <PanelProgress contest={contest} refreshKey={refreshKey} />
      )}
      <Section title="Kết thúc vòng sơ khảo" id="dong-vong">
        {contest.status === 'judging' ? (
          <CloseJudging
            contestId={contest.id}
            onClosed={() => {
              void reloadContest();
              refresh();
            }}
          />
        ) : (
          <p class="muted">
            Hội thi đang ở bước “{statusLabel(contest.status)}”; chỉ đóng vòng sơ khảo khi đang chấm
            sơ khảo.
          </p>
        )}
      </Section>
    </>
  );
}

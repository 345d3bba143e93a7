import { useState } from 'preact/hooks';
import {
  type Column,
  type ColumnGroup,
  DataTable,
  FilterSelect,
  pageOf,
  searchRows,
} from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { dateTime, points } from '../../../format';
import type { ResultsDocument, TeamResult } from '../types';
import { Dropped, TeamDetail } from './TeamDetail';

const TIE_KEYS: Record<string, string> = {
  final: 'điểm chung khảo',
  judges: 'điểm giám khảo sơ khảo',
  interaction: 'điểm tương tác',
  preliminary: 'điểm sơ khảo',
};

function aggregationText(a: string): string {
  const m = /^trimmedMean\((\d+)\)$/.exec(a);
  return m ? `bỏ điểm cao nhất và thấp nhất khi có từ ${m[1]} giám khảo` : 'trung bình cộng';
}

/** "Nguyễn Minh Triều" → "GK Triều" for narrow column headers (full name in the title). */
function shortName(name: string): string {
  const parts = name.trim().split(/\s+/);
  return `GK ${parts[parts.length - 1] ?? name}`;
}

/** Rows per page: the results of a 400-entry contest are read 25 teams at a time. */
const PAGE = 25;

type Show = '' | 'finalists' | 'awarded' | 'decide';
const SHOW: Record<Show, { label: string; keep: (t: TeamResult) => boolean }> = {
  '': { label: 'Tất cả các đội', keep: () => true },
  finalists: { label: 'Các đội vào chung khảo', keep: (t) => t.finalist },
  awarded: { label: 'Các đội có giải', keep: (t) => t.awards.length > 0 },
  decide: { label: 'Cần Ban tổ chức quyết định', keep: (t) => t.needsDecision },
};

/**
 * The full computation, one row per team, in three groups of columns: preliminary | final |
 * total. Rank and team stay in view while the rest scrolls sideways; each judge's total is
 * shown on demand (folded by default, so the ranking score and the prize fit a 1366 px
 * screen); "Chi tiết" opens a team's cards below.
 */
export function RankingTable({ doc }: { doc: ResultsDocument }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [judgesShown, setJudgesShown] = useState(false);
  const [q, setQ] = useState('');
  const [show, setShow] = useState<Show>('');
  const [page, setPage] = useState(1);
  const found = searchRows(
    doc.teams.filter((t) => SHOW[show].keep(t)),
    q,
    (t) => [t.teamNumber, t.teamName, t.entryName],
  );
  const rows = pageOf(found, page, PAGE);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  const columns: Column<TeamResult>[] = [
    {
      key: 'rank',
      header: 'Hạng',
      num: true,
      width: '3.5rem',
      cellClass: () => 'strong',
      cell: (t) => t.rank ?? '—',
    },
    {
      key: 'team',
      header: 'Đội thi',
      rowHeader: true,
      cell: (t) => (
        <>
          {t.teamNumber}. {t.teamName}
          <div class="muted small">{t.entryName}</div>
        </>
      ),
    },
    {
      key: 'interaction',
      header: 'Tương tác',
      num: true,
      groupStart: true,
      cell: (t) => points(t.interaction.points),
    },
    ...(judgesShown ? doc.judges : []).map((j): Column<TeamResult> => ({
      key: `judge-${j.id}`,
      header: shortName(j.name),
      headerTitle: j.name,
      num: true,
      cell: (t) => {
        const card = t.judgeCards.find((c) => c.judgeId === j.id);
        return card ? (
          <Dropped value={card.total} dropped={card.dropped} />
        ) : (
          <span class="muted" title="Không chấm (xung đột lợi ích hoặc rút lui)">
            —
          </span>
        );
      },
    })),
    { key: 'judges', header: 'Điểm GK', num: true, cell: (t) => points(t.judgesPoints) },
    {
      key: 'prelim',
      header: 'Sơ khảo',
      num: true,
      cellClass: () => 'strong',
      cell: (t) => points(t.preliminary),
    },
    ...doc.rules.parts.map((p, i): Column<TeamResult> => ({
      key: `part-${p.code}`,
      header: p.name,
      num: true,
      groupStart: i === 0,
      cell: (t) => points(t.final?.partMeans[p.code]),
    })),
    {
      key: 'final',
      header: 'Điểm chung khảo',
      num: true,
      groupStart: doc.rules.parts.length === 0,
      cell: (t) => points(t.final?.points),
    },
    {
      key: 'score',
      header: 'Điểm xếp hạng',
      num: true,
      groupStart: true,
      cellClass: () => 'strong',
      cell: (t) => points(t.rankingScore),
    },
    {
      key: 'tie',
      header: 'Tiêu chí phụ',
      cell: (t) => (
        <>
          {t.tieBreakUsed ?? ''}
          {t.needsDecision && <StatusBadge tone="danger">Cần quyết định</StatusBadge>}
          {t.decided && <StatusBadge>BTC quyết định</StatusBadge>}
          {!t.finalist && <span class="muted small">Không vào chung khảo</span>}
        </>
      ),
    },
    {
      key: 'awards',
      header: 'Giải thưởng',
      cell: (t) =>
        t.awards.map((a, i) => (
          <div key={i}>
            {a.prizeName}
            {a.memberName ? ` (${a.memberName})` : ''}
          </div>
        )),
    },
    {
      key: 'detail',
      header: 'Chi tiết',
      hiddenHeader: true,
      cell: (t) => (
        <button
          type="button"
          class="btn btn-small"
          aria-expanded={open.has(t.entryId)}
          aria-controls={`detail-${t.entryId}`}
          onClick={() => toggle(t.entryId)}
        >
          {open.has(t.entryId) ? 'Ẩn' : 'Chi tiết'}
          <span class="sr-only"> đội {t.teamNumber}</span>
        </button>
      ),
    },
  ];
  const judgeColumns = judgesShown ? doc.judges.length : 0;
  const groups: ColumnGroup[] = [
    { label: '', span: 2 },
    { label: 'Sơ khảo', span: 3 + judgeColumns },
    { label: 'Chung khảo', span: doc.rules.parts.length + 1 },
    { label: 'Tổng', span: 4 },
  ];
  return (
    <Section title="Bảng tính điểm và xếp hạng" id="bang-tinh">
      <p class="small muted">
        Điểm sơ khảo = tương tác (tối đa {points(doc.rules.interactionMax)}) + giám khảo (tối đa{' '}
        {points(doc.rules.judgingMax)}, {aggregationText(doc.rules.judgingAggregation)}); điểm xếp
        hạng = sơ khảo + chung khảo (tối đa {points(doc.rules.finalMax)}). Điểm gạch ngang kèm * là
        điểm bị loại khi tính trung bình. Tiêu chí phụ khi bằng điểm:{' '}
        {doc.rules.tieBreak.map((k) => TIE_KEYS[k] ?? k).join(' → ')}.
        {doc.interactionSnapshot &&
          ` Số liệu tương tác lấy lúc ${dateTime(doc.interactionSnapshot.takenAt)}.`}
      </p>
      <DataTable
        class="results-table compact"
        testId="results-table"
        caption="Bảng tính điểm đầy đủ của từng đội"
        captionHidden
        fixedColumns={2}
        groups={groups}
        stickyHeader
        columns={columns}
        rows={rows}
        rowKey={(t) => t.entryId}
        search={{
          value: q,
          onSearch: (text) => {
            setQ(text);
            setPage(1);
          },
          label: 'Tìm đội',
          placeholder: 'Số đội, tên đội, tên mô hình',
        }}
        filters={
          <>
            <button
              type="button"
              class="btn btn-small"
              aria-expanded={judgesShown}
              data-testid="toggle-judges"
              onClick={() => setJudgesShown(!judgesShown)}
            >
              {judgesShown
                ? `Thu gọn điểm từng giám khảo`
                : `Hiện điểm từng giám khảo (${doc.judges.length})`}
            </button>
            <FilterSelect
              label="Hiện"
              value={show}
              onChange={(v) => {
                setShow(v as Show);
                setPage(1);
              }}
              options={(Object.keys(SHOW) as Show[]).map((k) => [k, SHOW[k].label])}
            />
          </>
        }
        paging={{ page, pageSize: PAGE, total: found.length, onPage: setPage }}
        empty={<EmptyState>Không có đội nào khớp.</EmptyState>}
        rowClass={(t) => (t.needsDecision ? 'row-flag' : t.rank === null ? 'row-muted' : undefined)}
        rowAttrs={(t) => ({ 'data-entry': t.entryId })}
      />
      {doc.teams
        .filter((t) => open.has(t.entryId))
        .map((t) => (
          <div class="card team-detail" id={`detail-${t.entryId}`} key={t.entryId}>
            <div class="section-head">
              <h3>
                Chi tiết tính điểm: {t.teamNumber}. {t.teamName}
              </h3>
              <button type="button" class="btn btn-small" onClick={() => toggle(t.entryId)}>
                Đóng
              </button>
            </div>
            <TeamDetail doc={doc} team={t} />
          </div>
        ))}
    </Section>
  );
}

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  type Column,
  DataTable,
  FilterSelect,
  pageOf,
  searchRows,
} from '../../../components/DataTable';
import { EmptyState } from '../../../components/EmptyState';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { count, dateTime, points } from '../../../format';
import type { ResultsDocument, TeamResult } from '../types';

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

/** A judge's total; struck through with * when the trimmed mean dropped it. */
function Dropped({ value, dropped }: { value: string; dropped: boolean }) {
  return dropped ? (
    <span class="dropped" title="Bị loại khi tính trung bình (cao nhất hoặc thấp nhất)">
      <s>{points(value)}</s>
      <span class="sr-only"> (bị loại khi tính trung bình)</span>
      <span aria-hidden="true">*</span>
    </span>
  ) : (
    <>{points(value)}</>
  );
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
 * The full computation, one row per team: rank and team stay in view while the judges',
 * the final's parts and the prizes scroll sideways; "Chi tiết" opens a team's cards below.
 */
export function RankingTable({ doc }: { doc: ResultsDocument }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
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
      cell: (t) => points(t.interaction.points),
    },
    ...doc.judges.map((j): Column<TeamResult> => ({
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
    ...doc.rules.parts.map((p): Column<TeamResult> => ({
      key: `part-${p.code}`,
      header: p.name,
      num: true,
      cell: (t) => points(t.final?.partMeans[p.code]),
    })),
    { key: 'final', header: 'Chung khảo', num: true, cell: (t) => points(t.final?.points) },
    {
      key: 'score',
      header: 'Điểm xếp hạng',
      num: true,
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
          <FilterSelect
            label="Hiện"
            value={show}
            onChange={(v) => {
              setShow(v as Show);
              setPage(1);
            }}
            options={(Object.keys(SHOW) as Show[]).map((k) => [k, SHOW[k].label])}
          />
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

function TeamDetail({ doc, team }: { doc: ResultsDocument; team: TeamResult }) {
  const i = team.interaction;
  return (
    <div class="team-detail">
      <h4>Điểm tương tác</h4>
      <p>
        {count(i.reactions)} lượt thích, {count(i.shares)} lượt chia sẻ, {count(i.comments)} bình
        luận
        {i.excluded &&
          `; loại trừ ${count(i.excluded.reactions)} thích, ${count(i.excluded.shares)} chia sẻ, ${count(i.excluded.comments)} bình luận (${i.excluded.reason})`}
        ; điểm thô {points(i.raw)} → <strong>{points(i.points)}</strong> điểm.
      </p>
      <h4>Phiếu chấm sơ khảo</h4>
      <JudgeCardsTable
        label={`Phiếu chấm sơ khảo của đội ${team.teamNumber}`}
        items={doc.rules.criteria}
        cards={team.judgeCards.map((c) => ({ ...c, values: c.criteria }))}
        footer={
          <tr>
            <th scope="row" colSpan={doc.rules.criteria.length + 1}>
              Điểm giám khảo{team.judgesTrimmed ? ' (đã bỏ cao nhất và thấp nhất)' : ''}
            </th>
            <td class="num strong">{points(team.judgesPoints)}</td>
          </tr>
        }
      />
      {doc.rules.judgingNormalisation && <NormalisedLines doc={doc} team={team} />}
      {team.final && (
        <>
          <h4>Phiếu chấm chung khảo</h4>
          <JudgeCardsTable
            label={`Phiếu chấm chung khảo của đội ${team.teamNumber}`}
            items={doc.rules.parts}
            cards={team.final.cards.map((c) => ({ ...c, values: c.parts }))}
            footer={
              <tr>
                <th scope="row">Trung bình</th>
                {doc.rules.parts.map((p) => (
                  <td class="num" key={p.code}>
                    {points(team.final!.partMeans[p.code])}
                  </td>
                ))}
                <td class="num strong">{points(team.final.points)}</td>
              </tr>
            }
          />
        </>
      )}
    </div>
  );
}

const NORMALISATION_TEXT: Record<string, string> = {
  zScore: 'điểm chuẩn (z-score) của từng giám khảo, quy về thang điểm',
  meanCentering: 'độ lệch so với điểm trung bình của từng giám khảo, cộng vào giữa thang điểm',
};

/**
 * Panel judging with normalisation: each judge's raw total beside the normalised one the
 * mean uses, and the raw mean beside the normalised mean (docs/scoring.md).
 */
function NormalisedLines({ doc, team }: { doc: ResultsDocument; team: TeamResult }) {
  const method = doc.rules.judgingNormalisation!;
  return (
    <div class="normalised" data-testid="normalised-explanation">
      <p>
        Chấm theo tiểu ban: tổng điểm của mỗi giám khảo được chuẩn hoá theo{' '}
        {NORMALISATION_TEXT[method] ?? method} 0–{points(doc.rules.judgingMax)}.
      </p>
      <ul>
        {team.judgeCards.map((c) => (
          <li key={c.judgeId}>
            {c.judgeName}: {points(c.total)} → <strong>{points(c.normalised ?? null)}</strong>
          </li>
        ))}
      </ul>
      <p>
        Trung bình điểm thô {points(team.judgesRawPoints ?? null)}; trung bình đã chuẩn hoá{' '}
        <strong>{points(team.judgesPoints)}</strong> (điểm giám khảo được tính).
      </p>
    </div>
  );
}

interface CardRow {
  judgeId: string;
  judgeName: string;
  values: Record<string, string>;
  total: string;
  dropped: boolean;
}

/** One judge per row, one column per criterion or part, the judge's total (dropped marked). */
function JudgeCardsTable(props: {
  label: string;
  items: { code: string; name: string; maxPoints: string }[];
  cards: CardRow[];
  footer: ComponentChildren;
}) {
  const columns: Column<CardRow>[] = [
    { key: 'judge', header: 'Giám khảo', rowHeader: true, cell: (c) => c.judgeName },
    ...props.items.map((item): Column<CardRow> => ({
      key: item.code,
      header: `${item.name} (/${points(item.maxPoints)})`,
      num: true,
      cell: (c) => points(c.values[item.code]),
    })),
    {
      key: 'total',
      header: 'Tổng',
      num: true,
      cellClass: () => 'strong',
      cell: (c) => <Dropped value={c.total} dropped={c.dropped} />,
    },
  ];
  return (
    <DataTable
      class="compact"
      label={props.label}
      columns={columns}
      rows={props.cards}
      rowKey={(c) => c.judgeId}
      footer={props.footer}
    />
  );
}

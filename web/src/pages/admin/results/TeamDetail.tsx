import type { ComponentChildren } from 'preact';
import { type Column, DataTable } from '../../../components/DataTable';
import { count, points } from '../../../format';
import type { ResultsDocument, TeamResult } from '../types';

/** A judge's total; struck through with * when the trimmed mean dropped it. */
export function Dropped({ value, dropped }: { value: string; dropped: boolean }) {
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

/** One team's computation in full: interaction, every judge's card, the final's cards. */
export function TeamDetail({ doc, team }: { doc: ResultsDocument; team: TeamResult }) {
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

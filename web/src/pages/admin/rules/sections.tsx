// The fieldsets of the rules form, in the order of the contest: interaction points, the
// preliminary round, who goes to the final, the final, ranking and prizes, dates and video.
import { getAt, ListError, NumField, useRules, ViDateField } from './fields';
import { freshCode, ItemsTable, PrizeTable } from './tables';

const AGGREGATIONS: [string, string][] = [
  ['mean', 'Trung bình cộng'],
  ['trimmedMean', 'Bỏ điểm cao nhất và thấp nhất'],
];
const TIE_KEYS: Record<string, string> = {
  final: 'Điểm chung khảo',
  judges: 'Điểm giám khảo vòng sơ khảo',
  interaction: 'Điểm tương tác',
  preliminary: 'Điểm sơ khảo',
};

/** A <select> of the rules whose options replace a whole object (formula, finalists…). */
function Choice(props: {
  id: string;
  label: string;
  value: string;
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <select
        id={props.id}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {props.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

export function InteractionRules() {
  const ctx = useRules();
  const formula = String(getAt(ctx.draft, ['interaction', 'formula', 'kind']) ?? '');
  const tiers = (getAt(ctx.draft, ['interaction', 'formula', 'points']) as unknown[]) ?? [];
  const setFormula = (kind: string) =>
    ctx.set(
      ['interaction', 'formula'],
      kind === 'rankTiers'
        ? { kind, points: [30, 28, 26, 24, 22], otherPoints: 20 }
        : kind === 'perInteractions'
          ? { kind, per: 100, pointsPer: 1 }
          : { kind: 'proportional' },
    );
  return (
    <fieldset>
      <legend>Điểm tương tác trên fanpage</legend>
      <div class="grid-4">
        <NumField kind="points" path={['interaction', 'maxPoints']} label="Điểm tối đa" />
        <NumField path={['interaction', 'weights', 'reactions']} label="Hệ số lượt thích" />
        <NumField path={['interaction', 'weights', 'shares']} label="Hệ số lượt chia sẻ" />
        <NumField path={['interaction', 'weights', 'comments']} label="Hệ số bình luận" />
      </div>
      <Choice
        id="r-interaction-formula-kind"
        label="Công thức"
        value={formula}
        onChange={setFormula}
        options={[
          ['proportional', 'Tỷ lệ: bài nhiều tương tác nhất được điểm tối đa'],
          ['rankTiers', 'Theo bậc thứ hạng (hạng 1, 2, 3…)'],
          ['perInteractions', 'Cứ mỗi N lượt được một số điểm, có trần'],
        ]}
      />
      {formula === 'rankTiers' && (
        <div class="grid-4">
          {tiers.map((_, i) => (
            <NumField
              key={i}
              kind="points"
              path={['interaction', 'formula', 'points', i]}
              label={`Điểm hạng ${i + 1}`}
            />
          ))}
          <NumField
            kind="points"
            path={['interaction', 'formula', 'otherPoints']}
            label="Điểm các hạng còn lại"
          />
        </div>
      )}
      {formula === 'perInteractions' && (
        <div class="grid-4">
          <NumField path={['interaction', 'formula', 'per']} label="Số lượt (N)" />
          <NumField
            kind="points"
            path={['interaction', 'formula', 'pointsPer']}
            label="Điểm cho N lượt"
          />
        </div>
      )}
      <ListError path={['interaction', 'formula']} label="Công thức điểm tương tác" />
    </fieldset>
  );
}

/** The same settings for both scored rounds: maximum, step, judges, how totals combine. */
function RoundSettings(props: {
  round: 'judging' | 'final';
  aggregationLabel: string;
  stepHint?: string;
}) {
  const ctx = useRules();
  const { round } = props;
  const aggregation = String(getAt(ctx.draft, [round, 'aggregation', 'kind']) ?? '');
  return (
    <div class="grid-4">
      <NumField kind="points" path={[round, 'maxPoints']} label="Điểm tối đa" />
      <NumField kind="points" path={[round, 'step']} label="Bước chấm" hint={props.stepHint} />
      <NumField path={[round, 'minJudges']} label="Số giám khảo tối thiểu" />
      <Choice
        id={`r-${round}-aggregation-kind`}
        label={props.aggregationLabel}
        value={aggregation}
        options={AGGREGATIONS}
        onChange={(kind) =>
          ctx.set(
            [round, 'aggregation'],
            kind === 'trimmedMean' ? { kind, minJudges: 5 } : { kind },
          )
        }
      />
      {aggregation === 'trimmedMean' && (
        <NumField
          path={[round, 'aggregation', 'minJudges']}
          label="Bỏ cao/thấp khi có từ (giám khảo)"
        />
      )}
    </div>
  );
}

export function JudgingRound() {
  return (
    <fieldset>
      <legend>Chấm sơ khảo (Ban giám khảo)</legend>
      <RoundSettings
        round="judging"
        aggregationLabel="Cách tính điểm giám khảo"
        stepHint="ví dụ 0,25"
      />
      <ItemsTable
        title="Tiêu chí chấm"
        base={['judging', 'criteria']}
        newItem={(items) => ({ code: freshCode('tieu_chi', items), name: '', maxPoints: 0 })}
      />
    </fieldset>
  );
}

export function Finalists() {
  const ctx = useRules();
  const kind = String(getAt(ctx.draft, ['finalists', 'kind']) ?? '');
  return (
    <fieldset>
      <legend>Vào chung khảo</legend>
      <div class="grid-4">
        <Choice
          id="r-finalists-kind"
          label="Cách chọn"
          value={kind}
          options={[
            ['topN', 'N đội điểm sơ khảo cao nhất'],
            ['threshold', 'Các đội đạt từ một mức điểm'],
            ['all', 'Tất cả các đội'],
          ]}
          onChange={(k) =>
            ctx.set(
              ['finalists'],
              k === 'topN'
                ? { kind: k, n: 9 }
                : k === 'threshold'
                  ? { kind: k, minScore: 80 }
                  : { kind: k },
            )
          }
        />
        {kind === 'topN' && <NumField path={['finalists', 'n']} label="Số đội (N)" />}
        {kind === 'threshold' && (
          <NumField kind="points" path={['finalists', 'minScore']} label="Điểm sơ khảo tối thiểu" />
        )}
      </div>
    </fieldset>
  );
}

export function FinalRound() {
  return (
    <fieldset>
      <legend>Chung khảo</legend>
      <RoundSettings round="final" aggregationLabel="Cách tính điểm" />
      <ItemsTable
        title="Các phần thi"
        base={['final', 'parts']}
        withTime
        newItem={(items) => ({ code: freshCode('phan', items), name: '', maxPoints: 0 })}
      />
    </fieldset>
  );
}

export function RankingAndPrizes() {
  const ctx = useRules();
  const tieBreak = (getAt(ctx.draft, ['tieBreak']) as string[] | undefined) ?? [];
  const unused = Object.keys(TIE_KEYS).filter((k) => !tieBreak.includes(k));
  return (
    <fieldset>
      <legend>Xếp hạng và giải thưởng</legend>
      <p class="small">Tiêu chí phụ khi bằng điểm, theo thứ tự:</p>
      <ol class="order-list">
        {tieBreak.map((k, i) => (
          <li key={k}>
            <span>{TIE_KEYS[k] ?? k}</span>
            <span class="actions">
              <button
                type="button"
                class="btn"
                disabled={i === 0}
                aria-label={`Đưa “${TIE_KEYS[k] ?? k}” lên trước`}
                onClick={() => {
                  const next = [...tieBreak];
                  next.splice(i - 1, 0, next.splice(i, 1)[0]!);
                  ctx.set(['tieBreak'], next);
                }}
              >
                ↑
              </button>
              <button
                type="button"
                class="btn"
                aria-label={`Bỏ “${TIE_KEYS[k] ?? k}”`}
                onClick={() =>
                  ctx.set(
                    ['tieBreak'],
                    tieBreak.filter((x) => x !== k),
                  )
                }
              >
                Bỏ
              </button>
            </span>
          </li>
        ))}
      </ol>
      {unused.length > 0 && (
        <p class="actions">
          {unused.map((k) => (
            <button
              key={k}
              type="button"
              class="btn btn-small"
              onClick={() => ctx.set(['tieBreak'], [...tieBreak, k])}
            >
              + {TIE_KEYS[k]}
            </button>
          ))}
        </p>
      )}
      <ListError path={['tieBreak']} label="Tiêu chí phụ" />
      <NumField
        path={['prizeCapPercent']}
        label="Tỷ lệ tối đa đội được giải theo thứ hạng (%)"
        empty="null"
      />
      <PrizeTable />
    </fieldset>
  );
}

export function DatesAndVideo() {
  return (
    <fieldset>
      <legend>Thời hạn và video</legend>
      <div class="grid-2">
        <ViDateField
          path={['dates', 'originalityCutoff']}
          label="Ngày chốt tính mới (mô hình áp dụng trước ngày này không được coi là mới)"
          dateOnly
        />
        <ViDateField
          path={['dates', 'submissionDeadline']}
          label="Hạn nộp sản phẩm (giờ Việt Nam)"
          nullable
        />
        <ViDateField
          path={['dates', 'interactionCutoff']}
          label="Mốc chốt lượt tương tác (giờ Việt Nam)"
          nullable
        />
        {/* notifications (issue 25): reminders of missing scorecards go before it */}
        <ViDateField
          path={['dates', 'judgingDeadline']}
          label="Hạn chấm sơ khảo (giờ Việt Nam; nhắc giám khảo trước hạn)"
          nullable
        />
      </div>
      <div class="grid-4">
        <NumField
          path={['video', 'minSeconds']}
          label="Thời lượng video tối thiểu (giây)"
          empty="null"
        />
        <NumField
          path={['video', 'maxSeconds']}
          label="Thời lượng video tối đa (giây)"
          empty="null"
        />
      </div>
    </fieldset>
  );
}

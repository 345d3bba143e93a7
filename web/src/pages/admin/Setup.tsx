import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiError, get, patch, post, put } from '../../api';
import { ErrorBox, Loading } from '../../components/ui';
import { dateTime } from '../../format';
import { useLoad } from '../../hooks';
import {
  ApiErrorBox,
  FieldMsg,
  fieldError,
  numberText,
  OkBox,
  parseInputNumber,
  parseViDate,
  Section,
  SectionProps,
  useAction,
  viLocalText,
  vietnamIso,
  vietnamLocal,
} from './lib';
import type { Contest, RulesAnswer, RulesHistoryRow } from './types';

/** Contest details, then the rules document as a form (errors next to their fields). */
export function Setup({ contest, reloadContest }: SectionProps) {
  return (
    <>
      <ContestInfo contest={contest} reloadContest={reloadContest} />
      <RulesEditor contest={contest} reloadContest={reloadContest} />
    </>
  );
}

function ContestInfo({ contest, reloadContest }: SectionProps) {
  const [name, setName] = useState(contest.name);
  const [description, setDescription] = useState(contest.description);
  const [fanpageUrl, setFanpage] = useState(contest.fanpageUrl ?? '');
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await patch<Contest>(`/contests/${contest.id}`, {
        name: name.trim(),
        description,
        ...(fanpageUrl.trim() ? { fanpageUrl: fanpageUrl.trim() } : {}),
        version: contest.version,
      });
      await reloadContest();
      return 'Đã lưu thông tin hội thi.';
    });
  };
  return (
    <Section title="Thông tin hội thi" id="thong-tin-hoi-thi">
      <form class="form form-wide" onSubmit={submit}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} inline={['name', 'description', 'fanpageUrl']} />
        <label>
          Tên hội thi
          <input
            value={name}
            required
            onInput={(e) => setName(e.currentTarget.value)}
            aria-describedby="ci-name-err"
          />
          <FieldMsg id="ci-name-err" message={err('name')} />
        </label>
        <label>
          Giới thiệu
          <textarea
            value={description}
            onInput={(e) => setDescription(e.currentTarget.value)}
            aria-describedby="ci-desc-err"
          />
          <FieldMsg id="ci-desc-err" message={err('description')} />
        </label>
        <label>
          Địa chỉ fanpage (địa chỉ bài đăng của sản phẩm phải thuộc fanpage này)
          <input
            type="url"
            value={fanpageUrl}
            onInput={(e) => setFanpage(e.currentTarget.value)}
            aria-describedby="ci-fp-err"
          />
          <FieldMsg id="ci-fp-err" message={err('fanpageUrl')} />
        </label>
        <p class="small muted">
          Mã rút gọn: <code>{contest.slug}</code> (không đổi được).
        </p>
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Lưu thông tin
        </button>
      </form>
    </Section>
  );
}

// ---- the rules form ---------------------------------------------------------------------------

type Json = Record<string, unknown>;
type Path = (string | number)[];

const keyOf = (path: Path) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

function getAt(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function setAt<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const copy = (Array.isArray(obj) ? [...obj] : { ...(obj as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = setAt(copy[head!], rest, value);
  return copy as T;
}

interface Ctx {
  draft: Json;
  set: (path: Path, value: unknown) => void;
  /** after rows are removed or moved: inputs re-read their text from the draft */
  remount: () => void;
  error: (key: string) => string | undefined;
  shown: Set<string>;
  disabled: boolean;
}
const RulesCtx = createContext<Ctx | null>(null);
const useCtx = () => useContext(RulesCtx)!;

function NumField(props: {
  path: Path;
  label: string;
  /** empty means null (not applicable), or the key is left out (omit) */
  empty?: 'null' | 'omit';
  hint?: string;
  hideLabel?: boolean;
}) {
  const ctx = useCtx();
  const key = keyOf(props.path);
  ctx.shown.add(key);
  const value = getAt(ctx.draft, props.path);
  const [text, setText] = useState(
    typeof value === 'number' ? numberText(value) : value === null ? '' : String(value ?? ''),
  );
  const id = `r-${key.replace(/[^\w]/g, '-')}`;
  const message = ctx.error(key);
  return (
    <label class="num-field">
      <span class={props.hideLabel ? 'sr-only' : undefined}>{props.label}</span>
      <input
        id={id}
        inputMode="decimal"
        value={text}
        disabled={ctx.disabled}
        placeholder={props.empty ? 'để trống: không áp dụng' : undefined}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-err`}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          setText(raw);
          const parsed = parseInputNumber(raw);
          const none = props.empty === 'null' ? null : props.empty === 'omit' ? undefined : '';
          ctx.set(props.path, parsed === '' ? none : parsed);
        }}
      />
      {props.hint && <span class="small muted">{props.hint}</span>}
      <FieldMsg id={`${id}-err`} message={message} />
    </label>
  );
}

function TextField(props: { path: Path; label: string; optional?: boolean; hideLabel?: boolean }) {
  const ctx = useCtx();
  const key = keyOf(props.path);
  ctx.shown.add(key);
  const value = getAt(ctx.draft, props.path);
  const id = `r-${key.replace(/[^\w]/g, '-')}`;
  const message = ctx.error(key);
  return (
    <label>
      <span class={props.hideLabel ? 'sr-only' : undefined}>{props.label}</span>
      <input
        id={id}
        value={typeof value === 'string' ? value : ''}
        disabled={ctx.disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-err`}
        onInput={(e) => {
          const v = e.currentTarget.value;
          ctx.set(props.path, props.optional && v === '' ? undefined : v);
        }}
      />
      <FieldMsg id={`${id}-err`} message={message} />
    </label>
  );
}

/**
 * A date (or date-time) typed the Vietnamese way, dd/mm/yyyy [hh:mm], Vietnam time; empty
 * means null when `nullable`. Stored as the rules want it: "YYYY-MM-DD" or ISO with +07:00.
 */
function ViDateField(props: { path: Path; label: string; dateOnly?: boolean; nullable?: boolean }) {
  const ctx = useCtx();
  const key = keyOf(props.path);
  ctx.shown.add(key);
  const value = getAt(ctx.draft, props.path);
  const [text, setText] = useState(() => {
    if (typeof value !== 'string' || !value) return '';
    try {
      return viLocalText(props.dateOnly ? value.slice(0, 10) : vietnamLocal(value));
    } catch {
      return value;
    }
  });
  const [bad, setBad] = useState(false);
  const id = `r-${key.replace(/[^\w]/g, '-')}`;
  const message =
    (bad
      ? `Viết theo dạng ${props.dateOnly ? 'dd/mm/yyyy, ví dụ 31/12/2021' : 'dd/mm/yyyy hh:mm, ví dụ 30/08/2022 17:00'}.`
      : undefined) ?? ctx.error(key);
  return (
    <label>
      {props.label}
      <input
        id={id}
        value={text}
        inputMode="numeric"
        placeholder={props.dateOnly ? 'dd/mm/yyyy' : 'dd/mm/yyyy hh:mm'}
        aria-invalid={message ? true : undefined}
        aria-describedby={`${id}-err`}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          setText(raw);
          if (!raw.trim() && props.nullable) {
            setBad(false);
            ctx.set(props.path, null);
            return;
          }
          const parsed = parseViDate(raw, props.dateOnly);
          setBad(parsed === null);
          ctx.set(props.path, parsed === null ? raw : props.dateOnly ? parsed : vietnamIso(parsed));
        }}
      />
      {props.nullable && <span class="small muted">Để trống: không áp dụng.</span>}
      <FieldMsg id={`${id}-err`} message={message} />
    </label>
  );
}

/** Messages for a whole list (e.g. "Tổng điểm các tiêu chí (65) phải bằng …"). */
function ListError({ path }: { path: Path }) {
  const ctx = useCtx();
  const key = keyOf(path);
  ctx.shown.add(key);
  const message = ctx.error(key);
  return message ? (
    <p class="field-error" role="alert">
      {message}
    </p>
  ) : null;
}

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
const PRIZE_KINDS: Record<string, string> = {
  ranked: 'Theo thứ hạng',
  certificate: 'Giấy khen',
  side: 'Giải phụ',
  sponsor: 'Tài trợ',
};

function RulesEditor({ contest, reloadContest }: SectionProps) {
  const rules = useLoad(() => get<RulesAnswer>(`/contests/${contest.id}/rules`), [contest.id]);
  const history = useLoad(
    () => get<RulesHistoryRow[]>(`/contests/${contest.id}/rules/versions`),
    [contest.id],
  );
  const [draft, setDraft] = useState<Json | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [reason, setReason] = useState('');
  const action = useAction();
  useEffect(() => {
    if (rules.data) setDraft(structuredClone(rules.data.rules) as unknown as Json);
  }, [rules.data]);
  if (!rules.data || !draft)
    return (
      <Section title="Thể lệ" id="the-le">
        {rules.loading ? <Loading /> : <ErrorBox error={rules.error} />}
      </Section>
    );
  const { locked, rulesVersion } = rules.data;
  const shown = new Set<string>();
  const error = (key: string) => fieldError(action.error, `rules.${key}`);
  const ctx: Ctx = {
    draft,
    set: (path, value) => setDraft((d) => setAt(d!, path, value)),
    remount: () => setFormKey((k) => k + 1),
    error,
    shown,
    disabled: false,
  };
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const res = locked
        ? await post<RulesAnswer>(`/contests/${contest.id}/rules/amendments`, {
            rules: draft,
            reason: reason.trim(),
            rulesVersion,
          })
        : await put<RulesAnswer>(`/contests/${contest.id}/rules`, { rules: draft, rulesVersion });
      setReason('');
      await rules.reload();
      await history.reload();
      await reloadContest();
      setFormKey((k) => k + 1);
      return `Đã lưu thể lệ (phiên bản ${res.rulesVersion}).`;
    });
  };
  const criteria = (getAt(draft, ['judging', 'criteria']) as Json[] | undefined) ?? [];
  const parts = (getAt(draft, ['final', 'parts']) as Json[] | undefined) ?? [];
  const prizes = (getAt(draft, ['prizes']) as Json[] | undefined) ?? [];
  const tieBreak = (getAt(draft, ['tieBreak']) as string[] | undefined) ?? [];
  const formula = String(getAt(draft, ['interaction', 'formula', 'kind']) ?? '');
  const finalists = String(getAt(draft, ['finalists', 'kind']) ?? '');
  const setFormula = (kind: string) =>
    ctx.set(
      ['interaction', 'formula'],
      kind === 'rankTiers'
        ? { kind, points: [30, 28, 26, 24, 22], otherPoints: 20 }
        : kind === 'perInteractions'
          ? { kind, per: 100, pointsPer: 1 }
          : { kind: 'proportional' },
    );
  const setFinalists = (kind: string) =>
    ctx.set(
      ['finalists'],
      kind === 'topN' ? { kind, n: 9 } : kind === 'threshold' ? { kind, minScore: 80 } : { kind },
    );
  const setAggregation = (base: string, kind: string) =>
    ctx.set([base, 'aggregation'], kind === 'trimmedMean' ? { kind, minJudges: 5 } : { kind });
  /** The same settings for both scored rounds: maximum, step, judges, how totals combine. */
  const roundSettings = (
    round: 'judging' | 'final',
    aggregationLabel: string,
    stepHint?: string,
  ) => (
    <div class="grid-4">
      <NumField path={[round, 'maxPoints']} label="Điểm tối đa" />
      <NumField path={[round, 'step']} label="Bước chấm" hint={stepHint} />
      <NumField path={[round, 'minJudges']} label="Số giám khảo tối thiểu" />
      <label>
        {aggregationLabel}
        <select
          value={String(getAt(draft, [round, 'aggregation', 'kind']) ?? '')}
          onChange={(e) => setAggregation(round, e.currentTarget.value)}
        >
          {AGGREGATIONS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      {getAt(draft, [round, 'aggregation', 'kind']) === 'trimmedMean' && (
        <NumField
          path={[round, 'aggregation', 'minJudges']}
          label="Bỏ cao/thấp khi có từ (giám khảo)"
        />
      )}
    </div>
  );
  const stale = action.error instanceof ApiError && action.error.code === 'STALE_RULES_VERSION';
  return (
    <Section title={`Thể lệ (phiên bản ${rulesVersion})`} id="the-le">
      {locked ? (
        <p class="alert">
          Việc chấm điểm đã bắt đầu: thể lệ đã khóa. Mọi thay đổi là một{' '}
          <strong>bản sửa đổi</strong> phải ghi lý do và được lưu lại trong lịch sử.
        </p>
      ) : (
        <p class="small muted">
          Số thập phân viết với dấu phẩy (0,25). Lỗi được báo ngay cạnh ô nhập sau khi lưu.
        </p>
      )}
      <RulesCtx.Provider value={ctx}>
        <form class="rules-form" onSubmit={submit} key={formKey} noValidate>
          <fieldset>
            <legend>Điểm tương tác trên fanpage</legend>
            <div class="grid-4">
              <NumField path={['interaction', 'maxPoints']} label="Điểm tối đa" />
              <NumField path={['interaction', 'weights', 'reactions']} label="Hệ số lượt thích" />
              <NumField path={['interaction', 'weights', 'shares']} label="Hệ số lượt chia sẻ" />
              <NumField path={['interaction', 'weights', 'comments']} label="Hệ số bình luận" />
            </div>
            <label>
              Công thức
              <select value={formula} onChange={(e) => setFormula(e.currentTarget.value)}>
                <option value="proportional">
                  Tỷ lệ: bài nhiều tương tác nhất được điểm tối đa
                </option>
                <option value="rankTiers">Theo bậc thứ hạng (hạng 1, 2, 3…)</option>
                <option value="perInteractions">Cứ mỗi N lượt được một số điểm, có trần</option>
              </select>
            </label>
            {formula === 'rankTiers' && (
              <div class="grid-4">
                {((getAt(draft, ['interaction', 'formula', 'points']) as unknown[]) ?? []).map(
                  (_, i) => (
                    <NumField
                      key={i}
                      path={['interaction', 'formula', 'points', i]}
                      label={`Điểm hạng ${i + 1}`}
                    />
                  ),
                )}
                <NumField
                  path={['interaction', 'formula', 'otherPoints']}
                  label="Điểm các hạng còn lại"
                />
              </div>
            )}
            {formula === 'perInteractions' && (
              <div class="grid-4">
                <NumField path={['interaction', 'formula', 'per']} label="Số lượt (N)" />
                <NumField path={['interaction', 'formula', 'pointsPer']} label="Điểm cho N lượt" />
              </div>
            )}
            <ListError path={['interaction', 'formula']} />
          </fieldset>

          <fieldset>
            <legend>Chấm sơ khảo (Ban giám khảo)</legend>
            {roundSettings('judging', 'Cách tính điểm giám khảo', 'ví dụ 0,25')}
            <ItemsTable
              title="Tiêu chí chấm"
              base={['judging', 'criteria']}
              items={criteria}
              newItem={() => ({ code: `tieu_chi_${criteria.length + 1}`, name: '', maxPoints: 0 })}
            />
          </fieldset>

          <fieldset>
            <legend>Vào chung khảo</legend>
            <div class="grid-4">
              <label>
                Cách chọn
                <select value={finalists} onChange={(e) => setFinalists(e.currentTarget.value)}>
                  <option value="topN">N đội điểm sơ khảo cao nhất</option>
                  <option value="threshold">Các đội đạt từ một mức điểm</option>
                  <option value="all">Tất cả các đội</option>
                </select>
              </label>
              {finalists === 'topN' && <NumField path={['finalists', 'n']} label="Số đội (N)" />}
              {finalists === 'threshold' && (
                <NumField path={['finalists', 'minScore']} label="Điểm sơ khảo tối thiểu" />
              )}
            </div>
          </fieldset>

          <fieldset>
            <legend>Chung khảo</legend>
            {roundSettings('final', 'Cách tính điểm')}
            <ItemsTable
              title="Các phần thi"
              base={['final', 'parts']}
              items={parts}
              withTime
              newItem={() => ({ code: `phan_${parts.length + 1}`, name: '', maxPoints: 0 })}
            />
          </fieldset>

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
            {Object.keys(TIE_KEYS).filter((k) => !tieBreak.includes(k)).length > 0 && (
              <p class="actions">
                {Object.keys(TIE_KEYS)
                  .filter((k) => !tieBreak.includes(k))
                  .map((k) => (
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
            <ListError path={['tieBreak']} />
            <NumField
              path={['prizeCapPercent']}
              label="Tỷ lệ tối đa đội được giải theo thứ hạng (%)"
              empty="null"
            />
            <div class="table-wrap">
              <table class="compact prize-editor">
                <caption>Cơ cấu giải thưởng</caption>
                <thead>
                  <tr>
                    <th scope="col">Mã</th>
                    <th scope="col">Tên giải</th>
                    <th scope="col">Loại</th>
                    <th scope="col">Số lượng</th>
                    <th scope="col">Tiền thưởng (đ)</th>
                    <th scope="col">Nhà tài trợ / đối tượng</th>
                    <th scope="col">
                      <span class="sr-only">Xóa</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {prizes.map((p, i) => (
                    <tr key={i}>
                      <td>
                        <TextField
                          path={['prizes', i, 'code']}
                          label={`Mã giải ${i + 1}`}
                          hideLabel
                        />
                      </td>
                      <td>
                        <TextField
                          path={['prizes', i, 'name']}
                          label={`Tên giải ${i + 1}`}
                          hideLabel
                        />
                      </td>
                      <td>{PRIZE_KINDS[String(p.kind)] ?? String(p.kind)}</td>
                      <td>
                        <NumField
                          path={['prizes', i, 'count']}
                          label={`Số lượng giải ${i + 1}`}
                          hideLabel
                        />
                      </td>
                      <td>
                        <NumField
                          path={['prizes', i, 'amountVnd']}
                          label={`Tiền thưởng giải ${i + 1}`}
                          hideLabel
                        />
                      </td>
                      <td>
                        {p.kind === 'sponsor' ? (
                          <TextField
                            path={['prizes', i, 'sponsor']}
                            label={`Nhà tài trợ giải ${i + 1}`}
                            hideLabel
                            optional
                          />
                        ) : p.kind === 'side' ? (
                          p.sideFor === 'individual' ? (
                            'Cá nhân'
                          ) : (
                            'Tập thể'
                          )
                        ) : (
                          ''
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          class="btn btn-small btn-danger"
                          aria-label={`Xóa giải ${String(p.name)}`}
                          onClick={() => {
                            ctx.set(
                              ['prizes'],
                              prizes.filter((_, j) => j !== i),
                            );
                            ctx.remount();
                          }}
                        >
                          Xóa
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ListError path={['prizes']} />
            <p class="actions">
              <button
                type="button"
                class="btn btn-small"
                onClick={() =>
                  ctx.set(
                    ['prizes'],
                    [
                      ...prizes,
                      {
                        code: `tai_tro_${prizes.length + 1}`,
                        name: 'Giải tài trợ',
                        kind: 'sponsor',
                        count: 1,
                        amountVnd: 0,
                        sponsor: '',
                      },
                    ],
                  )
                }
              >
                + Thêm giải tài trợ
              </button>
            </p>
          </fieldset>

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

          {locked && (
            <label>
              Lý do sửa đổi thể lệ (ít nhất 10 ký tự, lưu trong lịch sử)
              <textarea
                value={reason}
                onInput={(e) => setReason(e.currentTarget.value)}
                aria-describedby="amend-reason-err"
              />
              <FieldMsg id="amend-reason-err" message={fieldError(action.error, 'reason')} />
            </label>
          )}
          <OtherErrors error={action.error} shown={shown} />
          <OkBox message={action.ok} />
          {stale && (
            <p class="alert">
              Thể lệ vừa được người khác thay đổi.{' '}
              <button
                type="button"
                class="btn btn-link"
                onClick={() => {
                  action.reset();
                  void rules.reload();
                  setFormKey((k) => k + 1);
                }}
              >
                Tải lại thể lệ mới nhất
              </button>
            </p>
          )}
          <p class="actions">
            <button class="btn btn-primary" type="submit" disabled={action.busy}>
              {locked ? 'Lưu bản sửa đổi thể lệ' : 'Lưu thể lệ'}
            </button>
            <button
              class="btn"
              type="button"
              onClick={() => {
                action.reset();
                setDraft(structuredClone(rules.data!.rules) as unknown as Json);
                setFormKey((k) => k + 1);
              }}
            >
              Hoàn tác thay đổi
            </button>
          </p>
        </form>
      </RulesCtx.Provider>
      {history.data && history.data.length > 0 && (
        <details>
          <summary>Lịch sử thể lệ ({history.data.length} phiên bản)</summary>
          <ul>
            {history.data.map((h) => (
              <li key={h.id}>
                Phiên bản {h.version} —{' '}
                {h.kind === 'initial'
                  ? 'ban đầu'
                  : h.kind === 'amendment'
                    ? 'sửa đổi'
                    : 'chỉnh sửa'}{' '}
                · {dateTime(h.createdAt)}
                {h.reason ? ` · ${h.reason}` : ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

/** Criteria of the rubric or parts of the final: code, name, maximum (and time limit). */
function ItemsTable(props: {
  title: string;
  base: Path;
  items: Json[];
  withTime?: boolean;
  newItem: () => Json;
}) {
  const ctx = useCtx();
  return (
    <>
      <div class="table-wrap">
        <table class="compact items-editor">
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Tên</th>
              <th scope="col">Điểm tối đa</th>
              {props.withTime && <th scope="col">Thời gian (giây)</th>}
              <th scope="col">
                <span class="sr-only">Xóa</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item, i) => (
              <tr key={i}>
                <td>
                  <TextField
                    path={[...props.base, i, 'code']}
                    label={`${props.title}: mã dòng ${i + 1}`}
                    hideLabel
                  />
                </td>
                <td>
                  <TextField
                    path={[...props.base, i, 'name']}
                    label={`${props.title}: tên dòng ${i + 1}`}
                    hideLabel
                  />
                </td>
                <td>
                  <NumField
                    path={[...props.base, i, 'maxPoints']}
                    label={`${props.title}: điểm tối đa dòng ${i + 1}`}
                    hideLabel
                  />
                </td>
                {props.withTime && (
                  <td>
                    <NumField
                      path={[...props.base, i, 'timeLimitSeconds']}
                      label={`${props.title}: thời gian dòng ${i + 1} (giây)`}
                      hideLabel
                      empty="omit"
                    />
                  </td>
                )}
                <td>
                  <button
                    type="button"
                    class="btn btn-small btn-danger"
                    aria-label={`Xóa ${String(item.name ?? '')}`}
                    onClick={() => {
                      ctx.set(
                        props.base,
                        props.items.filter((_, j) => j !== i),
                      );
                      ctx.remount();
                    }}
                  >
                    Xóa
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListError path={props.base} />
      <p class="actions">
        <button
          type="button"
          class="btn btn-small"
          onClick={() => ctx.set(props.base, [...props.items, props.newItem()])}
        >
          + Thêm dòng
        </button>
      </p>
    </>
  );
}

/** Issues the form has no input for (rare): listed so nothing is lost. */
function OtherErrors({ error, shown }: { error: unknown; shown: Set<string> }) {
  if (!(error instanceof ApiError)) return null;
  const other = error.details.filter(
    (d) => !(d.field.startsWith('rules.') && shown.has(d.field.slice(6))) && d.field !== 'reason',
  );
  const placed = error.details.length - other.length;
  return (
    <div class="alert alert-error" role="alert">
      <p class="alert-title">
        {error.message}
        {placed > 0 && ` ${placed} lỗi được ghi ngay cạnh ô nhập tương ứng.`}
      </p>
      {other.length > 0 && (
        <ul class="alert-list">
          {other.map((d, i) => (
            <li key={i}>
              {d.field.replace(/^rules\./, '')}: {d.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

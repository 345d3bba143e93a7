import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, put } from '../../../api';
import { ErrorSummary, fieldError, TextAreaField } from '../../../components/Field';
import { OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { ErrorBox, Loading } from '../../../components/ui';
import { dateTime } from '../../../format';
import { useAction, useLoad } from '../../../hooks';
import type { SectionProps } from '../lib';
import type { RulesAnswer, RulesHistoryRow } from '../types';
import { type Json, RulesContext, type RulesCtx, setAt, type Shown } from './fields';
import {
  DatesAndVideo,
  FinalRound,
  Finalists,
  InteractionRules,
  JudgingRound,
  RankingAndPrizes,
} from './sections';

/**
 * The rules document as a form: a draft edited in place, saved whole (or, once scoring has
 * started, as an amendment with a reason); the server's errors stand beside their fields and
 * are listed, with links, at the bottom of the form.
 */
export function RulesEditor({ contest, reloadContest }: SectionProps) {
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
  const shown = new Map<string, Shown>();
  const ctx: RulesCtx = {
    draft,
    set: (path, value) => setDraft((d) => setAt(d!, path, value)),
    remount: () => setFormKey((k) => k + 1),
    error: (key) => fieldError(action.error, `rules.${key}`),
    shown,
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
      <RulesContext.Provider value={ctx}>
        <form class="rules-form" onSubmit={submit} key={formKey} noValidate>
          <InteractionRules />
          <JudgingRound />
          <Finalists />
          <FinalRound />
          <RankingAndPrizes />
          <DatesAndVideo />
          {locked && (
            <TextAreaField
              id="amend-reason"
              label="Lý do sửa đổi thể lệ (ít nhất 10 ký tự, lưu trong lịch sử)"
              error={fieldError(action.error, 'reason')}
              value={reason}
              onValue={setReason}
            />
          )}
          <RulesErrors error={action.error} shown={shown} />
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
      </RulesContext.Provider>
      {history.data && history.data.length > 0 && <RulesHistory rows={history.data} />}
    </Section>
  );
}

const HISTORY_KINDS: Record<string, string> = {
  initial: 'ban đầu',
  amendment: 'sửa đổi',
};

function RulesHistory({ rows }: { rows: RulesHistoryRow[] }) {
  return (
    <details>
      <summary>Lịch sử thể lệ ({rows.length} phiên bản)</summary>
      <ul>
        {rows.map((h) => (
          <li key={h.id}>
            Phiên bản {h.version} — {HISTORY_KINDS[h.kind] ?? 'chỉnh sửa'} · {dateTime(h.createdAt)}
            {h.reason ? ` · ${h.reason}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The error summary of the rules form: the server's message, a link to each field whose error
 * stands beside it ("Tiêu chí chấm: điểm tối đa dòng 1: …"), and, in full, the rare errors
 * the form has no input for, so nothing is lost.
 */
function RulesErrors({ error, shown }: { error: unknown; shown: Map<string, Shown> }) {
  if (!(error instanceof ApiError)) return null;
  const placed = error.details.filter(
    (d) => d.field.startsWith('rules.') && shown.has(d.field.slice(6)),
  );
  const reason = error.details.find((d) => d.field === 'reason');
  const other = error.details.filter((d) => !placed.includes(d) && d !== reason);
  const items = placed.map((d) => {
    const field = shown.get(d.field.slice(6))!;
    return { target: field.id, text: `${field.label}: ${d.message}` };
  });
  if (reason) items.push({ target: 'amend-reason', text: `Lý do sửa đổi: ${reason.message}` });
  return (
    <ErrorSummary
      title={
        <>
          {error.message}
          {items.length > 0 && ` ${items.length} lỗi được ghi ngay cạnh ô nhập tương ứng.`}
        </>
      }
      items={items}
      extra={other.map((d) => `${d.field.replace(/^rules\./, '')}: ${d.message}`)}
    />
  );
}

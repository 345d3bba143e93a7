import { useState } from 'preact/hooks';
import { post } from '../../../api';
import { fieldError, TextAreaField } from '../../../components/Field';
import { ApiErrorBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { dateTime } from '../../../format';
import { useAction } from '../../../hooks';
import { OrderList } from '../OrderList';
import type { Contest, ResultsComputation, ResultsVersionRow } from '../types';

/**
 * Ties that survive every tie-break: the organisers put the teams in order with a reason
 * (never broken silently), and the decisions already recorded.
 */
export function TieDecisions(props: {
  contest: Contest;
  computation: ResultsComputation;
  pending: ResultsVersionRow | null;
  onSaved: () => Promise<void>;
}) {
  const groups = props.computation.problems
    .filter((p) => p.code === 'TIE_NEEDS_DECISION')
    .map((p) => p.entryIds);
  const decisions = props.computation.document.tieDecisions;
  if (groups.length === 0 && decisions.length === 0) return null;
  const nameOf = new Map(
    props.computation.document.teams.map((t) => [t.entryId, `${t.teamNumber}. ${t.teamName}`]),
  );
  return (
    <Section title="Quyết định đồng hạng" id="dong-hang">
      {groups.map((g) => (
        <TieForm
          key={g.join()}
          contest={props.contest}
          group={g}
          nameOf={nameOf}
          disabled={props.pending !== null}
          onSaved={props.onSaved}
        />
      ))}
      {decisions.length > 0 && (
        <>
          <h3>Các quyết định đã ghi</h3>
          <ul>
            {decisions.map((d, i) => (
              <li key={i}>
                {d.entryIds.map((id) => nameOf.get(id) ?? id).join(' > ')} — {d.reason}{' '}
                <span class="muted small">
                  ({d.decidedBy}, {dateTime(d.decidedAt)})
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function TieForm(props: {
  contest: Contest;
  group: string[];
  nameOf: Map<string, string>;
  disabled: boolean;
  onSaved: () => Promise<void>;
}) {
  const [order, setOrder] = useState(props.group);
  const [reason, setReason] = useState('');
  const action = useAction();
  const name = (id: string) => props.nameOf.get(id) ?? id;
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(`/contests/${props.contest.id}/results/tie-decisions`, {
        entryIds: order,
        reason: reason.trim(),
      });
      await props.onSaved();
    });
  };
  return (
    <form class="confirm-box form form-wide" onSubmit={submit} data-testid="tie-form">
      <p>
        Các đội sau bằng nhau sau mọi tiêu chí phụ: {props.group.map(name).join(', ')}. Sắp xếp thứ
        tự (đội trên xếp trước) và ghi lý do; quyết định được ghi vào nhật ký, không sửa xóa.
      </p>
      <OrderList
        items={order}
        onChange={setOrder}
        name={name}
        upLabel={(n) => `Xếp ${n} lên trên`}
        downLabel={(n) => `Xếp ${n} xuống dưới`}
      />
      <TextAreaField
        id={`tie-reason-${props.group.join('-')}`}
        label="Lý do (10-2000 ký tự)"
        error={fieldError(action.error, 'reason')}
        value={reason}
        required
        onValue={setReason}
      />
      <ApiErrorBox error={action.error} inline={['reason']} />
      {props.disabled && (
        <p class="small muted">Đang có phiên bản chờ phê duyệt: phê duyệt hoặc từ chối trước.</p>
      )}
      <button class="btn btn-primary" type="submit" disabled={action.busy || props.disabled}>
        Ghi quyết định thứ tự
      </button>
    </form>
  );
}

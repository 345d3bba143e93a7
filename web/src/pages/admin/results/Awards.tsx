import { useEffect, useState } from 'preact/hooks';
import { put } from '../../../api';
import { type Column, DataTable } from '../../../components/DataTable';
import { Field } from '../../../components/Field';
import { ApiErrorBox, OkBox } from '../../../components/feedback';
import { Section } from '../../../components/Section';
import { StatusBadge } from '../../../components/StatusBadge';
import { money } from '../../../format';
import { useAction } from '../../../hooks';
import type {
  AwardLine,
  Contest,
  ResultsComputation,
  ResultsDocument,
  ResultsVersionRow,
  Team,
} from '../types';

interface Slot {
  prizeCode: string;
  prizeName: string;
  kind: 'side' | 'sponsor';
  individual: boolean;
  entryId: string;
  memberId: string;
}

/**
 * Side and sponsor prizes: the judges' nominations as proposals, and one choice per prize
 * slot (a finalist team, and for an individual prize one of its members) to confirm.
 */
export function Awards(props: {
  contest: Contest;
  computation: ResultsComputation;
  teams: Team[];
  pending: ResultsVersionRow | null;
  onSaved: () => Promise<void>;
}) {
  const { contest, computation } = props;
  const doc = computation.document;
  const prizes = contest.rules.prizes.filter((p) => p.kind === 'side' || p.kind === 'sponsor');
  const finalists = doc.teams.filter((t) => t.finalist);
  const teamOfEntry = new Map(doc.teams.map((t) => [t.entryId, t.teamId]));
  const membersOf = (entryId: string) =>
    props.teams.find((t) => t.id === teamOfEntry.get(entryId))?.members ?? [];
  const memberName = (id: string | undefined) =>
    props.teams.flatMap((t) => t.members).find((m) => m.id === id)?.fullName;
  const entryName = (id: string) => {
    const t = doc.teams.find((x) => x.entryId === id);
    return t ? `${t.teamNumber}. ${t.teamName}` : id;
  };
  const initial = (): Slot[] =>
    prizes.flatMap((p) =>
      Array.from({ length: Math.max(1, p.count) }, (_, i) => {
        const given = doc.prizes.awards.filter((a) => a.prizeCode === p.code)[i];
        const proposal = computation.sidePrizeProposals.find((s) => s.prizeCode === p.code);
        const candidate = proposal && !proposal.tie ? proposal.candidates[i] : undefined;
        const entryId = given?.entryId ?? candidate?.entryId ?? '';
        const memberId = given
          ? (membersOf(given.entryId).find((m) => m.fullName === given.memberName)?.id ?? '')
          : (candidate?.memberId ?? '');
        return {
          prizeCode: p.code,
          prizeName: p.name + (p.count > 1 ? ` (${i + 1})` : ''),
          kind: p.kind === 'side' ? ('side' as const) : ('sponsor' as const),
          individual: p.sideFor === 'individual',
          entryId,
          memberId,
        };
      }),
    );
  const [slots, setSlots] = useState<Slot[]>(initial);
  // The team list (member names) arrives after the computation: fill in what it allows.
  useEffect(() => {
    if (props.teams.length) setSlots(initial());
  }, [props.teams.length]);
  const action = useAction();
  if (prizes.length === 0) return null;
  const setSlot = (i: number, change: Partial<Slot>) =>
    setSlots(slots.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const pick = (kind: 'side' | 'sponsor') =>
        slots
          .filter((s) => s.kind === kind && s.entryId)
          .map((s) => ({
            prizeCode: s.prizeCode,
            entryId: s.entryId,
            ...(s.individual && s.memberId ? { memberId: s.memberId } : {}),
          }));
      await put(`/contests/${contest.id}/results/awards`, {
        side: pick('side'),
        sponsor: pick('sponsor'),
      });
      await props.onSaved();
      return 'Đã xác nhận giải phụ và giải tài trợ.';
    });
  };
  return (
    <Section title="Giải phụ và giải tài trợ" id="giai-phu">
      <p class="small muted">
        Giải phụ được đề xuất từ đề cử của giám khảo trong các phần thi chung khảo; Ban tổ chức xác
        nhận người hoặc đội nhận giải.
      </p>
      <ul class="proposals">
        {computation.sidePrizeProposals.map((p) => (
          <li key={p.prizeCode}>
            <strong>{prizes.find((x) => x.code === p.prizeCode)?.name ?? p.prizeCode}</strong>:{' '}
            {p.candidates.length === 0
              ? 'chưa có đề cử.'
              : p.candidates
                  .map(
                    (c) =>
                      `${entryName(c.entryId)}${c.memberId ? ` — ${memberName(c.memberId) ?? 'thành viên'}` : ''} (${c.nominations} đề cử)`,
                  )
                  .join('; ')}
            {p.tie && <StatusBadge tone="warn"> Đồng số đề cử: Ban tổ chức chọn</StatusBadge>}
          </li>
        ))}
      </ul>
      <form class="form form-wide" onSubmit={submit}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} />
        {slots.map((s, i) => (
          <fieldset key={i} class="award-slot">
            <legend>
              {s.prizeName}
              {s.kind === 'sponsor' ? ' (tài trợ)' : ''}
            </legend>
            <div class="grid-2">
              <Field id={`award-${i}-team`} label="Đội nhận giải">
                {(c) => (
                  <select
                    {...c}
                    value={s.entryId}
                    onChange={(e) => setSlot(i, { entryId: e.currentTarget.value, memberId: '' })}
                  >
                    <option value="">— Chưa chọn —</option>
                    {finalists.map((t) => (
                      <option key={t.entryId} value={t.entryId}>
                        {t.teamNumber}. {t.teamName}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              {s.individual && (
                <Field id={`award-${i}-member`} label="Cá nhân nhận giải">
                  {(c) => (
                    <select
                      {...c}
                      value={s.memberId}
                      disabled={!s.entryId}
                      onChange={(e) => setSlot(i, { memberId: e.currentTarget.value })}
                    >
                      <option value="">— Chọn thành viên —</option>
                      {membersOf(s.entryId).map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.fullName}
                          {m.position ? ` — ${m.position}` : ''}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
            </div>
          </fieldset>
        ))}
        {props.pending && (
          <p class="small muted">Đang có phiên bản chờ phê duyệt: phê duyệt hoặc từ chối trước.</p>
        )}
        <button
          class="btn btn-primary"
          type="submit"
          disabled={action.busy || props.pending !== null}
        >
          Xác nhận giải
        </button>
      </form>
    </Section>
  );
}

const PRIZE_COLUMNS: Column<AwardLine>[] = [
  { key: 'prize', header: 'Giải', cell: (a) => a.prizeName },
  { key: 'team', header: 'Đội thi', cell: (a) => a.teamName },
  { key: 'who', header: 'Cá nhân / nhà tài trợ', cell: (a) => a.memberName ?? a.sponsor ?? '' },
  {
    key: 'amount',
    header: 'Tiền thưởng',
    num: true,
    cell: (a) => (a.amountVnd ? money(a.amountVnd) : '—'),
  },
];

/** The prizes the ranking gives, with the total budget (6.000.000 đ …). */
export function Prizes({ doc }: { doc: ResultsDocument }) {
  if (!doc.prizes.awards.length && !doc.prizes.unassignedSlots.length) return null;
  return (
    <Section title="Cơ cấu giải thưởng đề xuất" id="co-cau-giai">
      <DataTable
        class="compact"
        testId="prizes"
        label="Cơ cấu giải thưởng đề xuất"
        columns={PRIZE_COLUMNS}
        rows={doc.prizes.awards}
        rowKey={(_a, i) => i}
        footer={
          <tr>
            <th scope="row" colSpan={3}>
              Tổng kinh phí khen thưởng
            </th>
            <td class="num strong" data-testid="prize-total">
              {money(doc.prizes.totalVnd)}
            </td>
          </tr>
        }
      />
      {doc.prizes.unassignedSlots.length > 0 && (
        <p class="small muted">
          Chưa có đội nhận:{' '}
          {doc.prizes.unassignedSlots.map((s) => `${s.prizeName} (${s.count})`).join(', ')}.
        </p>
      )}
    </Section>
  );
}

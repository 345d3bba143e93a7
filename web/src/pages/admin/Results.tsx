import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, get, post, put } from '../../api';
import { ErrorBox, Link, Loading } from '../../components/ui';
import { dateTime, money, points } from '../../format';
import { useLoad } from '../../hooks';
import {
  ApiErrorBox,
  count,
  download,
  FieldMsg,
  fieldError,
  OkBox,
  Section,
  SectionProps,
  statusLabel,
  useAction,
} from './lib';
import type {
  Contest,
  ResultsComputation,
  ResultsDocument,
  ResultsVersionRow,
  Team,
  TeamResult,
} from './types';

const VERSION_STATUS: Record<string, { label: string; cls: string }> = {
  frozen: { label: 'Đã chốt, chờ phê duyệt', cls: 'badge-warn' },
  published: { label: 'Đang công bố', cls: 'badge-ok' },
  superseded: { label: 'Đã được thay thế', cls: '' },
  rejected: { label: 'Bị từ chối', cls: 'badge-danger' },
};

const DOCUMENTS = [
  ['results.xlsx', 'Bảng điểm đầy đủ (Excel)'],
  ['ranking.csv', 'Bảng xếp hạng (CSV)'],
  ['minutes.pdf', 'Biên bản kết quả (PDF)'],
  ['results-list.pdf', 'Danh sách đạt giải (PDF)'],
  ['certificates.pdf', 'Giấy chứng nhận (PDF)'],
] as const;

const PROBLEM_HINT: Record<string, string> = {
  TIE_NEEDS_DECISION: 'Ghi quyết định thứ tự ở phần “Quyết định đồng hạng” bên dưới.',
  PRIZE_TIE: 'Ghi quyết định thứ tự cho nhóm đồng hạng bên dưới.',
  SIDE_PRIZE_UNCONFIRMED: 'Xác nhận ở phần “Giải phụ và giải tài trợ”.',
  FINAL_INCOMPLETE: 'Chờ giám khảo nộp đủ phiếu chấm chung khảo.',
  FINAL_NOT_SET_UP: 'Thiết lập ở mục Điều khiển chung khảo.',
};

/**
 * The results desk: the full computation per team (every judge's total, the dropped ones
 * marked, the final's parts, the tie-break used), the problems to settle, tie decisions, side
 * and sponsor prizes, freezing, the four-eyes publication of versions, and the documents.
 */
export function Results({ contest, reloadContest }: SectionProps) {
  const computation = useLoad(
    () => get<ResultsComputation>(`/contests/${contest.id}/results`),
    [contest.id],
  );
  const versions = useLoad(
    () => get<ResultsVersionRow[]>(`/contests/${contest.id}/results/versions`),
    [contest.id],
  );
  const teams = useLoad(() => get<Team[]>(`/contests/${contest.id}/teams`), [contest.id]);
  const reloadAll = async () => {
    await Promise.all([computation.reload(), versions.reload()]);
  };
  const notYet =
    computation.error instanceof ApiError && computation.error.code === 'NOT_IN_RESULTS_PHASE';
  const c = computation.data;
  const pending = versions.data?.find((v) => v.status === 'frozen') ?? null;
  return (
    <>
      {computation.loading && !c && <Loading />}
      {notYet ? (
        <p class="alert">
          Hội thi đang ở bước “{statusLabel(contest.status)}”. Kết quả được tính từ vòng chung khảo
          trở đi.
        </p>
      ) : (
        <ErrorBox error={computation.error} />
      )}
      {c && (
        <>
          <Problems computation={c} />
          <RankingTable doc={c.document} />
          <TieDecisions
            contest={contest}
            computation={c}
            pending={pending}
            onSaved={computation.reload}
          />
          <Awards
            contest={contest}
            computation={c}
            teams={teams.data ?? []}
            pending={pending}
            onSaved={computation.reload}
          />
          <Prizes doc={c.document} />
          <Freeze
            contest={contest}
            computation={c}
            versions={versions.data ?? []}
            onFrozen={reloadAll}
          />
        </>
      )}
      <Versions
        contest={contest}
        versions={versions.data}
        error={versions.error}
        onChanged={async () => {
          await reloadAll();
          await reloadContest();
        }}
      />
    </>
  );
}

function Problems({ computation }: { computation: ResultsComputation }) {
  const { problems } = computation;
  const blocking = problems.filter((p) => p.blocking);
  return (
    <Section title="Việc cần xử lý trước khi chốt" id="van-de">
      {problems.length === 0 ? (
        <p class="alert alert-ok" data-testid="no-problems">
          Không còn vấn đề nào: có thể chốt kết quả.
        </p>
      ) : (
        <>
          <p>
            {blocking.length
              ? `${blocking.length} vấn đề chặn việc chốt kết quả.`
              : 'Không có vấn đề chặn việc chốt kết quả; nên kiểm tra các lưu ý.'}
          </p>
          <ul class="problems" data-testid="problems">
            {problems.map((p, i) => (
              <li key={i} class={p.blocking ? 'problem-blocking' : 'problem-warn'}>
                <span class={`badge ${p.blocking ? 'badge-danger' : 'badge-warn'}`}>
                  {p.blocking ? 'Chặn chốt' : 'Lưu ý'}
                </span>{' '}
                {p.message}
                {PROBLEM_HINT[p.code] && <span class="muted small"> {PROBLEM_HINT[p.code]}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

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

function RankingTable({ doc }: { doc: ResultsDocument }) {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const judges = doc.judges;
  const parts = doc.rules.parts;
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
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
      <div class="table-wrap">
        <table class="results-table compact" data-testid="results-table">
          <caption class="sr-only">Bảng tính điểm đầy đủ của từng đội</caption>
          <thead>
            <tr>
              <th scope="col" class="num">
                Hạng
              </th>
              <th scope="col">Đội thi</th>
              <th scope="col" class="num">
                Tương tác
              </th>
              {judges.map((j) => (
                <th scope="col" class="num" key={j.id} title={j.name}>
                  {shortName(j.name)}
                </th>
              ))}
              <th scope="col" class="num">
                Điểm GK
              </th>
              <th scope="col" class="num">
                Sơ khảo
              </th>
              {parts.map((p) => (
                <th scope="col" class="num" key={p.code}>
                  {p.name}
                </th>
              ))}
              <th scope="col" class="num">
                Chung khảo
              </th>
              <th scope="col" class="num">
                Điểm xếp hạng
              </th>
              <th scope="col">Tiêu chí phụ</th>
              <th scope="col">Giải thưởng</th>
              <th scope="col">
                <span class="sr-only">Chi tiết</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.teams.map((t) => (
              <tr
                key={t.entryId}
                class={t.needsDecision ? 'row-flag' : t.rank === null ? 'row-muted' : undefined}
                data-entry={t.entryId}
              >
                <td class="num strong">{t.rank ?? '—'}</td>
                <th scope="row">
                  {t.teamNumber}. {t.teamName}
                  <div class="muted small">{t.entryName}</div>
                </th>
                <td class="num">{points(t.interaction.points)}</td>
                {judges.map((j) => {
                  const card = t.judgeCards.find((c) => c.judgeId === j.id);
                  return (
                    <td class="num" key={j.id}>
                      {card ? (
                        <Dropped value={card.total} dropped={card.dropped} />
                      ) : (
                        <span class="muted" title="Không chấm (xung đột lợi ích hoặc rút lui)">
                          —
                        </span>
                      )}
                    </td>
                  );
                })}
                <td class="num">{points(t.judgesPoints)}</td>
                <td class="num strong">{points(t.preliminary)}</td>
                {parts.map((p) => (
                  <td class="num" key={p.code}>
                    {points(t.final?.partMeans[p.code])}
                  </td>
                ))}
                <td class="num">{points(t.final?.points)}</td>
                <td class="num strong">{points(t.rankingScore)}</td>
                <td>
                  {t.tieBreakUsed ?? ''}
                  {t.needsDecision && <span class="badge badge-danger">Cần quyết định</span>}
                  {t.decided && <span class="badge">BTC quyết định</span>}
                  {!t.finalist && <span class="muted small">Không vào chung khảo</span>}
                </td>
                <td>
                  {t.awards.map((a, i) => (
                    <div key={i}>
                      {a.prizeName}
                      {a.memberName ? ` (${a.memberName})` : ''}
                    </div>
                  ))}
                </td>
                <td>
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
      {team.final && (
        <>
          <h4>Phiếu chấm chung khảo</h4>
          <JudgeCardsTable
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

/** One judge per row, one column per criterion or part, the judge's total (dropped marked). */
function JudgeCardsTable(props: {
  items: { code: string; name: string; maxPoints: string }[];
  cards: {
    judgeId: string;
    judgeName: string;
    values: Record<string, string>;
    total: string;
    dropped: boolean;
  }[];
  footer: ComponentChildren;
}) {
  return (
    <div class="table-wrap">
      <table class="compact">
        <thead>
          <tr>
            <th scope="col">Giám khảo</th>
            {props.items.map((item) => (
              <th scope="col" class="num" key={item.code}>
                {item.name} (/{points(item.maxPoints)})
              </th>
            ))}
            <th scope="col" class="num">
              Tổng
            </th>
          </tr>
        </thead>
        <tbody>
          {props.cards.map((c) => (
            <tr key={c.judgeId}>
              <th scope="row">{c.judgeName}</th>
              {props.items.map((item) => (
                <td class="num" key={item.code}>
                  {points(c.values[item.code])}
                </td>
              ))}
              <td class="num strong">
                <Dropped value={c.total} dropped={c.dropped} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>{props.footer}</tfoot>
      </table>
    </div>
  );
}

// ---- decisions ------------------------------------------------------------------------------

function TieDecisions(props: {
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
  const move = (i: number, by: number) => {
    const next = [...order];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    setOrder(next);
  };
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
      <ol class="order-list">
        {order.map((id, i) => (
          <li key={id}>
            <span>{name(id)}</span>
            <span class="actions">
              <button
                type="button"
                class="btn"
                disabled={i === 0}
                aria-label={`Xếp ${name(id)} lên trên`}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                type="button"
                class="btn"
                disabled={i === order.length - 1}
                aria-label={`Xếp ${name(id)} xuống dưới`}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <label>
        Lý do (10-2000 ký tự)
        <textarea
          value={reason}
          required
          onInput={(e) => setReason(e.currentTarget.value)}
          aria-describedby="tie-reason-msg"
        />
        <FieldMsg id="tie-reason-msg" message={fieldError(action.error, 'reason')} />
      </label>
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

interface Slot {
  prizeCode: string;
  prizeName: string;
  kind: 'side' | 'sponsor';
  individual: boolean;
  entryId: string;
  memberId: string;
}

function Awards(props: {
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
            {p.tie && <span class="badge badge-warn"> Đồng số đề cử: Ban tổ chức chọn</span>}
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
              <label>
                Đội nhận giải
                <select
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
              </label>
              {s.individual && (
                <label>
                  Cá nhân nhận giải
                  <select
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
                </label>
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

function Prizes({ doc }: { doc: ResultsDocument }) {
  if (!doc.prizes.awards.length && !doc.prizes.unassignedSlots.length) return null;
  return (
    <Section title="Cơ cấu giải thưởng đề xuất" id="co-cau-giai">
      <div class="table-wrap">
        <table class="compact" data-testid="prizes">
          <thead>
            <tr>
              <th scope="col">Giải</th>
              <th scope="col">Đội thi</th>
              <th scope="col">Cá nhân / nhà tài trợ</th>
              <th scope="col" class="num">
                Tiền thưởng
              </th>
            </tr>
          </thead>
          <tbody>
            {doc.prizes.awards.map((a, i) => (
              <tr key={i}>
                <td>{a.prizeName}</td>
                <td>{a.teamName}</td>
                <td>{a.memberName ?? a.sponsor ?? ''}</td>
                <td class="num">{a.amountVnd ? money(a.amountVnd) : '—'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Tổng kinh phí khen thưởng
              </th>
              <td class="num strong" data-testid="prize-total">
                {money(doc.prizes.totalVnd)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {doc.prizes.unassignedSlots.length > 0 && (
        <p class="small muted">
          Chưa có đội nhận:{' '}
          {doc.prizes.unassignedSlots.map((s) => `${s.prizeName} (${s.count})`).join(', ')}.
        </p>
      )}
    </Section>
  );
}

// ---- freeze and versions --------------------------------------------------------------------

function Freeze(props: {
  contest: Contest;
  computation: ResultsComputation;
  versions: ResultsVersionRow[];
  onFrozen: () => Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const published = props.versions.some((v) => v.status === 'published');
  const pending = props.versions.find((v) => v.status === 'frozen');
  const blocking = props.computation.problems.filter((p) => p.blocking).length;
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const v = await post<ResultsVersionRow>(
        `/contests/${props.contest.id}/results/freeze`,
        reason.trim() ? { reason: reason.trim() } : {},
      );
      setReason('');
      await props.onFrozen();
      return `Đã chốt phiên bản ${v.version} (mã kiểm tra ${v.fingerprint.slice(0, 12)}…). Cần một thành viên Ban tổ chức khác phê duyệt để công bố.`;
    });
  };
  return (
    <Section title="Chốt kết quả" id="chot">
      <p class="small">
        Chốt lưu lại toàn bộ số liệu hiện tại thành một phiên bản mới kèm mã kiểm tra SHA-256; phiên
        bản được công bố khi một thành viên Ban tổ chức <strong>khác</strong> phê duyệt.
      </p>
      <form class="form" onSubmit={submit}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} inline={['reason']} />
        {published && (
          <label>
            Lý do đính chính (bắt buộc khi kết quả đã công bố)
            <textarea
              value={reason}
              required
              onInput={(e) => setReason(e.currentTarget.value)}
              aria-describedby="freeze-reason-err"
            />
            <FieldMsg id="freeze-reason-err" message={fieldError(action.error, 'reason')} />
          </label>
        )}
        {pending && (
          <p class="alert">
            Phiên bản {pending.version} đang chờ phê duyệt: phê duyệt hoặc từ chối trước khi chốt
            phiên bản mới.
          </p>
        )}
        {blocking > 0 && !pending && (
          <p class="small muted">Còn {blocking} vấn đề chặn việc chốt (xem phía trên).</p>
        )}
        <button class="btn btn-primary" type="submit" disabled={action.busy || !!pending}>
          {published ? 'Chốt phiên bản đính chính' : 'Chốt kết quả'}
        </button>
      </form>
    </Section>
  );
}

function Versions(props: {
  contest: Contest;
  versions: ResultsVersionRow[] | null;
  error: unknown;
  onChanged: () => Promise<void>;
}) {
  const { contest, versions } = props;
  return (
    <Section title="Các phiên bản kết quả" id="phien-ban">
      <ErrorBox error={props.error} />
      {versions && versions.length === 0 && <p class="muted">Chưa có phiên bản nào được chốt.</p>}
      {versions && versions.length > 0 && (
        <ul class="cards versions" data-testid="versions">
          {[...versions].reverse().map((v) => (
            <VersionCard key={v.version} contest={contest} v={v} onChanged={props.onChanged} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function VersionCard(props: {
  contest: Contest;
  v: ResultsVersionRow;
  onChanged: () => Promise<void>;
}) {
  const { contest, v } = props;
  const base = `/contests/${contest.id}/results/versions/${v.version}`;
  const approve = useAction();
  const reject = useAction();
  const verify = useAction();
  const docs = useAction();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const st = VERSION_STATUS[v.status] ?? { label: v.status, cls: '' };
  const fourEyes = approve.error instanceof ApiError && approve.error.code === 'FOUR_EYES_REQUIRED';
  return (
    <li class="card version" data-version={v.version}>
      <div class="section-head">
        <h3>Phiên bản {v.version}</h3>
        <span class={`badge ${st.cls}`}>{st.label}</span>
      </div>
      <dl class="facts">
        <dt>Mã kiểm tra (SHA-256)</dt>
        <dd>
          <code>{v.fingerprint}</code>
        </dd>
        <dt>Chốt</dt>
        <dd>
          {v.frozenBy ?? '—'}, {dateTime(v.frozenAt)}
        </dd>
        {v.publishedAt && (
          <>
            <dt>Công bố</dt>
            <dd>
              {v.approvedBy ?? '—'} phê duyệt, {dateTime(v.publishedAt)}
            </dd>
          </>
        )}
        {v.correctionReason && (
          <>
            <dt>Lý do đính chính</dt>
            <dd>{v.correctionReason}</dd>
          </>
        )}
        {v.rejectionReason && (
          <>
            <dt>Lý do từ chối</dt>
            <dd>{v.rejectionReason}</dd>
          </>
        )}
      </dl>
      {fourEyes ? (
        <div class="alert alert-error" role="alert" data-testid="four-eyes">
          <p class="alert-title">{approve.error instanceof ApiError && approve.error.message}</p>
          <p>
            Nguyên tắc “bốn mắt”: phiên bản {v.version} do <strong>{v.frozenBy}</strong> chốt, nên
            phải do một tài khoản Ban tổ chức khác đăng nhập và phê duyệt.
          </p>
        </div>
      ) : (
        <ApiErrorBox error={approve.error} />
      )}
      <OkBox message={approve.ok ?? reject.ok ?? verify.ok} />
      <ApiErrorBox error={reject.error ?? verify.error} inline={rejecting ? ['reason'] : []} />
      {v.status === 'frozen' && !rejecting && (
        <p class="actions">
          <button
            type="button"
            class="btn btn-primary"
            disabled={approve.busy}
            onClick={() =>
              void approve.run(async () => {
                await post(`${base}/approve`);
                await props.onChanged();
                return `Đã phê duyệt và công bố phiên bản ${v.version}.`;
              })
            }
          >
            Phê duyệt và công bố
          </button>
          <button
            type="button"
            class="btn btn-danger"
            onClick={() => {
              approve.reset();
              setRejecting(true);
            }}
          >
            Từ chối…
          </button>
        </p>
      )}
      {rejecting && (
        <form
          class="confirm-box form"
          onSubmit={(e) => {
            e.preventDefault();
            void reject.run(async () => {
              await post(`${base}/reject`, { reason: reason.trim() });
              setRejecting(false);
              await props.onChanged();
              return `Đã từ chối phiên bản ${v.version}.`;
            });
          }}
        >
          <label>
            Lý do từ chối (10-2000 ký tự)
            <textarea
              value={reason}
              required
              onInput={(e) => setReason(e.currentTarget.value)}
              aria-describedby={`reject-${v.version}-err`}
            />
            <FieldMsg id={`reject-${v.version}-err`} message={fieldError(reject.error, 'reason')} />
          </label>
          <p class="actions">
            <button class="btn btn-danger" type="submit" disabled={reject.busy}>
              Xác nhận từ chối
            </button>
            <button class="btn" type="button" onClick={() => setRejecting(false)}>
              Hủy
            </button>
          </p>
        </form>
      )}
      {v.status !== 'rejected' && (
        <>
          <p class="actions">
            <button
              type="button"
              class="btn btn-small"
              disabled={verify.busy}
              onClick={() =>
                void verify.run(async () => {
                  const r = await get<{ matches: boolean; storedDocumentMatches: boolean }>(
                    `${base}/verify`,
                  );
                  if (!r.storedDocumentMatches)
                    throw new Error('Tài liệu đã lưu không khớp mã kiểm tra!');
                  return r.matches
                    ? 'Tính lại từ dữ liệu hiện tại cho đúng mã kiểm tra của phiên bản này.'
                    : 'Dữ liệu đã thay đổi sau khi chốt: tính lại cho mã kiểm tra khác.';
                })
              }
            >
              Kiểm tra lại mã
            </button>
            {(v.status === 'published' || v.status === 'superseded') && (
              <Link href={`/c/${contest.slug}/ket-qua`}>Trang kết quả công khai</Link>
            )}
          </p>
          <div class="doc-buttons" role="group" aria-label={`Tài liệu phiên bản ${v.version}`}>
            {DOCUMENTS.map(([kind, label]) => (
              <button
                key={kind}
                type="button"
                class="btn btn-small"
                disabled={docs.busy}
                onClick={() =>
                  void docs.run(() =>
                    download(`${base}/documents/${kind}`, `ket-qua-v${v.version}-${kind}`),
                  )
                }
              >
                {label}
              </button>
            ))}
          </div>
          <ApiErrorBox error={docs.error} />
        </>
      )}
    </li>
  );
}

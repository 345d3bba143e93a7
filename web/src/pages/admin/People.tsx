import { useState } from 'preact/hooks';
import { get, post } from '../../api';
import { ErrorBox, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import {
  ApiErrorBox,
  FieldMsg,
  fieldError,
  OkBox,
  ROLE_LABELS,
  Section,
  SectionProps,
  UNIT_KIND_LABELS,
  useAction,
} from './lib';
import type { Account, Role, Team, Unit } from './types';

/** Units (đơn vị), teams (đội thi) with their members, and the contest's accounts. */
export function People({ contest }: SectionProps) {
  const { data, error, loading, reload } = useLoad(async () => {
    const [units, teams, accounts] = await Promise.all([
      get<Unit[]>(`/contests/${contest.id}/units`),
      get<Team[]>(`/contests/${contest.id}/teams`),
      get<Account[]>(`/contests/${contest.id}/accounts`),
    ]);
    return { units, teams, accounts };
  }, [contest.id]);
  if (!data) return loading ? <Loading /> : <ErrorBox error={error} />;
  const unitName = new Map(data.units.map((u) => [u.id, u.name]));
  const teamName = new Map(data.teams.map((t) => [t.id, `${t.number}. ${t.name}`]));
  const teams = [...data.teams].sort((a, b) => a.number - b.number);
  return (
    <>
      <Section title={`Đơn vị (${data.units.length})`} id="don-vi">
        <div class="table-wrap">
          <table class="compact people" data-testid="units">
            <thead>
              <tr>
                <th scope="col">Tên đơn vị</th>
                <th scope="col">Loại</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {data.units.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.name}</th>
                  <td>{UNIT_KIND_LABELS[u.kind] ?? u.kind}</td>
                  <td>{u.active ? 'Đang dùng' : 'Ngừng sử dụng'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CreateUnit contestId={contest.id} onCreated={reload} />
      </Section>
      <Section title={`Đội thi (${teams.length})`} id="doi-thi">
        <div class="table-wrap">
          <table class="compact people" data-testid="teams">
            <thead>
              <tr>
                <th scope="col" class="num">
                  Số
                </th>
                <th scope="col">Tên đội</th>
                <th scope="col">Đơn vị</th>
                <th scope="col">Thành viên</th>
                <th scope="col">Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((t) => (
                <tr key={t.id}>
                  <td class="num">{t.number}</td>
                  <th scope="row">{t.name}</th>
                  <td>{t.unitName}</td>
                  <td>
                    {t.members.length === 0 ? (
                      <span class="muted">chưa có</span>
                    ) : (
                      <details>
                        <summary>
                          {t.members.length} người
                          {t.members.find((m) => m.isLeader)
                            ? `, trưởng nhóm ${t.members.find((m) => m.isLeader)!.fullName}`
                            : ''}
                        </summary>
                        <ul class="small">
                          {t.members.map((m) => (
                            <li key={m.id}>
                              {m.fullName}
                              {m.position ? ` — ${m.position}` : ''}
                              {m.isLeader ? ' (trưởng nhóm)' : ''}
                            </li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                  <td>{t.status === 'active' ? 'Đang tham gia' : 'Đã rút'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CreateTeam contestId={contest.id} units={data.units} teams={teams} onCreated={reload} />
      </Section>
      <Section title={`Tài khoản (${data.accounts.length})`} id="tai-khoan">
        <div class="table-wrap">
          <table class="compact people" data-testid="accounts">
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Họ tên</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Đội / đơn vị</th>
                <th scope="col">Tình trạng</th>
                <th scope="col">
                  <span class="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.accounts.map((a) => (
                <tr key={a.userId}>
                  <th scope="row">
                    <code>{a.username}</code>
                  </th>
                  <td>{a.displayName}</td>
                  <td>{ROLE_LABELS[a.role] ?? a.role}</td>
                  <td>
                    {a.teamId ? teamName.get(a.teamId) : a.unitId ? unitName.get(a.unitId) : '—'}
                  </td>
                  <td>
                    {a.disabled
                      ? 'Đã khóa'
                      : a.mustChangePassword
                        ? 'Chờ đổi mật khẩu tạm'
                        : 'Đang dùng'}
                  </td>
                  <td>
                    {a.role !== 'organiser' && <ResetPassword contestId={contest.id} account={a} />}
                    <AccountStatus contestId={contest.id} account={a} onChanged={reload} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CreateAccount contestId={contest.id} units={data.units} teams={teams} onCreated={reload} />
      </Section>
    </>
  );
}

function CreateUnit({ contestId, onCreated }: { contestId: string; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Unit['kind']>('phong');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(`/contests/${contestId}/units`, { name: name.trim(), kind });
      setName('');
      onCreated();
      return 'Đã thêm đơn vị.';
    });
  };
  return (
    <details class="add-form">
      <summary class="strong">Thêm đơn vị</summary>
      <form class="form" onSubmit={submit}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} inline={['name', 'kind']} />
        <label>
          Tên đơn vị
          <input
            value={name}
            required
            onInput={(e) => setName(e.currentTarget.value)}
            aria-describedby="unit-name-err"
          />
          <FieldMsg id="unit-name-err" message={fieldError(action.error, 'name')} />
        </label>
        <label>
          Loại đơn vị
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Unit['kind'])}>
            {Object.entries(UNIT_KIND_LABELS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Thêm đơn vị
        </button>
      </form>
    </details>
  );
}

interface MemberDraft {
  fullName: string;
  position: string;
  isLeader: boolean;
}

function CreateTeam(props: {
  contestId: string;
  units: Unit[];
  teams: Team[];
  onCreated: () => void;
}) {
  const nextNumber = Math.max(0, ...props.teams.map((t) => t.number)) + 1;
  const [number, setNumber] = useState(String(nextNumber));
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState('');
  const [members, setMembers] = useState<MemberDraft[]>([
    { fullName: '', position: '', isLeader: true },
  ]);
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const filled = members.filter((m) => m.fullName.trim());
      await post(`/contests/${props.contestId}/teams`, {
        number: Number(number),
        name: name.trim(),
        unitId,
        ...(filled.length
          ? {
              members: filled.map((m) => ({
                fullName: m.fullName.trim(),
                ...(m.position.trim() ? { position: m.position.trim() } : {}),
                isLeader: m.isLeader,
              })),
            }
          : {}),
      });
      setName('');
      setMembers([{ fullName: '', position: '', isLeader: true }]);
      setNumber(String(Number(number) + 1));
      props.onCreated();
      return 'Đã thêm đội thi.';
    });
  };
  const setMember = (i: number, change: Partial<MemberDraft>) =>
    setMembers(members.map((m, j) => (j === i ? { ...m, ...change } : m)));
  return (
    <details class="add-form">
      <summary class="strong">Thêm đội thi</summary>
      <form class="form form-wide" onSubmit={submit}>
        <OkBox message={action.ok} />
        <ApiErrorBox error={action.error} inline={['number', 'name', 'unitId']} />
        <div class="grid-2">
          <label>
            Số đội
            <input
              inputMode="numeric"
              value={number}
              required
              onInput={(e) => setNumber(e.currentTarget.value)}
              aria-describedby="team-number-err"
            />
            <FieldMsg id="team-number-err" message={err('number')} />
          </label>
          <label>
            Đơn vị
            <select
              value={unitId}
              required
              onChange={(e) => setUnitId(e.currentTarget.value)}
              aria-describedby="team-unit-err"
            >
              <option value="">— Chọn đơn vị —</option>
              {props.units
                .filter((u) => u.active)
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </select>
            <FieldMsg id="team-unit-err" message={err('unitId')} />
          </label>
        </div>
        <label>
          Tên đội
          <input
            value={name}
            required
            onInput={(e) => setName(e.currentTarget.value)}
            aria-describedby="team-name-err"
          />
          <FieldMsg id="team-name-err" message={err('name')} />
        </label>
        <fieldset>
          <legend>Thành viên</legend>
          {members.map((m, i) => (
            <div class="member-row" key={i}>
              <label>
                Họ tên thành viên {i + 1}
                <input
                  value={m.fullName}
                  onInput={(e) => setMember(i, { fullName: e.currentTarget.value })}
                />
                <FieldMsg id={`m-${i}-err`} message={err(`members[${i}].fullName`)} />
              </label>
              <label>
                Chức vụ
                <input
                  value={m.position}
                  onInput={(e) => setMember(i, { position: e.currentTarget.value })}
                />
              </label>
              <label class="check">
                <input
                  type="checkbox"
                  checked={m.isLeader}
                  onChange={(e) => setMember(i, { isLeader: e.currentTarget.checked })}
                />
                Trưởng nhóm
              </label>
            </div>
          ))}
          <button
            type="button"
            class="btn btn-small"
            onClick={() =>
              setMembers([...members, { fullName: '', position: '', isLeader: false }])
            }
          >
            + Thêm thành viên
          </button>
        </fieldset>
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Thêm đội thi
        </button>
      </form>
    </details>
  );
}

function CreateAccount(props: {
  contestId: string;
  units: Unit[];
  teams: Team[];
  onCreated: () => void;
}) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('judge');
  const [teamId, setTeamId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  const action = useAction();
  const err = (f: string) => fieldError(action.error, f);
  const submit = (e: Event) => {
    e.preventDefault();
    setIssued(null);
    void action.run(async () => {
      const res = await post<{ account: Account; temporaryPassword: string }>(
        `/contests/${props.contestId}/accounts`,
        {
          username: username.trim(),
          displayName: displayName.trim(),
          role,
          ...(role === 'team' && teamId ? { teamId } : {}),
          ...(role === 'judge' && unitId ? { unitId } : {}),
        },
      );
      setIssued({ username: res.account.username, password: res.temporaryPassword });
      setUsername('');
      setDisplayName('');
      props.onCreated();
    });
  };
  return (
    <details class="add-form">
      <summary class="strong">Tạo tài khoản</summary>
      <form class="form" onSubmit={submit}>
        {issued && <TemporaryPassword {...issued} />}
        <ApiErrorBox
          error={action.error}
          inline={['username', 'displayName', 'role', 'teamId', 'unitId']}
        />
        <label>
          Vai trò
          <select value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {Object.entries(ROLE_LABELS).map(([k, l]) => (
              <option key={k} value={k}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          Tên đăng nhập
          <input
            value={username}
            required
            autoComplete="off"
            onInput={(e) => setUsername(e.currentTarget.value)}
            aria-describedby="acc-user-err"
          />
          <FieldMsg id="acc-user-err" message={err('username')} />
        </label>
        <label>
          Họ tên hiển thị
          <input
            value={displayName}
            required
            onInput={(e) => setDisplayName(e.currentTarget.value)}
            aria-describedby="acc-name-err"
          />
          <FieldMsg id="acc-name-err" message={err('displayName')} />
        </label>
        {role === 'team' && (
          <label>
            Đội thi
            <select
              value={teamId}
              required
              onChange={(e) => setTeamId(e.currentTarget.value)}
              aria-describedby="acc-team-err"
            >
              <option value="">— Chọn đội —</option>
              {props.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.number}. {t.name}
                </option>
              ))}
            </select>
            <FieldMsg id="acc-team-err" message={err('teamId')} />
          </label>
        )}
        {role === 'judge' && (
          <label>
            Đơn vị công tác (để tránh chấm đội cùng đơn vị)
            <select value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
              <option value="">— Không thuộc đơn vị dự thi —</option>
              {props.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
            <FieldMsg id="acc-unit-err" message={err('unitId')} />
          </label>
        )}
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Tạo tài khoản
        </button>
      </form>
    </details>
  );
}

function TemporaryPassword({ username, password }: { username: string; password: string }) {
  return (
    <div class="alert alert-ok" role="status">
      <p class="alert-title">
        Mật khẩu tạm của <code>{username}</code> (chỉ hiện một lần, hãy gửi cho người dùng):
      </p>
      <p>
        <code class="password">{password}</code>
      </p>
    </div>
  );
}

function ResetPassword({ contestId, account }: { contestId: string; account: Account }) {
  const [issued, setIssued] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  if (issued) return <TemporaryPassword username={account.username} password={issued} />;
  return (
    <>
      {!confirming ? (
        <button type="button" class="btn btn-small" onClick={() => setConfirming(true)}>
          Cấp lại mật khẩu
        </button>
      ) : (
        <span class="actions">
          <button
            type="button"
            class="btn btn-small btn-danger"
            disabled={action.busy}
            onClick={() =>
              void action.run(async () => {
                const res = await post<{ temporaryPassword: string }>(
                  `/contests/${contestId}/accounts/${account.userId}/reset-password`,
                );
                setIssued(res.temporaryPassword);
              })
            }
          >
            Xác nhận cấp lại cho {account.displayName}
          </button>
          <button type="button" class="btn btn-small" onClick={() => setConfirming(false)}>
            Hủy
          </button>
        </span>
      )}
      <ApiErrorBox error={action.error} />
    </>
  );
}

/** Deactivate (or reactivate) an account, with a reason; its tokens stop working at once. */
function AccountStatus(props: { contestId: string; account: Account; onChanged: () => void }) {
  const { account } = props;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useAction();
  const verb = account.disabled ? 'Mở khóa' : 'Khóa';
  const id = `status-${account.userId}`;
  if (!open)
    return (
      <button type="button" class="btn btn-small" onClick={() => setOpen(true)}>
        {verb} tài khoản
      </button>
    );
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      await post(
        `/contests/${props.contestId}/accounts/${account.userId}/${account.disabled ? 'reactivate' : 'deactivate'}`,
        { reason: reason.trim() },
      );
      setOpen(false);
      setReason('');
      props.onChanged();
    });
  };
  return (
    <form class="form" onSubmit={submit}>
      <ApiErrorBox error={action.error} inline={['reason']} />
      <label>
        Lý do {verb.toLowerCase()} tài khoản của {account.displayName}
        <input
          value={reason}
          required
          minLength={10}
          onInput={(e) => setReason(e.currentTarget.value)}
          aria-describedby={`${id}-err`}
        />
        <FieldMsg id={`${id}-err`} message={fieldError(action.error, 'reason')} />
      </label>
      <span class="actions">
        <button type="submit" class="btn btn-small btn-danger" disabled={action.busy}>
          Xác nhận {verb.toLowerCase()}
        </button>
        <button type="button" class="btn btn-small" onClick={() => setOpen(false)}>
          Hủy
        </button>
      </span>
    </form>
  );
}

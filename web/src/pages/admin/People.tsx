import { get } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { Section } from '../../components/Section';
import { ErrorBox, Loading } from '../../components/ui';
import { useLoad } from '../../hooks';
import { ROLE_LABELS, SectionProps, UNIT_KIND_LABELS } from './lib';
import { CreateAccount, ResetPassword } from './people/AccountForms';
import { AccountStatus } from './people/AccountStatus';
import { CreateTeam, CreateUnit } from './people/UnitTeamForms';
import type { Account, Team, Unit } from './types';

const UNIT_COLUMNS: Column<Unit>[] = [
  { key: 'name', header: 'Tên đơn vị', rowHeader: true, cell: (u) => u.name },
  { key: 'kind', header: 'Loại', cell: (u) => UNIT_KIND_LABELS[u.kind] ?? u.kind },
  { key: 'active', header: 'Tình trạng', cell: (u) => (u.active ? 'Đang dùng' : 'Ngừng sử dụng') },
];

const TEAM_COLUMNS: Column<Team>[] = [
  { key: 'number', header: 'Số', num: true, cell: (t) => t.number },
  { key: 'name', header: 'Tên đội', rowHeader: true, cell: (t) => t.name },
  { key: 'unit', header: 'Đơn vị', cell: (t) => t.unitName },
  { key: 'members', header: 'Thành viên', cell: (t) => <Members team={t} /> },
  {
    key: 'status',
    header: 'Tình trạng',
    cell: (t) => (t.status === 'active' ? 'Đang tham gia' : 'Đã rút'),
  },
];

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
  const accountColumns: Column<Account>[] = [
    {
      key: 'username',
      header: 'Tên đăng nhập',
      rowHeader: true,
      cell: (a) => <code>{a.username}</code>,
    },
    { key: 'name', header: 'Họ tên', cell: (a) => a.displayName },
    { key: 'role', header: 'Vai trò', cell: (a) => ROLE_LABELS[a.role] ?? a.role },
    {
      key: 'where',
      header: 'Đội / đơn vị',
      cell: (a) => (a.teamId ? teamName.get(a.teamId) : a.unitId ? unitName.get(a.unitId) : '—'),
    },
    {
      key: 'status',
      header: 'Tình trạng',
      cell: (a) =>
        a.disabled ? 'Đã khóa' : a.mustChangePassword ? 'Chờ đổi mật khẩu tạm' : 'Đang dùng',
    },
    {
      key: 'actions',
      header: 'Thao tác',
      hiddenHeader: true,
      cell: (a) => (
        <>
          {a.role !== 'organiser' && <ResetPassword contestId={contest.id} account={a} />}
          <AccountStatus contestId={contest.id} account={a} onChanged={reload} />
        </>
      ),
    },
  ];
  return (
    <>
      <Section title={`Đơn vị (${data.units.length})`} id="don-vi">
        <DataTable
          class="compact people"
          testId="units"
          label="Đơn vị"
          columns={UNIT_COLUMNS}
          rows={data.units}
          rowKey={(u) => u.id}
        />
        <CreateUnit contestId={contest.id} onCreated={reload} />
      </Section>
      <Section title={`Đội thi (${teams.length})`} id="doi-thi">
        <DataTable
          class="compact people"
          testId="teams"
          label="Đội thi"
          columns={TEAM_COLUMNS}
          rows={teams}
          rowKey={(t) => t.id}
        />
        <CreateTeam contestId={contest.id} units={data.units} teams={teams} onCreated={reload} />
      </Section>
      <Section title={`Tài khoản (${data.accounts.length})`} id="tai-khoan">
        <DataTable
          class="compact people"
          testId="accounts"
          label="Tài khoản"
          columns={accountColumns}
          rows={data.accounts}
          rowKey={(a) => a.userId}
        />
        <CreateAccount contestId={contest.id} units={data.units} teams={teams} onCreated={reload} />
      </Section>
    </>
  );
}

/** "3 người, trưởng nhóm …", the list on demand. */
function Members({ team }: { team: Team }) {
  if (team.members.length === 0) return <span class="muted">chưa có</span>;
  const leader = team.members.find((m) => m.isLeader);
  return (
    <details>
      <summary>
        {team.members.length} người
        {leader ? `, trưởng nhóm ${leader.fullName}` : ''}
      </summary>
      <ul class="small">
        {team.members.map((m) => (
          <li key={m.id}>
            {m.fullName}
            {m.position ? ` — ${m.position}` : ''}
            {m.isLeader ? ' (trưởng nhóm)' : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}

import { useState } from 'preact/hooks';
import { get } from '../../api';
import { type Column, DataTable, FilterSelect } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { usePagedList } from '../../components/usePagedList';
import { count } from '../../format';
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

/**
 * Units (đơn vị), teams (đội thi) with their members, and the contest's accounts: each a
 * server-side list with search, a filter and pages (a province contest has 400+ of each).
 * The forms read the whole unit and team lists, for their choices.
 */
export function People({ contest }: SectionProps) {
  const base = `/contests/${contest.id}`;
  const [teamStatus, setTeamStatus] = useState('');
  const [role, setRole] = useState('');
  const units = usePagedList<Unit[]>(`${base}/units`, {
    searchLabel: 'Tìm đơn vị',
    placeholder: 'Tên đơn vị',
  });
  const teams = usePagedList<Team[]>(`${base}/teams`, {
    searchLabel: 'Tìm đội',
    placeholder: 'Số, tên đội, đơn vị, thành viên',
    filters: { status: teamStatus || undefined },
  });
  const accounts = usePagedList<Account[]>(`${base}/accounts`, {
    searchLabel: 'Tìm tài khoản',
    placeholder: 'Họ tên, tên đăng nhập',
    filters: { role: role || undefined },
  });
  const all = useLoad(async () => {
    const [units, teams] = await Promise.all([
      get<Unit[]>(`${base}/units`),
      get<Team[]>(`${base}/teams`),
    ]);
    return { units, teams: [...teams].sort((a, b) => a.number - b.number) };
  }, [contest.id]);
  const reload = async () => {
    await Promise.all([units.reload(), teams.reload(), accounts.reload(), all.reload()]);
  };
  if (!all.data) return all.loading ? <Loading /> : <ErrorBox error={all.error} />;
  const unitName = new Map(all.data.units.map((u) => [u.id, u.name]));
  const teamName = new Map(all.data.teams.map((t) => [t.id, `${t.number}. ${t.name}`]));
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
      <Section title={`Đơn vị (${count(units.total)})`} id="don-vi">
        <ErrorBox error={units.error} />
        <DataTable
          class="compact people"
          testId="units"
          label="Đơn vị"
          columns={UNIT_COLUMNS}
          rows={units.data ?? []}
          loading={units.loading}
          rowKey={(u) => u.id}
          stickyHeader
          search={units.search}
          paging={units.paging}
          empty={<EmptyState>Không có đơn vị nào khớp.</EmptyState>}
        />
        <CreateUnit contestId={contest.id} onCreated={reload} />
      </Section>
      <Section title={`Đội thi (${count(teams.total)})`} id="doi-thi">
        <ErrorBox error={teams.error} />
        <DataTable
          class="compact people"
          testId="teams"
          label="Đội thi"
          columns={TEAM_COLUMNS}
          rows={teams.data ?? []}
          loading={teams.loading}
          rowKey={(t) => t.id}
          stickyHeader
          search={teams.search}
          filters={
            <FilterSelect
              label="Tình trạng"
              value={teamStatus}
              onChange={setTeamStatus}
              options={[
                ['', 'Tất cả'],
                ['active', 'Đang tham gia'],
                ['withdrawn', 'Đã rút'],
              ]}
            />
          }
          paging={teams.paging}
          empty={<EmptyState>Không có đội nào khớp.</EmptyState>}
        />
        <CreateTeam
          contestId={contest.id}
          units={all.data.units}
          teams={all.data.teams}
          onCreated={reload}
        />
      </Section>
      <Section title={`Tài khoản (${count(accounts.total)})`} id="tai-khoan">
        <ErrorBox error={accounts.error} />
        <DataTable
          class="compact people"
          testId="accounts"
          label="Tài khoản"
          columns={accountColumns}
          rows={accounts.data ?? []}
          loading={accounts.loading}
          rowKey={(a) => a.userId}
          stickyHeader
          search={accounts.search}
          filters={
            <FilterSelect
              label="Vai trò"
              value={role}
              onChange={setRole}
              options={[['', 'Tất cả'], ...Object.entries(ROLE_LABELS)]}
            />
          }
          paging={accounts.paging}
          empty={<EmptyState>Không có tài khoản nào khớp.</EmptyState>}
        />
        <CreateAccount
          contestId={contest.id}
          units={all.data.units}
          teams={all.data.teams}
          onCreated={reload}
        />
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

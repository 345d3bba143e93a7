import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '../auth/accounts.service';
import type { Actor } from '../auth/actor';
import { generatePassword } from '../auth/passwords';
import { User } from '../auth/user.entity';
import { SETTINGS, Settings } from '../config/settings';
import { ContestMember } from '../contests/contest-member.entity';
import { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { TeamsService } from '../teams/teams.service';
import { UnitsService } from '../units/units.service';
import { DEMO_CONTEST, DEMO_JUDGES, DEMO_ORGANISER, DEMO_TEAMS, DEMO_UNITS } from './demo-contest';
import { InitialAccountsFile } from './initial-accounts';

export interface SeedResult {
  adminCreated: boolean;
  demoCreated: boolean;
  credentials: { username: string; password: string; role: string }[];
}

/**
 * First start: an administrator (from env, or generated and printed once) and, unless
 * SEED_DEMO=false, the demo contest with its units, 9 teams, 5 judges and team accounts.
 * Runs under an advisory lock in one transaction: two instances starting together seed once.
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger('Seed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly accounts: AccountsService,
    private readonly contests: ContestsService,
    private readonly units: UnitsService,
    private readonly teams: TeamsService,
    private readonly initialAccounts: InitialAccountsFile,
  ) {}

  async run(): Promise<SeedResult> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(724202)');
      const result: SeedResult = { adminCreated: false, demoCreated: false, credentials: [] };
      if ((await em.getRepository(User).count()) > 0) return result;

      const config = this.settings.config;
      const adminPassword = config.ADMIN_PASSWORD ?? generatePassword(16);
      const admin = await this.accounts.createUser(em, {
        username: config.ADMIN_USERNAME ?? 'admin',
        displayName: 'Quản trị hệ thống',
        password: adminPassword,
        isAdmin: true,
        mustChange: config.ADMIN_PASSWORD === undefined,
      });
      result.adminCreated = true;
      if (config.ADMIN_PASSWORD === undefined) {
        result.credentials.push({
          username: admin.username,
          password: adminPassword,
          role: 'admin',
        });
      }
      if (!config.SEED_DEMO || (await em.getRepository(Contest).count()) > 0) return result;

      const actor: Actor = {
        userId: admin.id,
        username: 'system',
        displayName: 'Khởi tạo dữ liệu mẫu',
        isAdmin: true,
        mustChangePassword: false,
        memberships: [],
      };
      const contest = await this.contests.create(actor, DEMO_CONTEST, em);
      await em.insert(ContestMember, {
        contestId: contest.id,
        userId: admin.id,
        role: 'organiser',
      });
      const unitIds = new Map<string, string>();
      for (const unit of DEMO_UNITS) {
        unitIds.set(unit.name, (await this.units.create(actor, contest.id, unit, em)).id);
      }
      const add = async (account: Parameters<AccountsService['createAccount']>[2]) => {
        const { temporaryPassword } = await this.accounts.createAccount(
          actor,
          contest.id,
          account,
          em,
        );
        result.credentials.push({
          username: account.username,
          password: temporaryPassword,
          role: account.role,
        });
      };
      await add({ ...DEMO_ORGANISER, role: 'organiser' });
      for (const judge of DEMO_JUDGES) {
        await add({
          username: judge.username,
          displayName: judge.displayName,
          role: 'judge',
          unitId: unitIds.get(judge.unit)!,
        });
      }
      for (const team of DEMO_TEAMS) {
        const unitName = team.unit;
        const created = await this.teams.create(
          actor,
          contest.id,
          {
            number: team.number,
            name: team.name,
            unitId: unitIds.get(unitName)!,
            members: team.members.map((m) => ({ ...m, unitName })),
          },
          em,
        );
        await add({
          username: `doi${team.number}`,
          displayName: team.name,
          role: 'team',
          teamId: created.id,
        });
      }
      result.demoCreated = true;
      return result;
    });
  }

  /**
   * Printed once, on the start that created the accounts, and kept in
   * DATA_DIR/initial-accounts.txt (0600) until every one of them has changed its password.
   */
  print(result: SeedResult): void {
    if (!result.adminCreated) return;
    this.initialAccounts.write(
      result.credentials,
      result.demoCreated ? DEMO_CONTEST.name : undefined,
    );
    const lines = [
      '',
      '================ TÀI KHOẢN BAN ĐẦU (chỉ hiển thị một lần) ================',
      ...result.credentials.map(
        (c) => `  ${c.role.padEnd(10)} ${c.username.padEnd(14)} ${c.password}`,
      ),
      result.demoCreated ? `  Hội thi mẫu: ${DEMO_CONTEST.name}` : '',
      '  Đổi mật khẩu sau lần đăng nhập đầu tiên: POST /api/auth/password',
      ...(result.credentials.length
        ? [`  Đã lưu vào ${this.initialAccounts.path} (tự xóa khi mọi tài khoản đã đổi mật khẩu)`]
        : []),
      '==========================================================================',
      '',
    ];
    process.stdout.write(lines.join('\n'));
    this.logger.log(
      `first start: admin created${result.demoCreated ? ', demo contest created' : ''}`,
    );
  }
}

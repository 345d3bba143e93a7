import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { ContestMember } from '../contests/contest-member.entity';
import { Team } from '../teams/team.entity';
import { Unit } from '../units/unit.entity';
import { SETTINGS, Settings } from '../config/settings';
import type { Actor, Membership } from './actor';
import { ActorCache } from './actor-cache';
import { ACCOUNT_CHANNEL, notifyAccountChanged } from './account-changes';
import { PgNotifications } from '../database/pg-notifications';
import {
  burnVerification,
  generatePassword,
  hashPassword,
  isTemporaryHash,
  needsRehash,
  verifyPassword,
} from './passwords';
import { type AccountView, type NewAccount, toView } from './account-view';
import { User } from './user.entity';
import { enqueue } from '../notifications/events';
import { saveAddress } from '../notifications/addresses';

@Injectable()
export class AccountsService implements OnModuleInit {
  private readonly callers: ActorCache;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(SETTINGS) settings: Settings,
    private readonly notifications: PgNotifications,
  ) {
    this.callers = new ActorCache(settings.config.AUTH_CALLER_CACHE_MS);
  }

  /** A password change, reset or deactivation on another instance: forget that caller here too. */
  onModuleInit() {
    this.notifications.listen(ACCOUNT_CHANNEL, (userId) => this.callers.forget(userId));
    // notifications may have been missed while reconnecting: the cache is only a few seconds
    // old at most, but start afresh anyway
    this.notifications.onReconnect(() => this.callers.clear());
  }

  /** Checks a username/password pair. Unknown user and wrong password look the same. */
  async authenticate(username: string, password: string): Promise<User | null> {
    // no account has a NUL in its name, and PostgreSQL text cannot hold one: not a query
    if (username.includes('\0')) {
      await burnVerification(password);
      return null;
    }
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!user || user.disabledAt) {
      await burnVerification(password);
      return null;
    }
    if (isTemporaryHash(user.passwordHash)) {
      // Same time as an argon2 check, so timing tells nobody which accounts are still on a
      // temporary password; and a temporary hash is only good until the first change.
      await burnVerification(password);
      if (!user.mustChangePassword) return null;
    }
    if (!(await verifyPassword(user.passwordHash, password))) return null;
    if (needsRehash(user.passwordHash)) await this.rehash(user, password);
    return user;
  }

  /**
   * A hash made with older parameters is replaced by one with today's, now that we know the
   * password. Only if it is still the hash we checked (a password change in between wins);
   * tokens stay valid, since the password itself did not change.
   */
  private async rehash(user: User, password: string): Promise<void> {
    const fresh = await hashPassword(password);
    await this.dataSource.query(
      'UPDATE users SET password_hash = $1 WHERE id = $2 AND password_hash = $3',
      [fresh, user.id, user.passwordHash],
    );
    user.passwordHash = fresh;
  }

  /** The caller behind a token, or null when the account is gone, disabled or the token revoked. */
  async loadActor(userId: string, tokenVersion: number): Promise<Actor | null> {
    const cached = this.callers.get(userId, tokenVersion);
    if (cached) return cached;
    const generation = this.callers.generation(userId);
    // One round trip: the user and all their contest roles.
    const rows: {
      id: string;
      username: string;
      display_name: string;
      is_admin: boolean;
      must_change_password: boolean;
      memberships: Membership[];
    }[] = await this.dataSource.query(
      `SELECT u.id, u.username, u.display_name, u.is_admin, u.must_change_password,
              coalesce(json_agg(json_build_object('contestId', m.contest_id, 'role', m.role,
                       'teamId', m.team_id, 'unitId', m.unit_id)) FILTER (WHERE m.id IS NOT NULL), '[]') AS memberships
         FROM users u LEFT JOIN contest_members m ON m.user_id = u.id
        WHERE u.id = $1 AND u.disabled_at IS NULL AND u.token_version = $2
        GROUP BY u.id`,
      [userId, tokenVersion],
    );
    const user = rows[0];
    if (!user) return null;
    const actor: Actor = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      isAdmin: user.is_admin,
      mustChangePassword: user.must_change_password,
      memberships: user.memberships,
    };
    this.callers.store(userId, tokenVersion, actor, generation);
    return actor;
  }

  async createUser(
    manager: EntityManager,
    input: {
      username: string;
      displayName: string;
      password: string;
      isAdmin?: boolean;
      mustChange?: boolean;
    },
  ): Promise<User> {
    const taken = await manager
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username: input.username })
      .getExists();
    if (taken) {
      throw DomainError.conflict('USERNAME_TAKEN', 'Tên đăng nhập đã được sử dụng.', 'username');
    }
    const user = manager.getRepository(User).create({
      username: input.username,
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      isAdmin: input.isAdmin ?? false,
      mustChangePassword: input.mustChange ?? true,
    });
    return manager.getRepository(User).save(user);
  }

  /** Organisers create judge and team accounts; only an admin creates organisers. */
  async createAccount(
    actor: Actor,
    contestId: string,
    input: NewAccount,
    manager?: EntityManager,
  ): Promise<{ account: AccountView; temporaryPassword: string }> {
    if (input.role === 'organiser' && !actor.isAdmin) {
      throw DomainError.forbidden(
        'ADMIN_ONLY',
        'Chỉ quản trị hệ thống mới tạo được tài khoản Ban tổ chức.',
      );
    }
    const work = async (em: EntityManager) => {
      await this.checkAccountLinks(em, contestId, input);
      const temporaryPassword = generatePassword();
      const user = await this.createUser(em, {
        username: input.username,
        displayName: input.displayName,
        password: temporaryPassword,
      });
      const member = await em.getRepository(ContestMember).save(
        em.getRepository(ContestMember).create({
          contestId,
          userId: user.id,
          role: input.role,
          teamId: input.role === 'team' ? (input.teamId ?? null) : null,
          unitId: input.unitId ?? null,
        }),
      );
      const account = toView(user, member);
      await this.audit.record(em, actor, {
        contestId,
        action: 'account.create',
        entityType: 'account',
        entityId: user.id,
        after: account,
      });
      if (input.email) await saveAddress(em, user.id, input.email); // notifications (issue 25)
      await enqueue(em, { type: 'account.created', contestId, userId: user.id }); // notifications (issue 25)
      return { account, temporaryPassword };
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  private async checkAccountLinks(em: EntityManager, contestId: string, input: NewAccount) {
    if (input.role === 'team') {
      if (!input.teamId) {
        throw DomainError.invalid(
          'TEAM_REQUIRED',
          'Tài khoản đội thi phải gắn với một đội.',
          'teamId',
        );
      }
      const team = await em.getRepository(Team).findOneBy({ id: input.teamId, contestId });
      if (!team)
        throw DomainError.invalid(
          'TEAM_NOT_FOUND',
          'Không tìm thấy đội thi trong hội thi này.',
          'teamId',
        );
      const existing = await em
        .getRepository(ContestMember)
        .findOneBy({ teamId: input.teamId, role: 'team' });
      if (existing) {
        throw DomainError.conflict('TEAM_HAS_ACCOUNT', 'Đội thi này đã có tài khoản.', 'teamId');
      }
    } else if (input.teamId) {
      throw DomainError.invalid(
        'TEAM_NOT_ALLOWED',
        'Chỉ tài khoản đội thi mới gắn với đội.',
        'teamId',
      );
    }
    if (input.unitId) {
      const unit = await em.getRepository(Unit).findOneBy({ id: input.unitId, contestId });
      if (!unit)
        throw DomainError.invalid(
          'UNIT_NOT_FOUND',
          'Không tìm thấy đơn vị trong hội thi này.',
          'unitId',
        );
    }
  }

  async listAccounts(contestId: string): Promise<AccountView[]> {
    const rows = await this.dataSource
      .getRepository(ContestMember)
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.user', 'u')
      .where('m.contest_id = :contestId', { contestId })
      .orderBy('m.role')
      .addOrderBy('u.username')
      .getMany();
    return rows.map((m) => toView(m.user!, m));
  }

  /** Issues a new temporary password; old tokens of that user stop working. */
  async resetPassword(
    actor: Actor,
    contestId: string,
    userId: string,
  ): Promise<{ temporaryPassword: string }> {
    const result = await this.dataSource.transaction(async (em) => {
      const member = await em.getRepository(ContestMember).findOneBy({ contestId, userId });
      if (!member)
        throw DomainError.notFound('ACCOUNT', 'Không tìm thấy tài khoản trong hội thi này.');
      if (member.role === 'organiser' && !actor.isAdmin) {
        throw DomainError.forbidden(
          'ADMIN_ONLY',
          'Chỉ quản trị hệ thống mới đặt lại mật khẩu Ban tổ chức.',
        );
      }
      const temporaryPassword = generatePassword();
      await em
        .getRepository(User)
        .createQueryBuilder()
        .update()
        .set({
          passwordHash: await hashPassword(temporaryPassword),
          mustChangePassword: true,
          tokenVersion: () => 'token_version + 1',
        })
        .where('id = :userId', { userId })
        .execute();
      await notifyAccountChanged(em, userId);
      await this.audit.record(em, actor, {
        contestId,
        action: 'account.reset_password',
        entityType: 'account',
        entityId: userId,
      });
      return { temporaryPassword };
    });
    this.callers.forget(userId); // the user's old tokens stop working now (others: notified)
    return result;
  }

  /**
   * Deactivates (or reactivates) an account, with a reason. Its tokens stop working at once
   * here and on the other instances as soon as they hear the commit (NOTIFY); a reactivated account signs in
   * again (its old tokens stay dead). What the person did (scorecards, reviews) stays.
   */
  async setActive(
    actor: Actor,
    contestId: string,
    userId: string,
    active: boolean,
    reason: string,
  ): Promise<AccountView> {
    const view = await this.dataSource.transaction(async (em) => {
      const member = await em.getRepository(ContestMember).findOneBy({ contestId, userId });
      if (!member)
        throw DomainError.notFound('ACCOUNT', 'Không tìm thấy tài khoản trong hội thi này.');
      const user = await em
        .getRepository(User)
        .createQueryBuilder('u')
        .setLock('pessimistic_write')
        .where('u.id = :userId', { userId })
        .getOneOrFail();
      if (userId === actor.userId)
        throw DomainError.conflict('OWN_ACCOUNT', 'Không thể tự khóa tài khoản của mình.');
      if (!actor.isAdmin) {
        const elsewhere = await em
          .getRepository(ContestMember)
          .createQueryBuilder('m')
          .where('m.user_id = :userId AND m.contest_id <> :contestId', { userId, contestId })
          .getExists();
        if (member.role === 'organiser' || user.isAdmin || elsewhere)
          throw DomainError.forbidden(
            'ADMIN_ONLY',
            'Chỉ quản trị hệ thống mới khóa hoặc mở khóa được tài khoản này.',
          );
      }
      if ((user.disabledAt === null) === active)
        throw DomainError.conflict(
          active ? 'ACCOUNT_ACTIVE' : 'ACCOUNT_DISABLED',
          active ? 'Tài khoản đang hoạt động.' : 'Tài khoản đã bị khóa.',
        );
      await em
        .getRepository(User)
        .createQueryBuilder()
        .update()
        .set(
          active
            ? { disabledAt: null }
            : { disabledAt: () => 'now()', tokenVersion: () => 'token_version + 1' },
        )
        .where('id = :userId', { userId })
        .execute();
      await notifyAccountChanged(em, userId);
      await this.audit.record(em, actor, {
        contestId,
        action: active ? 'account.reactivate' : 'account.deactivate',
        entityType: 'account',
        entityId: userId,
        before: { disabled: active },
        after: { disabled: !active },
        reason,
      });
      return toView({ ...user, disabledAt: active ? null : new Date() } as User, member);
    });
    this.callers.forget(userId); // its tokens stop working now (other instances: notified)
    return view;
  }

  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const user = await this.authenticate(actor.username, currentPassword);
    if (!user || user.id !== actor.userId) {
      throw DomainError.invalid(
        'WRONG_PASSWORD',
        'Mật khẩu hiện tại không đúng.',
        'currentPassword',
      );
    }
    if (newPassword.toLowerCase().includes(actor.username.toLowerCase())) {
      throw DomainError.invalid(
        'PASSWORD_CONTAINS_USERNAME',
        'Mật khẩu mới không được chứa tên đăng nhập.',
        'newPassword',
      );
    }
    if (newPassword === currentPassword) {
      throw DomainError.invalid(
        'PASSWORD_UNCHANGED',
        'Mật khẩu mới phải khác mật khẩu hiện tại.',
        'newPassword',
      );
    }
    await this.dataSource.transaction(async (em) => {
      await em
        .getRepository(User)
        .createQueryBuilder()
        .update()
        .set({
          passwordHash: await hashPassword(newPassword),
          mustChangePassword: false,
          tokenVersion: () => 'token_version + 1',
        })
        .where('id = :id', { id: actor.userId })
        .execute();
      await notifyAccountChanged(em, actor.userId);
      await this.audit.record(em, actor, {
        contestId: null,
        action: 'account.change_password',
        entityType: 'account',
        entityId: actor.userId,
      });
    });
    this.callers.forget(actor.userId); // the user's old tokens stop working now
  }
}

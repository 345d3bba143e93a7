import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { SETTINGS, Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';

/** First key of the two-key advisory lock that serialises one address's attempts. */
const LOGIN_LOCK = 724205;
const EXPIRY_EVERY_MS = 5 * 60_000;

/**
 * Login rate limits, counted in PostgreSQL (table login_attempts) so they hold across app
 * instances and restarts. Two limits, on attempts that did not succeed:
 * - per address and username (LOGIN_RATE_LIMIT per LOGIN_RATE_WINDOW_SECONDS): guessing one
 *   account's password;
 * - per address across all usernames (LOGIN_ADDRESS_RATE_LIMIT per
 *   LOGIN_ADDRESS_RATE_WINDOW_SECONDS, default 30 per 10 minutes): password spraying, one
 *   password tried against many accounts.
 * Successful logins do not count, so a hall of judges behind one Wi-Fi address can all sign
 * in. An attempt is recorded before the password is checked (in the same locked transaction
 * as the count), so parallel requests cannot slip past the limit; the login route marks it
 * succeeded afterwards. Rows older than the longest window are removed every few minutes.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit() {
    this.jobs.every({
      name: 'login-attempts-expiry',
      everyMs: EXPIRY_EVERY_MS,
      run: () => this.expire(),
    });
  }

  /**
   * Refuses with 429 LOGIN_RATE_LIMITED while either limit is reached; otherwise records the
   * attempt and returns its id (to be marked succeeded).
   */
  async admit(address: string, rawUsername: string): Promise<string> {
    const c = this.settings.config;
    // PostgreSQL text cannot hold NUL: such a name (no account has one) is counted as U+FFFD
    const username = rawUsername.replace(/\0/g, '\uFFFD').toLowerCase().slice(0, 200);
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [LOGIN_LOCK, address]);
      const [counts] = (await em.query(
        `SELECT count(*) FILTER (WHERE attempted_at > now() - make_interval(secs => $3))::int AS by_address,
                count(*) FILTER (WHERE username = $2
                                   AND attempted_at > now() - make_interval(secs => $4))::int AS by_account,
                extract(epoch FROM min(attempted_at) FILTER (WHERE attempted_at > now() - make_interval(secs => $3))
                                   + make_interval(secs => $3) - now()) AS address_wait,
                extract(epoch FROM min(attempted_at) FILTER (WHERE username = $2
                                   AND attempted_at > now() - make_interval(secs => $4))
                                   + make_interval(secs => $4) - now()) AS account_wait
           FROM login_attempts
          WHERE address = $1 AND NOT succeeded
            AND attempted_at > now() - make_interval(secs => greatest($3, $4))`,
        [address, username, c.LOGIN_ADDRESS_RATE_WINDOW_SECONDS, c.LOGIN_RATE_WINDOW_SECONDS],
      )) as {
        by_address: number;
        by_account: number;
        address_wait: string | null;
        account_wait: string | null;
      }[];
      const waits = [
        counts!.by_address >= c.LOGIN_ADDRESS_RATE_LIMIT ? Number(counts!.address_wait) : 0,
        counts!.by_account >= c.LOGIN_RATE_LIMIT ? Number(counts!.account_wait) : 0,
      ];
      const wait = Math.max(...waits);
      if (wait > 0)
        throw new DomainError(
          'rate_limited',
          'LOGIN_RATE_LIMITED',
          'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.',
          [],
          { retryAfterSeconds: Math.max(1, Math.ceil(wait)) },
        );
      const [row] = (await em.query(
        `INSERT INTO login_attempts (address, username) VALUES ($1, $2) RETURNING id`,
        [address, username],
      )) as { id: string }[];
      return row!.id;
    });
  }

  async succeeded(attemptId: string): Promise<void> {
    await this.dataSource.query(`UPDATE login_attempts SET succeeded = true WHERE id = $1`, [
      attemptId,
    ]);
  }

  /** Removes attempts older than the longest window; returns how many. */
  async expire(): Promise<number> {
    const c = this.settings.config;
    const keep = Math.max(c.LOGIN_RATE_WINDOW_SECONDS, c.LOGIN_ADDRESS_RATE_WINDOW_SECONDS);
    const [, count] = (await this.dataSource.query(
      `DELETE FROM login_attempts WHERE attempted_at < now() - make_interval(secs => $1)`,
      [keep],
    )) as [unknown, number];
    return count;
  }
}

import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { SETTINGS, Settings } from '../config/settings';
import { JobScheduler } from '../jobs/job-scheduler';

export interface InitialCredential {
  username: string;
  password: string;
  role: string;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * The passwords made on the first start, kept in `DATA_DIR/initial-accounts.txt` (mode 0600)
 * so they do not scroll away with the console. The file is written once and deleted as soon as
 * every account it lists has had its password changed (by its owner, or reset by an
 * organiser): checked at every start and once a minute.
 *
 * "Changed" is read from `token_version`, which starts at 0 and is raised by every password
 * change or reset, and by nothing else.
 */
@Injectable()
export class InitialAccountsFile implements OnApplicationBootstrap {
  private readonly logger = new Logger('InitialAccounts');
  readonly path: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(SETTINGS) settings: Settings,
    private readonly jobs: JobScheduler,
  ) {
    this.path = join(settings.dataDir, 'initial-accounts.txt');
  }

  /** Written once: an existing file (from an earlier start) is left as it is. */
  write(credentials: InitialCredential[], contestName?: string): void {
    if (credentials.length === 0 || existsSync(this.path)) return;
    const lines = [
      '# Tài khoản ban đầu / initial accounts',
      '# Tệp này tự xóa khi mọi tài khoản dưới đây đã đổi mật khẩu.',
      '# Deleted automatically once every account below has changed its password.',
      ...(contestName ? [`# Hội thi mẫu: ${contestName}`] : []),
      '# vai trò\ttên đăng nhập\tmật khẩu',
      ...credentials.map((c) => `${c.role}\t${c.username}\t${c.password}`),
      '',
    ];
    writeFileSync(this.path, lines.join('\n'), { mode: 0o600, flag: 'wx' });
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Deletes the file when no listed account still has its initial password. */
  async sweep(): Promise<boolean> {
    if (!existsSync(this.path)) return false;
    const usernames = readFileSync(this.path, 'utf8')
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split('\t')[1]?.toLowerCase())
      .filter((name): name is string => Boolean(name));
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM users
        WHERE lower(username) = ANY($1) AND token_version = 0 AND disabled_at IS NULL`,
      [usernames],
    )) as { n: number }[];
    if (n > 0) return false;
    rmSync(this.path, { force: true });
    this.logger.log(`every initial password has been changed: ${this.path} deleted`);
    return true;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.sweep().catch(() => undefined);
    // every instance: the file is in this instance's DATA_DIR
    this.jobs.every({
      name: 'initial-accounts-file',
      everyMs: SWEEP_INTERVAL_MS,
      scope: 'instance',
      run: () => this.sweep().catch(() => undefined),
    });
  }
}

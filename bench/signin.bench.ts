import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startServerProcess } from './server-process';
import { fmt } from './support';

const SIGN_INS = 20;
const ROUNDS = 5;
const BUDGET_MS = 1500;
const BUDGET_RSS_MB = 250;
const MiB = 1024 * 1024;
/** A hash written by the earlier `argon2` package (64 MiB, 3 passes, 4 lanes). */
const LEGACY = {
  password: 'mat-khau-cu-2022',
  hash: '$argon2id$v=19$m=65536,p=4,t=3$pGeckvxo5l+ngyaEtuEGUg$L+dIgvWIH/3NwNudWusNq/hINDlrAdlNxxhXCfcosQA',
};

/**
 * A hall of judges opening their tablets at the same moment: 20 sign-ins sent together to a
 * server in its own process. Measured per round: time until the last of the 20 is answered,
 * and the server's RSS growth during the round (peak, sampled from /proc every 5 ms, minus
 * the RSS before). Budget: all 20 within 1,5 s, RSS growth under 250 MB. Then, for
 * information only, the one-time round where every account still has a hash of the earlier
 * argon2 package (verified at its 64 MiB cost, then rehashed).
 */
export async function runSignInBench(): Promise<void> {
  const proc = await startServerProcess();
  const { api, sql } = proc;
  try {
    const admin = await api.login('admin', 'bench-password-1');
    const contestId = (await sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
      .rows[0].id as string;
    const accounts: { username: string; password: string }[] = [];
    for (let i = 0; i < SIGN_INS; i++) {
      const created = await api.call('POST', `/api/contests/${contestId}/accounts`, admin, {
        username: `bench.gk${i}`,
        displayName: `Giám khảo ${i}`,
        role: 'judge',
      });
      if (created.status !== 201) throw new Error(`account: ${created.status}`);
      accounts.push({
        username: `bench.gk${i}`,
        password: created.body.temporaryPassword as string,
      });
    }
    await api.login(accounts[0]!.username, accounts[0]!.password); // warm-up

    console.log(`\n== Sign-in storm benchmark (${SIGN_INS} sign-ins at once, ${ROUNDS} rounds) ==`);
    const storm = async (list: typeof accounts) => {
      const before = proc.rssMiB();
      resetPeak(proc.server.pid!);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, proc.rssMiB())), 5);
      const started = performance.now();
      const times = await Promise.all(
        list.map(async (a) => {
          await api.login(a.username, a.password);
          return performance.now() - started;
        }),
      );
      clearInterval(sampler);
      peak = Math.max(peak, proc.peakMiB());
      times.sort((x, y) => x - y);
      return { before, growth: peak - before, p50: times[times.length >> 1]!, last: times.at(-1)! };
    };
    const rounds = [];
    for (let r = 1; r <= ROUNDS; r++) {
      const round = await storm(accounts);
      rounds.push(round);
      console.log(
        `round ${r}: last answer ${fmt(round.last, 0)} ms (p50 ${fmt(round.p50, 0)} ms); ` +
          `RSS ${fmt(round.before, 0)} MiB before, +${fmt(round.growth, 1)} MiB peak growth`,
      );
    }
    const worst = Math.max(...rounds.map((r) => r.last));
    const growth = Math.max(...rounds.map((r) => r.growth)) * (MiB / 1e6);
    console.log(
      `targets: ${SIGN_INS} sign-ins within ${fmt(BUDGET_MS, 0)} ms → worst round ${fmt(worst, 0)} ms ` +
        `(${fmt(worst / BUDGET_MS, 2)}× budget) ${worst < BUDGET_MS ? 'MET' : 'NOT MET'}; ` +
        `RSS growth < ${BUDGET_RSS_MB} MB → ${fmt(growth, 0)} MB (${fmt(growth / BUDGET_RSS_MB, 2)}× budget) ` +
        `${growth < BUDGET_RSS_MB ? 'MET' : 'NOT MET'}`,
    );

    // every account back to a hash of the earlier package: the first sign-in after the upgrade
    await sql.query(`UPDATE users SET password_hash = $1 WHERE username LIKE 'bench.gk%'`, [
      LEGACY.hash,
    ]);
    const legacy = await storm(accounts.map((a) => ({ ...a, password: LEGACY.password })));
    const rehashed = await sql.query(
      `SELECT count(*)::int AS n FROM users WHERE username LIKE 'bench.gk%' AND password_hash LIKE '$argon2id$v=19$m=19456,t=2,p=1$%'`,
    );
    console.log(
      `once, after the upgrade (earlier 64 MiB hashes, verified then rehashed; not budgeted): ` +
        `last answer ${fmt(legacy.last, 0)} ms (p50 ${fmt(legacy.p50, 0)} ms), RSS +${fmt(legacy.growth, 1)} MiB; ` +
        `${rehashed.rows[0].n} of ${SIGN_INS} rehashed`,
    );
  } finally {
    await proc.close();
  }
}

/** Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM). */
function resetPeak(pid: number): void {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    readFileSync(`/proc/${pid}/status`);
  } catch {
    // not allowed here: the 5 ms sampling still sees the peak
  }
}

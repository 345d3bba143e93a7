import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createScratchDatabase, ScratchDatabase } from './support/database';
import { runMigrations } from '../src/database/data-source';
import { JOB_LOCK, JobScheduler, type PeriodicJob } from '../src/jobs/job-scheduler';

/** Two schedulers stand for two app instances on one real PostgreSQL. */
describe('JobScheduler', () => {
  let db: ScratchDatabase;
  const sources: DataSource[] = [];

  const sourceOf = new Map<JobScheduler, DataSource>();

  async function instance(): Promise<JobScheduler> {
    const source = new DataSource({ type: 'postgres', url: db.url, poolSize: 3 });
    await source.initialize();
    sources.push(source);
    const scheduler = new JobScheduler(source);
    sourceOf.set(scheduler, source);
    return scheduler;
  }

  beforeAll(async () => {
    db = await createScratchDatabase('jobs');
    await runMigrations(db.url); // job_leases
  });
  afterAll(async () => {
    for (const source of sources) await source.destroy();
    await db.drop();
  });

  function gate() {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    return { open, opened };
  }

  /**
   * Two instances scheduling the same job, which records who runs it then waits for `release`;
   * `a` has ticked it and is inside its run (`first` ends with that run).
   */
  async function aRunning(job: Omit<PeriodicJob, 'everyMs' | 'run'>) {
    const [a, b] = [await instance(), await instance()];
    const release = gate();
    const runs: string[] = [];
    for (const [scheduler, who] of [
      [a, 'a'],
      [b, 'b'],
    ] as const)
      scheduler.every({
        everyMs: 3_600_000,
        ...job,
        run: async () => {
          runs.push(who);
          await release.opened;
        },
      });
    const first = a.tick(job.name);
    while (runs.length === 0) await new Promise((r) => setTimeout(r, 10));
    return { a, b, runs, release, first };
  }

  it('runs a cluster job on one instance at a time; the other skips its tick', async () => {
    const { a, b, runs, release, first } = await aRunning({ name: 'only-once' });
    await b.tick('only-once'); // a holds the lock: b returns without running
    expect(runs).toEqual(['a']);
    release.open();
    await first;
    await b.tick('only-once'); // free again: b may run it now
    expect(runs).toEqual(['a', 'b']);
    await Promise.all([a.onModuleDestroy(), b.onModuleDestroy()]);
  });

  it('runs an instance job on every instance, never two runs at once on one', async () => {
    const [a, b] = [await instance(), await instance()];
    let running = 0;
    let most = 0;
    const runs: string[] = [];
    const job = (who: string) => ({
      name: 'each',
      everyMs: 3_600_000,
      scope: 'instance' as const,
      run: async () => {
        runs.push(who);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 50));
        running--;
      },
    });
    a.every(job('a'));
    b.every(job('b'));
    await Promise.all([a.tick('each'), a.tick('each'), b.tick('each')]);
    expect(runs.sort()).toEqual(['a', 'b']);
    expect(most).toBe(2); // one on each instance
    await Promise.all([a.onModuleDestroy(), b.onModuleDestroy()]);
  });

  it('ticks on its interval, survives a failing run, and stops cleanly', async () => {
    const a = await instance();
    let runs = 0;
    a.every({
      name: 'ticking',
      everyMs: 20,
      run: async () => {
        runs++;
        if (runs === 1) throw new Error('first run fails');
      },
    });
    while (runs < 3) await new Promise((r) => setTimeout(r, 10));
    await a.onModuleDestroy();
    const after = runs;
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toBe(after);
    await a.tick('ticking'); // stopped: nothing runs
    expect(runs).toBe(after);
  });

  it('waits for a running job at shutdown and releases its lock', async () => {
    const [a, b] = [await instance(), await instance()];
    const release = gate();
    let finished = false;
    a.every({
      name: 'long',
      everyMs: 3_600_000,
      run: async () => {
        await release.opened;
        finished = true;
      },
    });
    void a.tick('long');
    await new Promise((r) => setTimeout(r, 50));
    const stopping = a.onModuleDestroy();
    setTimeout(release.open, 50);
    await stopping;
    expect(finished).toBe(true);
    let ran = false;
    b.every({ name: 'long', everyMs: 3_600_000, run: async () => void (ran = true) });
    await b.tick('long');
    expect(ran).toBe(true);
    await b.onModuleDestroy();
  });

  it('runs a lease job on one instance at a time, holding no pooled connection while it runs', async () => {
    const { a, b, runs, release, first } = await aRunning({ name: 'leased', scope: 'lease' });
    await b.tick('leased'); // a holds the lease: b returns without running
    expect(runs).toEqual(['a']);
    // a's job is waiting (as on Facebook): none of a's connections is taken, no lock is held
    const pool = (sourceOf.get(a)!.driver as unknown as { master: Pool }).master;
    const locks = await sourceOf
      .get(b)!
      .query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1`,
        [JOB_LOCK],
      );
    expect({ inUse: pool.totalCount - pool.idleCount, locks: locks[0].n }).toEqual({
      inUse: 0,
      locks: 0,
    });
    release.open();
    await first;
    await b.tick('leased'); // released: b may run it now
    expect(runs).toEqual(['a', 'b']);
    expect(await sourceOf.get(b)!.query(`SELECT * FROM job_leases WHERE name = 'leased'`)).toEqual(
      [],
    );
    await Promise.all([a.onModuleDestroy(), b.onModuleDestroy()]);
  });

  it('renews a running lease, and takes over one that lapsed (its instance died)', async () => {
    // an instance that died mid-run left its lease behind; it lapsed a second ago
    await sources[0]!.query(
      `INSERT INTO job_leases (name, holder, expires_at)
       VALUES ('renewed', gen_random_uuid(), now() - interval '1 second')`,
    );
    const { a, b, runs, release, first } = await aRunning({
      name: 'renewed',
      scope: 'lease',
      leaseMs: 1_000,
    });
    const expiry = async () =>
      (
        (await sourceOf
          .get(b)!
          .query(`SELECT expires_at FROM job_leases WHERE name = 'renewed'`)) as {
          expires_at: Date;
        }[]
      )[0]!.expires_at.getTime();
    const claimed = await expiry();
    // two and a half lease lengths later a is still at work: renewed, so b still skips
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await expiry()).toBeGreaterThan(claimed + 1_000);
    await b.tick('renewed');
    expect(runs).toEqual(['a']);
    release.open();
    await first;
    await Promise.all([a.onModuleDestroy(), b.onModuleDestroy()]);
  });
});

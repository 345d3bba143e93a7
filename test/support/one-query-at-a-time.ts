import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { FifoLimiter } from '../../src/auth/fifo-limiter';

/**
 * TypeORM 1.1's schema diff (`createSchemaBuilder().log()`) reads the tables with
 * PostgresQueryRunner.loadTables, which looks up the type of every array or enum column at
 * the same time (`Promise.all` over the columns → getUserDefinedTypeName), all on the query
 * runner's single connection. pg 8 then warns "Calling client.query() when the client is
 * already executing a query is deprecated" (pg 9 will refuse). Our snapshot tables have array
 * columns, so the schema test hit it. We cannot change TypeORM's loop; we change how we call
 * it: the query runners of this DataSource send one query at a time, the rest wait in order.
 */
export function oneQueryAtATime(dataSource: DataSource): DataSource {
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (...args: Parameters<DataSource['createQueryRunner']>) => {
    const runner = create(...args);
    const query = runner.query.bind(runner);
    const limiter = new FifoLimiter(1);
    runner.query = ((...queryArgs: Parameters<typeof query>) =>
      limiter.run(() => query(...queryArgs))) as typeof runner.query;
    return runner;
  };
  return dataSource;
}

/**
 * Counts queries sent on a pg connection while another query of the same connection was
 * still running: exactly what pg 8 warns about. Call the returned function to stop counting.
 */
export function countOverlappingQueries(): { overlaps: () => number; stop: () => void } {
  const original = Client.prototype.query;
  const running = new WeakMap<object, number>();
  let overlaps = 0;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    const now = running.get(this) ?? 0;
    if (now > 0) overlaps++;
    running.set(this, now + 1);
    const done = () => running.set(this, (running.get(this) ?? 1) - 1);
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    else done(); // callback or stream style: not used by TypeORM, counted as instantaneous
    return result;
  } as typeof original;
  return { overlaps: () => overlaps, stop: () => (Client.prototype.query = original) };
}

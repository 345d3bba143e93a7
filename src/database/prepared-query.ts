import type { Pool } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs a statement as a named prepared statement on the pool TypeORM already holds: PostgreSQL
 * parses and plans it once per connection instead of on every request. For the few hot
 * statements only (the judges' autosave); `name` must always come with the same `text`.
 * Errors are wrapped like TypeORM's own, so the HTTP error mapping treats them the same.
 */
export async function preparedQuery<Row>(
  dataSource: DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<Row[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  try {
    return (await pool.query({ name, text, values })).rows as Row[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  }
}

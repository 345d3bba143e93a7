import type { DataSource, EntityManager } from 'typeorm';
import type { Entry } from '../entries/entry.entity';

type Db = Pick<DataSource | EntityManager, 'query'>;

/**
 * The entries a judge sees: approved and published ones; once the contest judges by panels
 * (a committed plan), only those of the judge's own panels. The entry reads and the file
 * downloads both ask here, so the rule lives in one place.
 *
 * Returns null when every judge sees every approved entry (no committed panel plan).
 */
export async function panelEntriesOf(
  db: Db,
  contestId: string,
  judgeId: string,
): Promise<Set<string> | null> {
  const plans: unknown[] = await db.query(
    `SELECT 1 FROM judging_panel_plans WHERE contest_id = $1 AND status = 'committed'`,
    [contestId],
  );
  if (plans.length === 0) return null;
  const rows: { entry_id: string }[] = await db.query(
    `SELECT entry_id FROM judge_assignments WHERE contest_id = $1 AND judge_id = $2`,
    [contestId, judgeId],
  );
  return new Set(rows.map((r) => r.entry_id));
}

/** May this judge see this entry (and so its files)? */
export async function judgeMaySee(
  db: Db,
  contestId: string,
  judgeId: string,
  entry: Pick<Entry, 'id' | 'status'>,
): Promise<boolean> {
  if (entry.status !== 'approved' && entry.status !== 'published') return false;
  const mine = await panelEntriesOf(db, contestId, judgeId);
  return mine === null || mine.has(entry.id);
}

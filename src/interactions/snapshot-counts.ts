import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AUDIT_COLUMNS, auditRow, auditValues } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import type { CountColumns } from './counts';
import type { SnapshotSource } from './interaction-snapshot.entity';

export interface NewSnapshot {
  takenAt: Date;
  source: SnapshotSource;
  fileSha256: string;
  fileName: string | null;
  /** One per entry (`toColumns`). */
  counts: CountColumns;
}

/** At most this many snapshots per statement (22 parameters each, PostgreSQL allows 65.535). */
const SNAPSHOTS_PER_STATEMENT = 1000;

/**
 * The one writer of snapshots (file and form imports, fanpage readings): each snapshot is one
 * row with its counts as four parallel arrays (migration 1763970000000) and its audit row,
 * written in one statement per thousand snapshots, in the caller's transaction: one round trip
 * for a file of many readings, and the database checks the entries once per distinct list of
 * them (1763980000000). A snapshot never exists without its counts nor without its audit row.
 * No actor: written by the platform itself (a scheduled fanpage reading). Returns the new ids,
 * in order.
 */
export async function storeSnapshots(
  em: EntityManager,
  actor: Actor | null,
  contest: { id: string },
  snapshots: readonly NewSnapshot[],
): Promise<string[]> {
  const ids = snapshots.map(() => randomUUID());
  for (let from = 0; from < snapshots.length; from += SNAPSHOTS_PER_STATEMENT) {
    const values: unknown[] = [];
    const add = (value: unknown) => `$${values.push(value)}`;
    const rows: string[] = [];
    const audits: string[] = [];
    snapshots.slice(from, from + SNAPSHOTS_PER_STATEMENT).forEach((s, k) => {
      const id = ids[from + k]!;
      const c = s.counts;
      rows.push(
        `(${add(id)}::uuid, ${add(contest.id)}::uuid, ${add(s.takenAt)}::timestamptz, ${add(s.source)},
          ${add(s.fileSha256)}, ${add(s.fileName)}, ${add(c.rows)}::int, ${add(actor?.userId ?? null)}::uuid,
          ${add(c.entryIds)}::uuid[], ${add(c.reactions)}::int[], ${add(c.shares)}::int[],
          ${add(c.comments)}::int[])`,
      );
      const { takenAt, source, fileSha256, fileName } = s;
      const audit = auditRow(actor, {
        contestId: contest.id,
        action: 'interactions.snapshot',
        entityType: 'interaction_snapshot',
        entityId: id,
        after: { takenAt, source, fileSha256, fileName, rows: c.rows },
      });
      audits.push(`(${auditValues(audit).map(add).join(', ')})`);
    });
    await em.query(
      `WITH snapshots AS (
         INSERT INTO interaction_snapshots
           (id, contest_id, taken_at, source, file_sha256, file_name, row_count, created_by,
            entry_ids, reactions, shares, comments)
         VALUES ${rows.join(', ')})
       INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ${audits.join(', ')}`,
      values,
    );
  }
  return ids;
}

/**
 * The one reader of stored counts: the given snapshots' arrays as text, by snapshot id (a
 * snapshot not found has none). `fromColumns` turns them into counts by entry id, here or in
 * the import's worker.
 */
export async function readCountColumns(
  em: EntityManager,
  snapshotIds: readonly string[],
): Promise<Map<string, CountColumns>> {
  if (!snapshotIds.length) return new Map();
  const rows = (await em.query(
    `SELECT id, row_count AS rows, entry_ids::text AS "entryIds", reactions::text AS reactions,
            shares::text AS shares, comments::text AS comments
       FROM interaction_snapshots WHERE id = ANY ($1::uuid[])`,
    [snapshotIds],
  )) as ({ id: string } & CountColumns)[];
  return new Map(rows.map(({ id, ...columns }) => [id, columns]));
}

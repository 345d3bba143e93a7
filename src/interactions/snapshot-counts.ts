import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AUDIT_COLUMNS, type AuditRow, auditRow, auditValues } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import type { Contest } from '../contests/contest.entity';
import { type CountColumns, type EntryCounts, fromColumns } from './count-columns-text';
import type { SnapshotSource } from './interaction-snapshot.entity';

export type { EntryCounts } from './count-columns-text';

export interface NewSnapshot {
  contestId: string;
  takenAt: Date;
  source: SnapshotSource;
  fileSha256: string;
  fileName: string | null;
  createdBy: string | null;
  /** One per entry, in the order they are stored (`toColumns`). */
  counts: CountColumns;
}

/** At most this many snapshots per statement (22 parameters each, PostgreSQL allows 65.535). */
const SNAPSHOTS_PER_STATEMENT = 1000;

/**
 * Stores snapshots with their counts, one row each (the counts as four parallel arrays, see the
 * 1763970000000 migration), and each one's audit row, in one statement per thousand snapshots:
 * one round trip for a file of many readings, and the database checks the entries once per
 * distinct list of them (1763980000000). A snapshot never exists without its counts, nor
 * without its audit row. Returns the new ids, in order.
 */
export async function insertSnapshots(
  em: EntityManager,
  snapshots: readonly NewSnapshot[],
  audit: (snapshot: NewSnapshot, snapshotId: string) => AuditRow,
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
        `(${add(id)}::uuid, ${add(s.contestId)}::uuid, ${add(s.takenAt)}::timestamptz, ${add(s.source)},
          ${add(s.fileSha256)}, ${add(s.fileName)}, ${add(c.rows)}::int, ${add(s.createdBy)}::uuid,
          ${add(c.entryIds)}::uuid[], ${add(c.reactions)}::int[], ${add(c.shares)}::int[],
          ${add(c.comments)}::int[])`,
      );
      audits.push(`(${auditValues(audit(s, id)).map(add).join(', ')})`);
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

/** The counts of the given snapshots as stored (array text), by snapshot id. */
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

/** The counts of the given snapshots, by snapshot id (a snapshot not found has no entry). */
export async function readCounts(
  em: EntityManager,
  snapshotIds: readonly string[],
): Promise<Map<string, EntryCounts[]>> {
  const columns = await readCountColumns(em, snapshotIds);
  return new Map([...columns].map(([id, c]) => [id, fromColumns(c)]));
}

/** The counts of one snapshot (none for no snapshot). */
export async function snapshotCounts(
  em: EntityManager,
  snapshotId: string | null,
): Promise<EntryCounts[]> {
  return snapshotId ? ((await readCounts(em, [snapshotId])).get(snapshotId) ?? []) : [];
}

/**
 * The snapshots and their audit rows, in the caller's transaction; their ids in order. No
 * actor: written by the platform itself (a scheduled fanpage reading).
 */
export function storeSnapshots(
  em: EntityManager,
  actor: Actor | null,
  contest: Contest,
  snapshots: Omit<NewSnapshot, 'contestId' | 'createdBy'>[],
): Promise<string[]> {
  return insertSnapshots(
    em,
    snapshots.map((s) => ({ ...s, contestId: contest.id, createdBy: actor?.userId ?? null })),
    (s, snapshotId) =>
      auditRow(actor, {
        contestId: contest.id,
        action: 'interactions.snapshot',
        entityType: 'interaction_snapshot',
        entityId: snapshotId,
        after: {
          takenAt: s.takenAt,
          source: s.source,
          fileSha256: s.fileSha256,
          fileName: s.fileName,
          rows: s.counts.rows,
        },
      }),
  );
}

import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { insertAudits } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { type CountColumns, type EntryCounts, fromColumns } from './counts';
import type { SnapshotSource } from './interaction-snapshot.entity';

export interface NewSnapshot {
  takenAt: Date;
  source: SnapshotSource;
  fileSha256: string;
  fileName: string | null;
  /** One per entry (`toColumns`). */
  counts: CountColumns;
}

/**
 * The one writer of snapshots (file and form imports, fanpage readings): each snapshot is one
 * row with its counts as four parallel arrays (migration 1763970000000), all of them written
 * by one statement in the caller's transaction (the database checks the entries once per
 * distinct list of them, 1763980000000), then their audit rows. A snapshot never exists
 * without its counts nor without its audit row. No actor: written by the platform itself (a
 * scheduled fanpage reading). Returns the new ids, in order.
 */
export async function storeSnapshots(
  em: EntityManager,
  actor: Actor | null,
  contest: { id: string },
  snapshots: readonly NewSnapshot[],
): Promise<string[]> {
  const ids = snapshots.map(() => randomUUID());
  const counts = snapshots.map((s) => s.counts);
  await em.query(
    `INSERT INTO interaction_snapshots
       (id, contest_id, taken_at, source, file_sha256, file_name, row_count, created_by,
        entry_ids, reactions, shares, comments)
     SELECT id, $2, taken_at, source, file_sha256, file_name, row_count, $3,
            entry_ids::uuid[], reactions::int[], shares::int[], comments::int[]
       FROM unnest($1::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::int[],
                   $9::text[], $10::text[], $11::text[], $12::text[])
         AS s (id, taken_at, source, file_sha256, file_name, row_count,
               entry_ids, reactions, shares, comments)`,
    [
      ids,
      contest.id,
      actor?.userId ?? null,
      snapshots.map((s) => s.takenAt),
      snapshots.map((s) => s.source),
      snapshots.map((s) => s.fileSha256),
      snapshots.map((s) => s.fileName),
      counts.map((c) => c.rows),
      counts.map((c) => c.entryIds),
      counts.map((c) => c.reactions),
      counts.map((c) => c.shares),
      counts.map((c) => c.comments),
    ],
  );
  await insertAudits(
    em,
    actor,
    snapshots.map(({ takenAt, source, fileSha256, fileName, counts }, i) => ({
      contestId: contest.id,
      action: 'interactions.snapshot',
      entityType: 'interaction_snapshot',
      entityId: ids[i]!,
      after: { takenAt, source, fileSha256, fileName, rows: counts.rows },
    })),
  );
  return ids;
}

/** A snapshot's counts as text (`CountColumns`), in a SELECT from interaction_snapshots. */
export const COUNT_COLUMNS = `row_count AS rows, entry_ids::text AS "entryIds",
  reactions::text AS reactions, shares::text AS shares, comments::text AS comments`;

/** The one reader of stored counts: the given snapshots' counts, by snapshot id. */
export async function readCounts(
  em: EntityManager,
  snapshotIds: readonly string[],
): Promise<Map<string, EntryCounts[]>> {
  const rows = (await em.query(
    `SELECT id, ${COUNT_COLUMNS} FROM interaction_snapshots WHERE id = ANY ($1::uuid[])`,
    [snapshotIds],
  )) as ({ id: string } & CountColumns)[];
  return new Map(rows.map(({ id, ...columns }) => [id, fromColumns(columns)]));
}

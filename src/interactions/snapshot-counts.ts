import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AUDIT_COLUMNS, type AuditRow, auditValues } from '../audit/audit.service';
import { type EntryIdTable, uuidArrayParameter } from './entry-id-table';
import type { Counts } from './match-rows';
import { CountsByEntry, noCounts } from './reading';
import type { SnapshotSource } from './interaction-snapshot.entity';

/** One entry's counts in one snapshot. */
export interface EntryCounts extends Counts {
  entryId: string;
}

/** The counts of one snapshot, column by column (position i is one entry's row). */
export interface CountColumns {
  entries: EntryIdTable;
  /** Each row's entry, as its position in `entries`. */
  entry: IntColumn;
  reactions: IntColumn;
  shares: IntColumn;
  comments: IntColumn;
}
type IntColumn = readonly number[] | Int32Array;

export interface NewSnapshot {
  contestId: string;
  takenAt: Date;
  source: SnapshotSource;
  fileSha256: string;
  fileName: string | null;
  createdBy: string | null;
  counts: CountColumns;
}

/** At most this many snapshots per statement (22 parameters each, PostgreSQL allows 65.535). */
const SNAPSHOTS_PER_STATEMENT = 1000;

/**
 * Stores snapshots with their counts, one row each, and each one's audit row, in one statement
 * per thousand snapshots: one round trip for a file of many readings, and the database checks
 * the entries once per distinct list of them (see the 1763980000000 migration). A snapshot
 * never exists without its counts, nor without its audit row. Returns the new ids, in order.
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
      const { counts } = s;
      const entryIds = uuidArrayParameter(counts.entries, counts.entry);
      rows.push(
        `(${add(id)}::uuid, ${add(s.contestId)}::uuid, ${add(s.takenAt)}::timestamptz, ${add(s.source)},
          ${add(s.fileSha256)}, ${add(s.fileName)}, ${add(counts.entry.length)}::int, ${add(s.createdBy)}::uuid,
          ${add(entryIds)}::uuid[], ${add(intArray(counts.reactions))}::int[],
          ${add(intArray(counts.shares))}::int[], ${add(intArray(counts.comments))}::int[])`,
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

/** The counts of the given snapshots, by snapshot id (a snapshot not found has no entry). */
export async function readCounts(
  em: EntityManager,
  snapshotIds: readonly string[],
): Promise<Map<string, EntryCounts[]>> {
  if (!snapshotIds.length) return new Map();
  const rows = (await em.query(
    `SELECT id, ${COUNTS_AS_TEXT} FROM interaction_snapshots WHERE id = ANY ($1::uuid[])`,
    [snapshotIds],
  )) as ({ id: string } & CountsText)[];
  return new Map(rows.map((r) => [r.id, fromText(r)]));
}

/** The counts of one snapshot (none for no snapshot). */
export async function snapshotCounts(
  em: EntityManager,
  snapshotId: string | null,
): Promise<EntryCounts[]> {
  return snapshotId ? ((await readCounts(em, [snapshotId])).get(snapshotId) ?? []) : [];
}

/**
 * The arrays are read as comma-separated text and split here: for 10.000 elements that is
 * several times cheaper than the driver's generic array parser.
 */
const COUNTS_AS_TEXT = ['entry_ids', 'reactions', 'shares', 'comments']
  .map((c) => `array_to_string(${c}, ',') AS ${c}`)
  .join(', ');

interface CountsText {
  entry_ids: string;
  reactions: string;
  shares: string;
  comments: string;
}

function fromText(row: CountsText): EntryCounts[] {
  if (row.entry_ids === '') return [];
  const ids = row.entry_ids.split(',');
  const reactions = row.reactions.split(',');
  const shares = row.shares.split(',');
  const comments = row.comments.split(',');
  const out: EntryCounts[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++)
    out[i] = {
      entryId: ids[i]!,
      reactions: Number(reactions[i]),
      shares: Number(shares[i]),
      comments: Number(comments[i]),
    };
  return out;
}

/**
 * The counts of the given snapshots, by snapshot id, laid out by position in `entries` (-1
 * for an entry a snapshot has no row for; rows of entries not in the list are skipped). The
 * arrays come in PostgreSQL's binary array format (`array_send`): no uuid or integer is
 * formatted as text by the database nor parsed back here, and no object is made per row.
 * A snapshot that lists exactly these entries in this order (the usual case: files list the
 * entries by team number, as `entries` is) does not send its ids at all.
 */
export async function readCountsByEntry(
  em: EntityManager,
  snapshotIds: readonly string[],
  entries: EntryIdTable,
): Promise<Map<string, CountsByEntry>> {
  if (!snapshotIds.length) return new Map();
  const rows = (await em.query(
    `SELECT id, CASE WHEN entry_ids = $2::uuid[] THEN NULL ELSE array_send(entry_ids) END AS entry_ids,
            array_send(reactions) AS reactions, array_send(shares) AS shares,
            array_send(comments) AS comments
       FROM interaction_snapshots WHERE id = ANY ($1::uuid[])`,
    [snapshotIds, entries.arrayParameter()],
  )) as {
    id: string;
    entry_ids: Buffer | null;
    reactions: Buffer;
    shares: Buffer;
    comments: Buffer;
  }[];
  const result = new Map<string, CountsByEntry>();
  for (const row of rows) {
    const reactions = binaryArray(row.reactions, 4);
    const shares = binaryArray(row.shares, 4);
    const comments = binaryArray(row.comments, 4);
    const ids = row.entry_ids ? binaryArray(row.entry_ids, 16) : null;
    if ((ids?.length ?? entries.size) !== reactions.length)
      throw new Error(`snapshot ${row.id}: ids and counts differ in length`);
    const counts = noCounts(entries.size);
    for (let i = 0; i < reactions.length; i++) {
      const e = ids ? entries.find(row.entry_ids!, ids.at(i), i) : i;
      if (e === -1) continue;
      counts.reactions[e] = row.reactions.readInt32BE(reactions.at(i));
      counts.shares[e] = row.shares.readInt32BE(shares.at(i));
      counts.comments[e] = row.comments.readInt32BE(comments.at(i));
    }
    result.set(row.id, counts);
  }
  return result;
}

/**
 * Where the elements of a one-dimensional array without nulls, in binary format, start: each
 * element is its length (4 bytes) then `size` bytes. Anything else is refused, not misread.
 */
export function binaryArray(buf: Buffer, size: number) {
  const dimensions = buf.readInt32BE(0);
  const length = dimensions === 0 ? 0 : buf.readInt32BE(12);
  if (dimensions > 1 || buf.readInt32BE(4) !== 0)
    throw new Error('expected a one-dimensional array without nulls');
  const start = dimensions === 0 ? 12 : 20;
  const stride = 4 + size;
  if (buf.length !== start + length * stride)
    throw new Error(`expected ${length} elements of ${size} bytes`);
  return { length, at: (i: number) => start + i * stride + 4 };
}

/** An integer array literal: only safe integers, so the literal cannot be misread. */
function intArray(values: IntColumn): string {
  if (values instanceof Int32Array) return `{${values.join(',')}}`; // integers by construction
  for (const v of values) if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
  return `{${values.join(',')}}`;
}

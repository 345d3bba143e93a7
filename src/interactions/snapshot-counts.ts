import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AUDIT_COLUMNS, type AuditRow, auditValues } from '../audit/audit.service';
import type { Counts } from './match-rows';
import type { SnapshotSource } from './interaction-snapshot.entity';

/** One entry's counts in one snapshot. */
export interface EntryCounts extends Counts {
  entryId: string;
}

/** The counts of one snapshot, column by column (position i is one entry's row). */
export interface CountColumns {
  entryIds: readonly string[];
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
  // The readings of a file usually list the same entries: each id is decoded once.
  const uuidBytes: UuidBytes = new Map();
  for (let from = 0; from < snapshots.length; from += SNAPSHOTS_PER_STATEMENT) {
    const values: unknown[] = [];
    const add = (value: unknown) => `$${values.push(value)}`;
    const rows: string[] = [];
    const audits: string[] = [];
    snapshots.slice(from, from + SNAPSHOTS_PER_STATEMENT).forEach((s, k) => {
      const id = ids[from + k]!;
      const { counts } = s;
      const entryIds = uuidArrayParameter(counts.entryIds, uuidBytes);
      rows.push(
        `(${add(id)}::uuid, ${add(s.contestId)}::uuid, ${add(s.takenAt)}::timestamptz, ${add(s.source)},
          ${add(s.fileSha256)}, ${add(s.fileName)}, ${add(counts.entryIds.length)}::int, ${add(s.createdBy)}::uuid,
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
 * The entry ids as a binary `uuid[]` parameter (the driver sends a Buffer in binary format):
 * PostgreSQL reads 16 bytes per id instead of parsing 10.000 uuids from text, which was half
 * of the INSERT's time. Layout: ndim, has-nulls flag, element type (uuid = 2950), length,
 * lower bound, then per element its byte length (16) and bytes. A malformed id throws.
 * With `known`, each id's bytes are decoded once and copied for the next snapshots of the same
 * file (a file of several readings lists the same entries in each).
 */
export function uuidArrayParameter(ids: readonly string[], known?: UuidBytes): Buffer {
  const buf = Buffer.allocUnsafe(20 + ids.length * 20);
  buf.writeInt32BE(1, 0);
  buf.writeInt32BE(0, 4);
  buf.writeUInt32BE(UUID_OID, 8);
  buf.writeInt32BE(ids.length, 12);
  buf.writeInt32BE(1, 16);
  let at = 20;
  for (const id of ids) {
    buf.writeInt32BE(16, at);
    at += 4;
    const bytes = known?.get(id);
    if (bytes) {
      buf.set(bytes, at);
      at += 16;
      continue;
    }
    if (id.length !== 36) throw new Error(`not a uuid: ${id}`);
    const start = at;
    for (let i = 0; i < 36; i += 2) {
      if (i === 8 || i === 13 || i === 18 || i === 23) {
        if (id.charCodeAt(i) !== DASH) throw new Error(`not a uuid: ${id}`);
        i++;
      }
      const high = hexValue(id.charCodeAt(i));
      const low = hexValue(id.charCodeAt(i + 1));
      if ((high | low) < 0) throw new Error(`not a uuid: ${id}`);
      buf[at++] = (high << 4) | low;
    }
    known?.set(id, buf.subarray(start, at));
  }
  return buf;
}

/** Ids already turned into their 16 bytes (see uuidArrayParameter). */
export type UuidBytes = Map<string, Uint8Array>;
const UUID_OID = 2950;
const DASH = 0x2d;
const hexValue = (c: number) =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

/** An integer array literal: only safe integers, so the literal cannot be misread. */
function intArray(values: IntColumn): string {
  if (values instanceof Int32Array) return `{${values.join(',')}}`; // integers by construction
  for (const v of values) if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
  return `{${values.join(',')}}`;
}

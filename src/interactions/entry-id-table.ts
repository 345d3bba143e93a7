/**
 * A list of entry ids, also held as their 16 uuid bytes each: snapshots store their entries as
 * a binary `uuid[]` (written and read without formatting or parsing 10.000 uuids as text), and
 * rows refer to an entry by its position in the list.
 */
export class EntryIdTable {
  readonly bytes: Uint8Array;
  private positionOf: Map<string, number> | null = null;
  private all: Buffer | null = null;

  /** Throws on a malformed id: ids come from the database or a validated form. */
  constructor(readonly ids: readonly string[]) {
    this.bytes = new Uint8Array(ids.length * 16);
    ids.forEach((id, i) => writeUuid(id, this.bytes, i * 16));
  }

  get size(): number {
    return this.ids.length;
  }

  /** All the ids, in order, as a binary `uuid[]` parameter (made once). */
  arrayParameter(): Buffer {
    this.all ??= uuidArrayParameter(
      this,
      Array.from(this.ids, (_, i) => i),
    );
    return this.all;
  }

  /**
   * The position of the uuid at `buf[at…at+16)`, or -1 when it is not in the list. Position
   * `hint` is compared first: a stored snapshot usually lists the entries in the same order.
   */
  find(buf: Uint8Array, at: number, hint: number): number {
    if (hint < this.ids.length) {
      const base = hint * 16;
      let same = true;
      for (let k = 0; k < 16 && same; k++) same = buf[at + k] === this.bytes[base + k];
      if (same) return hint;
    }
    if (!this.positionOf) {
      this.positionOf = new Map();
      for (let i = 0; i < this.ids.length; i++) this.positionOf.set(keyOf(this.bytes, i * 16), i);
    }
    return this.positionOf.get(keyOf(buf, at)) ?? -1;
  }
}

/**
 * The entry ids as a binary `uuid[]` parameter (the driver sends a Buffer in binary format):
 * PostgreSQL reads 16 bytes per id instead of parsing 10.000 uuids from text, which was half
 * of the INSERT's time. Layout: ndim, has-nulls flag, element type (uuid = 2950), length,
 * lower bound, then per element its byte length (16) and bytes, copied from the table.
 */
export function uuidArrayParameter(
  entries: EntryIdTable,
  positions: readonly number[] | Int32Array,
): Buffer {
  const buf = Buffer.allocUnsafe(20 + positions.length * 20);
  buf.writeInt32BE(1, 0);
  buf.writeInt32BE(0, 4);
  buf.writeUInt32BE(UUID_OID, 8);
  buf.writeInt32BE(positions.length, 12);
  buf.writeInt32BE(1, 16);
  const bytes = entries.bytes;
  let at = 20;
  for (let i = 0; i < positions.length; i++) {
    const from = positions[i]! * 16;
    if (!(from >= 0 && from < bytes.length)) throw new Error(`no entry at ${positions[i]}`);
    buf.writeInt32BE(16, at);
    at += 4;
    for (let k = 0; k < 16; k++) buf[at++] = bytes[from + k]!;
  }
  return buf;
}

const UUID_OID = 2950;

const keyOf = (buf: Uint8Array, at: number) =>
  Buffer.from(buf.buffer, buf.byteOffset + at, 16).toString('latin1');

const DASH = 0x2d;
const hexValue = (c: number) =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

/** The 16 bytes of a uuid written as text (any case), at `into[at…at+16)`. */
export function writeUuid(id: string, into: Uint8Array, at: number): void {
  if (id.length !== 36) throw new Error(`not a uuid: ${id}`);
  for (let i = 0; i < 36; i += 2) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (id.charCodeAt(i) !== DASH) throw new Error(`not a uuid: ${id}`);
      i++;
    }
    const high = hexValue(id.charCodeAt(i));
    const low = hexValue(id.charCodeAt(i + 1));
    if ((high | low) < 0) throw new Error(`not a uuid: ${id}`);
    into[at++] = (high << 4) | low;
  }
}

import { EntryIdTable, uuidArrayParameter } from './entry-id-table';
import { binaryArray } from './snapshot-counts';

const A = '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1f';
const B = 'FFFFFFFF-0000-4000-8000-000000000001';

describe('uuidArrayParameter', () => {
  it('lays out a one-dimensional uuid[] in PostgreSQL binary format', () => {
    const buf = uuidArrayParameter(new EntryIdTable([A, B]), [0, 1]);
    expect(buf.length).toBe(20 + 2 * 20);
    expect([0, 4, 8, 12, 16].map((o) => buf.readInt32BE(o))).toEqual([1, 0, 2950, 2, 1]);
    expect(buf.readInt32BE(20)).toBe(16);
    expect(buf.subarray(24, 40).toString('hex')).toBe(A.replaceAll('-', ''));
    expect(buf.readInt32BE(40)).toBe(16);
    expect(buf.subarray(44, 60).toString('hex')).toBe(B.replaceAll('-', '').toLowerCase());
  });

  it('takes the rows in their order, by position in the table', () => {
    const table = new EntryIdTable([A, B]);
    const swapped = uuidArrayParameter(table, Int32Array.of(1, 0));
    expect(swapped.subarray(24, 40).toString('hex')).toBe(B.replaceAll('-', '').toLowerCase());
    expect(swapped.subarray(44, 60).toString('hex')).toBe(A.replaceAll('-', ''));
    expect(() => uuidArrayParameter(table, [2])).toThrow(/no entry at 2/);
  });

  it('gives an empty array for no rows', () => {
    const buf = uuidArrayParameter(new EntryIdTable([]), []);
    expect([0, 4, 8, 12, 16].map((o) => buf.readInt32BE(o))).toEqual([1, 0, 2950, 0, 1]);
  });

  it.each([
    '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1', // short
    '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1ff', // long
    '0f1e2d3c4b5a-4697-a8b9-cadbecfd0e1ff', // dash moved
    '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1g', // not hex
    "0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1'",
  ])('refuses %s', (id) => {
    expect(() => new EntryIdTable([id])).toThrow(/not a uuid/);
  });
});

describe('EntryIdTable.find', () => {
  const ids = [A, B, '11111111-2222-4333-8444-555555555555'];
  const table = new EntryIdTable(ids);
  const bytesOf = (id: string) => Buffer.from(id.replaceAll('-', ''), 'hex');

  it('finds an id at the hinted position or elsewhere, and -1 for an unknown one', () => {
    const stored = Buffer.concat([bytesOf(ids[2]!), bytesOf(A), bytesOf(B)]);
    expect([0, 1, 2].map((i) => table.find(stored, i * 16, i))).toEqual([2, 0, 1]);
    expect(table.find(stored, 16, 0)).toBe(0); // hint right
    expect(table.find(stored, 0, 99)).toBe(2); // hint past the end
    expect(table.find(bytesOf('22222222-2222-4333-8444-555555555555'), 0, 0)).toBe(-1);
  });
});

describe('binaryArray', () => {
  /** A one-dimensional int4[] as array_send gives it. */
  const int4Array = (values: number[]) => {
    const buf = Buffer.alloc(20 + values.length * 8);
    [1, 0, 23, values.length, 1].forEach((v, i) => buf.writeInt32BE(v, i * 4));
    values.forEach((v, i) => {
      buf.writeInt32BE(4, 20 + i * 8);
      buf.writeInt32BE(v, 24 + i * 8);
    });
    return buf;
  };

  it('finds each element of a one-dimensional array', () => {
    const buf = int4Array([7, 0, 1_000_000_000]);
    const array = binaryArray(buf, 4);
    expect(array.length).toBe(3);
    expect([0, 1, 2].map((i) => buf.readInt32BE(array.at(i)))).toEqual([7, 0, 1_000_000_000]);
  });

  it('reads an empty array (no dimensions)', () => {
    const empty = Buffer.alloc(12);
    empty.writeInt32BE(23, 8);
    expect(binaryArray(empty, 4).length).toBe(0);
  });

  it('refuses nulls, two dimensions and a length that does not add up', () => {
    const withNull = int4Array([1]);
    withNull.writeInt32BE(1, 4);
    expect(() => binaryArray(withNull, 4)).toThrow(/without nulls/);
    const twoDims = int4Array([1]);
    twoDims.writeInt32BE(2, 0);
    expect(() => binaryArray(twoDims, 4)).toThrow(/one-dimensional/);
    expect(() => binaryArray(int4Array([1, 2]).subarray(0, 27), 4)).toThrow(/elements/);
    expect(() => binaryArray(int4Array([1]), 16)).toThrow(/elements/);
  });
});

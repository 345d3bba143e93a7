import { uuidArrayParameter } from './snapshot-counts';

describe('uuidArrayParameter', () => {
  it('lays out a one-dimensional uuid[] in PostgreSQL binary format', () => {
    const ids = ['0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1f', 'FFFFFFFF-0000-4000-8000-000000000001'];
    const buf = uuidArrayParameter(ids);
    expect(buf.length).toBe(20 + 2 * 20);
    expect([0, 4, 8, 12, 16].map((o) => buf.readInt32BE(o))).toEqual([1, 0, 2950, 2, 1]);
    expect(buf.readInt32BE(20)).toBe(16);
    expect(buf.subarray(24, 40).toString('hex')).toBe(ids[0]!.replaceAll('-', ''));
    expect(buf.readInt32BE(40)).toBe(16);
    expect(buf.subarray(44, 60).toString('hex')).toBe(ids[1]!.replaceAll('-', '').toLowerCase());
  });

  it('gives an empty array for no ids', () => {
    const buf = uuidArrayParameter([]);
    expect([0, 4, 8, 12, 16].map((o) => buf.readInt32BE(o))).toEqual([1, 0, 2950, 0, 1]);
  });

  it.each([
    '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1', // short
    '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1ff', // long
    '0f1e2d3c4b5a-4697-a8b9-cadbecfd0e1ff', // dash moved
    '0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1g', // not hex
    "0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1'",
  ])('refuses %s', (id) => {
    expect(() => uuidArrayParameter([id])).toThrow(/not a uuid/);
  });
});

describe('uuidArrayParameter with known ids', () => {
  it('gives the same bytes when the ids were decoded for an earlier snapshot', () => {
    const ids = ['0f1e2d3c-4b5a-4697-a8b9-cadbecfd0e1f', '11111111-2222-4333-8444-555555555555'];
    const known = new Map<string, Uint8Array>();
    const first = uuidArrayParameter(ids, known);
    expect(known.size).toBe(2);
    const again = uuidArrayParameter([ids[1]!, ids[0]!], known);
    expect(again.subarray(24, 40)).toEqual(first.subarray(44, 60));
    expect(again.subarray(44, 60)).toEqual(first.subarray(24, 40));
    expect(uuidArrayParameter([ids[1]!, ids[0]!])).toEqual(again);
  });
});

import { officialSnapshot } from './reading-time';

/** Snapshots taken at these instants (ISO with offset), oldest first. */
const taken = (...instants: string[]) => instants.map((at) => ({ at, takenAt: new Date(at) }));

describe('officialSnapshot: the cut-off as the rules write it (Vietnam time)', () => {
  it('a cut-off written without an offset is Vietnam time, whatever the server zone', () => {
    // 17:00 in Vietnam is 10:00 UTC: the 18:00 reading comes after the cut-off.
    const snapshots = taken('2022-08-30T16:00:00+07:00', '2022-08-30T18:00:00+07:00');
    expect(officialSnapshot(snapshots, '2022-08-30T17:00')?.at).toBe('2022-08-30T16:00:00+07:00');
    expect(officialSnapshot(snapshots, '2022-08-30T17:00:00')?.at).toBe(
      '2022-08-30T16:00:00+07:00',
    );
  });

  it('a cut-off that is a date alone counts that whole day (Vietnam time)', () => {
    const snapshots = taken(
      '2022-08-29T20:00:00+07:00',
      '2022-08-30T17:00:00+07:00',
      '2022-08-31T08:00:00+07:00',
    );
    expect(officialSnapshot(snapshots, '2022-08-30')?.at).toBe('2022-08-30T17:00:00+07:00');
  });

  it('a cut-off with an offset is that instant; none: the last snapshot', () => {
    const snapshots = taken('2022-08-30T16:00:00+07:00', '2022-08-30T18:00:00+07:00');
    expect(officialSnapshot(snapshots, '2022-08-30T10:00:00Z')?.at).toBe(
      '2022-08-30T16:00:00+07:00',
    );
    expect(officialSnapshot(snapshots, '2022-08-30T18:00:00+07:00')?.at).toBe(
      '2022-08-30T18:00:00+07:00',
    );
    expect(officialSnapshot(snapshots, null)?.at).toBe('2022-08-30T18:00:00+07:00');
    expect(officialSnapshot([], null)).toBeNull();
  });
});

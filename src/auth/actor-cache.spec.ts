import type { Actor } from './actor';
import { ActorCache } from './actor-cache';

const judge = (name: string): Actor => ({
  userId: 'u1',
  username: name,
  displayName: name,
  isAdmin: false,
  mustChangePassword: false,
  memberships: [{ contestId: 'c1', role: 'judge', teamId: null, unitId: null }],
});

describe('ActorCache', () => {
  let clock = 0;
  const cache = () => new ActorCache(5_000, 3, () => clock);
  beforeEach(() => (clock = 1_000));

  it('remembers a caller for its token version until the time limit', () => {
    const c = cache();
    c.store('u1', 2, judge('gk.an'), c.generation('u1'));
    expect(c.get('u1', 2)?.username).toBe('gk.an');
    expect(c.get('u1', 3)).toBeUndefined(); // a newer token: read the account again
    clock += 4_999;
    expect(c.get('u1', 2)).toBeDefined();
    clock += 1;
    expect(c.get('u1', 2)).toBeUndefined();
  });

  it('hands out copies, so stamping a request id on one does not reach the next request', () => {
    const c = cache();
    c.store('u1', 1, judge('gk.an'), 0);
    c.get('u1', 1)!.requestId = 'req-1';
    expect(c.get('u1', 1)!.requestId).toBeUndefined();
  });

  it('forgets a user at once, and drops a lookup that began before the forget', () => {
    const c = cache();
    c.store('u1', 1, judge('gk.an'), c.generation('u1'));
    const before = c.generation('u1'); // a lookup starts and reads the old account…
    c.forget('u1'); // …the password is reset meanwhile…
    c.store('u1', 1, judge('gk.an'), before); // …and its stale answer is not kept
    expect(c.get('u1', 1)).toBeUndefined();
    c.store('u1', 1, judge('gk.an'), c.generation('u1'));
    expect(c.get('u1', 1)).toBeDefined();
  });

  it('keeps nothing when switched off, and stays within its size', () => {
    const off = new ActorCache(0, 3, () => clock);
    off.store('u1', 1, judge('gk.an'), 0);
    expect(off.get('u1', 1)).toBeUndefined();
    const c = cache();
    for (const id of ['a', 'b', 'c', 'd']) c.store(id, 1, { ...judge(id), userId: id }, 0);
    expect(['a', 'b', 'c', 'd'].filter((id) => c.get(id, 1)).length).toBeLessThanOrEqual(3);
    expect(c.get('d', 1)?.username).toBe('d');
  });
});

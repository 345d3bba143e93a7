import { PREVIEW_LIST_LIMIT } from '../src/interactions/file-analysis';
import { RowMatcher } from '../src/interactions/match-rows';
import { publishDemoEntries } from './support/fixtures';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * Issue 22 item 1: while an import runs, other requests are answered at once. The file's rows
 * are matched, compared and scored in the import's worker thread, never on the thread that
 * serves requests, and a long file answers a summary with its first items, not megabytes of
 * JSON to build and send. (How fast: `npm run bench -- import-xlsx` and `-- import`.)
 */
describe('interaction import: analysed in a worker, answered as a bounded summary', () => {
  let t: TestApp;
  let admin: string;
  let contestId: string;
  let teams: number[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.login('admin');
    const published = await publishDemoEntries(t);
    contestId = published.contestId;
    teams = published.entries.map((e) => e.teamNumber);
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const send = (path: 'imports' | 'imports/preview', csv: string, takenAt?: string) => {
    const req = t.http.post(`/api/contests/${contestId}/interactions/${path}`).set(bearer(admin));
    if (takenAt) void req.field('takenAt', takenAt);
    return req.attach('file', Buffer.from(csv), 'so-lieu.csv');
  };

  it('never matches a row on the main thread (preview and commit)', async () => {
    const push = jest.spyOn(RowMatcher.prototype, 'push');
    const finish = jest.spyOn(RowMatcher.prototype, 'finish');
    const csv = ['Đội số;Lượt thích;Lượt chia sẻ', ...teams.map((n) => `${n};${10 * n};${n}`)];
    const preview = await send('imports/preview', csv.join('\n'), '2022-08-20T08:00:00Z');
    expect(preview.status).toBe(200);
    expect(preview.body.totals).toMatchObject({ matched: teams.length, errors: 0 });
    expect(preview.body.matched).toHaveLength(teams.length);
    const commit = await send('imports', csv.join('\n'), '2022-08-20T08:00:00Z');
    expect(commit.status).toBe(201);
    expect(commit.body.rows).toBe(teams.length);
    expect(push).not.toHaveBeenCalled();
    expect(finish).not.toHaveBeenCalled();
  });

  it('answers a long file with totals and at most PREVIEW_LIST_LIMIT items per list', async () => {
    // 70 readings of every team (630 rows), 600 rows of unknown teams, 520 refused rows
    const day = (d: number) => new Date(Date.UTC(2022, 5, 1, 3) + d * 86_400_000).toISOString();
    const lines = ['Thời điểm;Đội số;Lượt thích;Lượt chia sẻ'];
    for (let d = 0; d < 70; d++)
      for (const n of teams) lines.push(`${day(d)};${n};${d * 10 + n};1`);
    for (let i = 0; i < 600; i++) lines.push(`${day(0)};${1000 + i};5;1`);
    for (let i = 0; i < 520; i++) lines.push(`${day(80 + i)};${teams[0]};nhiều;1`);
    const res = await send('imports/preview', lines.join('\n'));
    expect(res.status).toBe(200);
    const body = res.body as {
      totals: Record<string, number>;
      matched: { takenAt: string }[];
      unmatched: unknown[];
      errors: { code: string }[];
      points: unknown[];
      readings: unknown[];
      takenAt: string;
      canCommit: boolean;
    };
    expect(body.totals).toEqual({
      matched: 70 * teams.length,
      unmatched: 600,
      errors: 520,
      warnings: 0,
      points: teams.length,
    });
    expect(body.readings).toHaveLength(70);
    expect(body.unmatched).toHaveLength(PREVIEW_LIST_LIMIT);
    expect(body.errors).toHaveLength(PREVIEW_LIST_LIMIT);
    expect(body.errors[0]!.code).toBe('COUNT_INVALID');
    // the rows listed are those of the reading whose points are shown
    expect(body.matched).toHaveLength(teams.length);
    expect(body.matched.every((m) => m.takenAt === body.takenAt)).toBe(true);
    expect(body.takenAt).toBe(day(69));
    expect(body.points).toHaveLength(teams.length);
    expect(body.canCommit).toBe(false);
    expect(JSON.stringify(body).length).toBeLessThan(250_000);
  });
});

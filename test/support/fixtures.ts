import type { TestApp } from './test-app';

export const FANPAGE = 'https://www.facebook.com/hoithimohinhsangkiencchcngabay';

/**
 * Fast-forwards the demo contest to "published": every team gets a published entry with its
 * fanpage post (direct SQL, as a fixture; the API path is covered by entries.e2e-spec.ts).
 */
export async function publishDemoEntries(
  t: TestApp,
): Promise<{ contestId: string; entries: { id: string; teamNumber: number; postUrl: string }[] }> {
  const contestId = (await t.sql.query(`SELECT id FROM contests WHERE slug = 'nga-bay-2022'`))
    .rows[0].id as string;
  const teams = (
    await t.sql.query(`SELECT id, number FROM teams WHERE contest_id = $1 ORDER BY number`, [
      contestId,
    ])
  ).rows;
  const entries: { id: string; teamNumber: number; postUrl: string }[] = [];
  for (const team of teams) {
    const postUrl = `${FANPAGE}/posts/${1000 + Number(team.number)}`;
    const { rows } = await t.sql.query(
      `INSERT INTO entries (contest_id, team_id, status, name, post_url, published_at, originality_declared_at)
       VALUES ($1, $2, 'published', $3, $4, now(), now()) RETURNING id`,
      [contestId, team.id, `Mô hình của đội ${team.number}`, postUrl],
    );
    entries.push({ id: rows[0].id, teamNumber: Number(team.number), postUrl });
  }
  await t.sql.query(`UPDATE contests SET status = 'published' WHERE id = $1`, [contestId]);
  return { contestId, entries };
}

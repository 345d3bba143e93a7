import type { Client } from 'pg';

/**
 * Grows the demo contest (9 published entries, 5 judges) to a department's yearly contest of
 * seed 003's size (shared by `npm run bench -- panels` and the tests): `entries` published entries from 60 units and `judges` judges, written by
 * direct SQL as set-up only (registration in bulk is another part of issue 24). The extra
 * judges sign in with gk.nguyen's password (the same hash), so no argon2 hash is computed.
 * Returns the extra judges' usernames.
 */
export async function growToProvinceContest(
  sql: Client,
  contestId: string,
  size: { entries: number; judges: number },
): Promise<string[]> {
  const units: string[] = (
    await sql.query(
      `INSERT INTO units (contest_id, name, kind)
       SELECT $1, 'Bộ phận một cửa UBND xã số ' || g, 'xa' FROM generate_series(1, 60) g
       RETURNING id`,
      [contestId],
    )
  ).rows.map((r: { id: string }) => r.id);
  const { rows: existing } = await sql.query(
    `SELECT count(*)::int AS n FROM teams WHERE contest_id = $1`,
    [contestId],
  );
  const from = existing[0].n + 1;
  await sql.query(
    `WITH t AS (
       INSERT INTO teams (contest_id, number, name, unit_id)
       SELECT $1, g, 'Đội thi số ' || g, ($2::uuid[])[1 + g % 60]
         FROM generate_series($3::int, $4::int) g
       RETURNING id, number)
     INSERT INTO entries (contest_id, team_id, status, name, published_at, originality_declared_at)
     SELECT $1, t.id, 'published', 'Sáng kiến cải cách hành chính số ' || t.number, now(), now()
       FROM t`,
    [contestId, units, from, size.entries],
  );
  const hash = (await sql.query(`SELECT password_hash FROM users WHERE username = 'gk.nguyen'`))
    .rows[0].password_hash;
  const { rows: judgeCount } = await sql.query(
    `SELECT count(*)::int AS n FROM contest_members WHERE contest_id = $1 AND role = 'judge'`,
    [contestId],
  );
  const extra = size.judges - judgeCount[0].n;
  const usernames = Array.from({ length: extra }, (_, i) => `gk.tinh${i + 1}`);
  for (const [i, username] of usernames.entries()) {
    const user = await sql.query(
      `INSERT INTO users (username, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id`,
      [username, `Giám khảo Tỉnh ${i + 1}`, hash],
    );
    await sql.query(
      `INSERT INTO contest_members (contest_id, user_id, role, unit_id) VALUES ($1, $2, 'judge', $3)`,
      [contestId, user.rows[0].id, units[i * 4]],
    );
  }
  return usernames;
}

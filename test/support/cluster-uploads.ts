import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { hashPassword } from '../../src/auth/passwords';
import { callJson, CLUSTER_SLUG, JUDGE_PASSWORD } from './cluster-load';

export const UPLOAD_SLUG = 'cluster-nop-video';

/**
 * A second contest, open for submissions, beside the final of `prepareClusterFinal`: a copy of
 * the demo contest (SQL fixture) with `teams` teams, each with a team account
 * `cluster.doi<n>` (password JUDGE_PASSWORD) and no submission deadline.
 */
export async function prepareUploadContest(sql: Client, teams: number) {
  await sql.query(`CREATE TEMP TABLE upload_contest AS SELECT * FROM contests WHERE slug = $1`, [
    CLUSTER_SLUG,
  ]);
  await sql.query(
    `UPDATE upload_contest SET id = gen_random_uuid(), slug = $1, status = 'submission',
            name = name || ' (nộp video)',
            rules = jsonb_set(rules, '{dates,submissionDeadline}', 'null'::jsonb)`,
    [UPLOAD_SLUG],
  );
  const contestId = (
    await sql.query(`INSERT INTO contests SELECT * FROM upload_contest RETURNING id`)
  ).rows[0].id as string;
  await sql.query(`DROP TABLE upload_contest`);
  const unitId = (
    await sql.query(
      `SELECT t.unit_id FROM teams t JOIN contests c ON c.id = t.contest_id WHERE c.slug = $1 LIMIT 1`,
      [CLUSTER_SLUG],
    )
  ).rows[0].unit_id as string;
  const teamIds = (
    await sql.query(
      `INSERT INTO teams (contest_id, number, name, unit_id)
       SELECT $1, g, 'Đội nộp video ' || g, $2 FROM generate_series(1, $3) g RETURNING id`,
      [contestId, unitId, teams],
    )
  ).rows.map((r) => r.id as string);
  const hash = await hashPassword(JUDGE_PASSWORD);
  const users = (
    await sql.query(
      `INSERT INTO users (username, display_name, password_hash)
       SELECT 'cluster.doi' || g, 'Đội nộp video ' || g, $1 FROM generate_series(1, $2) g
       RETURNING id, username`,
      [hash, teams],
    )
  ).rows as { id: string; username: string }[];
  await sql.query(
    `INSERT INTO contest_members (contest_id, user_id, role, team_id)
     SELECT $1, unnest($2::uuid[]), 'team', unnest($3::uuid[])`,
    [contestId, users.map((u) => u.id), teamIds],
  );
  return { contestId, usernames: users.map((u) => u.username) };
}

export interface AcknowledgedUpload {
  id: string;
  sha256: string;
  size: number;
  /** API calls answered with a dropped connection or a 5xx and sent again */
  retries: number;
}

const retryable = (status: number) => status === 0 || status >= 500;

/**
 * What the team portal does for a direct upload, through the balancer, as a tablet on a bad
 * line would: every API call is retried when its connection drops or an instance fails
 * (another instance answers); the part PUTs go straight to the S3 server's presigned URLs
 * (`partsInParallel` at a time). Resolves once `complete` is acknowledged (202): the upload
 * is then `verifying`, and must become `ready` whichever instance dies.
 */
export async function uploadThroughBalancer(
  base: string,
  token: string,
  contestId: string,
  fileName: string,
  body: Buffer,
  partsInParallel = 4,
): Promise<AcknowledgedUpload> {
  let retries = 0;
  const call = async (method: string, path: string, payload?: object) => {
    for (let attempt = 0; ; attempt++) {
      const res = await callJson(base, method, path, token, payload);
      if (!retryable(res.status)) return res;
      if (attempt >= 30) throw new Error(`${method} ${path}: ${res.status} after 30 attempts`);
      retries++;
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const root = `/api/contests/${contestId}/direct-uploads`;
  // start: a lost answer is sent again (the first upload stays pending; the cleanup expires it)
  const started = await call('POST', root, { kind: 'video', fileName, size: body.length });
  if (started.status !== 201)
    throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const { id, partSize, partCount } = started.body as {
    id: string;
    partSize: number;
    partCount: number;
  };
  const numbers = Array.from({ length: partCount }, (_, i) => i + 1);
  for (let i = 0; i < numbers.length; i += partsInParallel) {
    const batch = numbers.slice(i, i + partsInParallel);
    const urls = await call('POST', `${root}/${id}/part-urls`, { partNumbers: batch });
    if (urls.status !== 200) throw new Error(`part-urls: ${urls.status}`);
    await Promise.all(
      (urls.body.urls as { partNumber: number; url: string }[]).map(async ({ partNumber, url }) => {
        const bytes = body.subarray((partNumber - 1) * partSize, partNumber * partSize);
        const put = await fetch(url, { method: 'PUT', body: bytes });
        if (!put.ok) throw new Error(`PUT part ${partNumber}: ${put.status}`);
        const etag = put.headers.get('etag')!;
        const rec = await call('POST', `${root}/${id}/parts`, {
          partNumber,
          etag,
          size: bytes.length,
        });
        if (rec.status !== 200) throw new Error(`record part ${partNumber}: ${rec.status}`);
      }),
    );
  }
  for (;;) {
    const done = await call('POST', `${root}/${id}/complete`);
    if (done.status === 202) break;
    // an earlier attempt whose answer was lost did complete it
    const state = await call('GET', `${root}/${id}`);
    if (state.body.verifying === true || state.body.status === 'ready') break;
    throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
  }
  return {
    id,
    size: body.length,
    sha256: createHash('sha256').update(body).digest('hex'),
    retries,
  };
}

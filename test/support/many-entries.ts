import type { Client } from 'pg';

export interface ManyEntriesOptions {
  /** Team numbers to create, e.g. 101..521. */
  from: number;
  count: number;
  /** Entry status of every created entry. */
  status?: 'draft' | 'submitted' | 'approved' | 'published';
  /** Members per team (full name, position, unit; the first leads). */
  members?: number;
  /** Fanpage post address of each entry (published entries need one). */
  postUrl?: (teamNumber: number) => string | null;
}

/**
 * A province-sized contest in a few hundred milliseconds: units, teams, members, ready
 * uploads and complete entries written directly as the database owner. Set-up only; the
 * API paths that create these one by one are covered by their own tests.
 */
export async function seedManyEntries(
  sql: Client,
  contestId: string,
  options: ManyEntriesOptions,
): Promise<{ teamNumber: number; entryId: string }[]> {
  const { from, count } = options;
  const status = options.status ?? 'submitted';
  const members = options.members ?? 0;
  const numbers = Array.from({ length: count }, (_, i) => from + i);
  const { rows } = await sql.query<{ number: number; entry_id: string }>(
    `WITH n AS (SELECT unnest($2::int[]) AS number),
     u AS (
       INSERT INTO units (contest_id, name, kind)
       SELECT $1, 'Phường số ' || number, 'phuong' FROM n RETURNING id, name
     ),
     t AS (
       INSERT INTO teams (contest_id, number, name, unit_id)
       SELECT $1, n.number, 'Đội Phường số ' || n.number, u.id
         FROM n JOIN u ON u.name = 'Phường số ' || n.number
       RETURNING id, number
     ),
     v AS (
       INSERT INTO uploads (contest_id, team_id, kind, status, original_name, size, received,
                            sha256, detected_type, mime, completed_at)
       SELECT $1, t.id, k.kind, 'ready', 'doi' || t.number || CASE k.kind WHEN 'video' THEN '.mp4' ELSE '.pdf' END,
              1000, 1000, md5(k.kind || t.id::text) || md5(t.id::text || k.kind),
              CASE k.kind WHEN 'video' THEN 'mp4' ELSE 'pdf' END,
              CASE k.kind WHEN 'video' THEN 'video/mp4' ELSE 'application/pdf' END, now()
         FROM t CROSS JOIN (VALUES ('video'), ('outline')) AS k(kind)
       RETURNING id, team_id, kind
     )
     INSERT INTO entries (contest_id, team_id, status, name, context, implementation, benefits,
                          category, originality_declared_at, video_upload_id, outline_upload_id,
                          submitted_at, published_at, post_url)
     SELECT $1, t.id, $3, 'Mô hình cải cách số ' || t.number,
            'Người dân cần giải quyết thủ tục nhanh hơn.',
            'Tiếp nhận hồ sơ qua mạng, trả kết quả tại nhà.',
            'Tiết kiệm thời gian và chi phí cho người dân.', 'Cải cách thủ tục hành chính',
            now(), vv.id, vo.id,
            CASE WHEN $3 = 'draft' THEN NULL ELSE now() - (t.number || ' minutes')::interval END,
            CASE WHEN $3 = 'published' THEN now() ELSE NULL END,
            ($4::text[])[t.number - $5 + 1]
       FROM t JOIN v vv ON vv.team_id = t.id AND vv.kind = 'video'
              JOIN v vo ON vo.team_id = t.id AND vo.kind = 'outline'
     RETURNING id AS entry_id, (SELECT number FROM t WHERE t.id = entries.team_id) AS number`,
    [contestId, numbers, status, numbers.map((n) => options.postUrl?.(n) ?? null), from],
  );
  if (members > 0) {
    await sql.query(
      `INSERT INTO team_members (contest_id, team_id, full_name, position, unit_name, is_leader, person_key)
       SELECT $1, t.id, 'Thành viên ' || t.number || '.' || k, 'Chuyên viên', u.name, k = 1,
              'thanh vien ' || t.number || '.' || k || '|' || lower(u.name)
         FROM teams t JOIN units u ON u.id = t.unit_id CROSS JOIN generate_series(1, $3::int) AS k
        WHERE t.contest_id = $1 AND t.number = ANY($2::int[])`,
      [contestId, numbers, members],
    );
  }
  return rows
    .map((r) => ({ teamNumber: Number(r.number), entryId: r.entry_id }))
    .sort((a, b) => a.teamNumber - b.teamNumber);
}

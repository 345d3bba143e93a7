import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isEmailEnabled } from './mail-switch';

/**
 * What happened, as services tell it: ids only. `enqueue` reads the facts (names, reasons,
 * addresses) with the caller's EntityManager, so it sees the transaction's own changes.
 */
export type NotificationEvent =
  | { type: 'account.created'; contestId: string; userId: string }
  /** approved or returned (with its reasons), as the entry now stands */
  | { type: 'entry.reviewed'; contestId: string; entryId: string }
  /** every published entry of the contest (publication is simultaneous) */
  | { type: 'entry.published'; contestId: string }
  /** every judge of the contest with assignments, or only `judgeId` */
  | { type: 'judge.assigned'; contestId: string; judgeId?: string }
  /** a published results version; a version that supersedes another is a correction */
  | { type: 'results.published'; contestId: string; version: number }
  | { type: 'final.order_drawn'; contestId: string }
  | { type: 'judging.reminder'; contestId: string; deadline: string; hoursBefore: number }
  /**
   * The contest's organisers: a fanpage reading could not be done, or the official reading at
   * the cut-off was given up (`cutoffMissed`). `occurrence` names it (one message each).
   */
  | {
      type: 'fanpage.problem';
      contestId: string;
      occurrence: string;
      problem: { code: string; message: string; action: string };
      scheduledAt: string;
      cutoffMissed?: boolean;
      unread?: { teamNumber: number; teamName: string; reason: string }[];
    };

/** Every event type a notification row may carry (results.published splits in two). */
export const EVENT_TYPES = [
  'account.created',
  'entry.returned',
  'entry.approved',
  'entry.published',
  'judge.assigned',
  'results.published',
  'results.corrected',
  'final.order_drawn',
  'judging.reminder',
  'fanpage.problem',
  'fanpage.cutoff_missed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

interface Message {
  recipient_id: string;
  dedupe_key: string;
  payload: Record<string, unknown>;
}

interface ContestFacts {
  id: string;
  name: string;
  slug: string;
}

/**
 * Writes the notifications of one event in the caller's transaction (the outbox): an in-app
 * row per recipient, and an e-mail row when e-mail is on and the person has an address (for
 * reminders: and has not opted out). The dedupe key names the event occurrence, so calling it
 * twice for the same occurrence adds nothing. Returns the number of rows written.
 */
export async function enqueue(manager: EntityManager, event: NotificationEvent): Promise<number> {
  const [contest] = (await manager.query(`SELECT id, name, slug FROM contests WHERE id = $1`, [
    event.contestId,
  ])) as ContestFacts[];
  if (!contest) return 0;
  const { type, messages } = await messagesOf(manager, event, contest);
  if (!messages.length) return 0;
  const common = { contestName: contest.name, contestSlug: contest.slug };
  const rows = messages.map((m) => ({ ...m, payload: { ...common, ...m.payload } }));
  const inserted: unknown[] = await manager.query(
    `INSERT INTO notifications
            (contest_id, recipient_id, channel, event_type, payload, dedupe_key, status, sent_at)
     SELECT $1, m.recipient_id, c.channel, $2, m.payload, m.dedupe_key,
            CASE c.channel WHEN 'in_app' THEN 'sent' ELSE 'pending' END,
            CASE c.channel WHEN 'in_app' THEN now() END
       FROM jsonb_to_recordset($3::jsonb) AS m(recipient_id uuid, dedupe_key text, payload jsonb)
       JOIN users u ON u.id = m.recipient_id AND u.disabled_at IS NULL
       LEFT JOIN notification_settings s ON s.user_id = m.recipient_id
      CROSS JOIN (VALUES ('in_app'), ('email')) AS c(channel)
      WHERE c.channel = 'in_app'
         OR ($4 AND s.email IS NOT NULL AND (NOT $5 OR s.reminders))
     ON CONFLICT (recipient_id, channel, contest_id, dedupe_key) DO NOTHING
     RETURNING id`,
    [contest.id, type, JSON.stringify(rows), isEmailEnabled(), type === 'judging.reminder'],
  );
  return inserted.length;
}

async function messagesOf(
  em: EntityManager,
  event: NotificationEvent,
  contest: ContestFacts,
): Promise<{ type: EventType; messages: Message[] }> {
  switch (event.type) {
    case 'account.created': {
      const rows: { username: string; display_name: string; role: string }[] = await em.query(
        `SELECT u.username, u.display_name, m.role FROM users u
           JOIN contest_members m ON m.user_id = u.id AND m.contest_id = $2
          WHERE u.id = $1`,
        [event.userId, contest.id],
      );
      return {
        type: event.type,
        messages: rows.map((r) => ({
          recipient_id: event.userId,
          dedupe_key: `account.created:${contest.id}`,
          payload: { username: r.username, displayName: r.display_name, role: r.role },
        })),
      };
    }
    case 'entry.reviewed': {
      const rows = await teamAccountsOf(em, contest.id, `e.id = $2`, [event.entryId]);
      const status = rows[0]?.status;
      const type = status === 'approved' ? 'entry.approved' : 'entry.returned';
      if (status !== 'approved' && status !== 'returned') return { type, messages: [] };
      return {
        type,
        messages: rows.map((r) => ({
          recipient_id: r.user_id,
          dedupe_key: `${type}:${r.entry_id}:v${r.version}`,
          payload: entryFacts(r),
        })),
      };
    }
    case 'entry.published': {
      const rows = await teamAccountsOf(em, contest.id, `e.status = 'published'`, []);
      return {
        type: event.type,
        messages: rows.map((r) => ({
          recipient_id: r.user_id,
          dedupe_key: `entry.published:${r.entry_id}`,
          payload: { ...entryFacts(r), postUrl: r.post_url },
        })),
      };
    }
    case 'judge.assigned': {
      const rows: { judge_id: string; entries: number; fingerprint: string }[] = await em.query(
        `SELECT judge_id, count(*)::int AS entries,
                md5(string_agg(entry_id::text, ',' ORDER BY entry_id)) AS fingerprint
           FROM judge_assignments
          WHERE contest_id = $1 AND ($2::uuid IS NULL OR judge_id = $2)
          GROUP BY judge_id`,
        [contest.id, event.judgeId ?? null],
      );
      // One message per distinct set of entries: re-running the assignment changes nothing.
      return {
        type: event.type,
        messages: rows.map((r) => ({
          recipient_id: r.judge_id,
          dedupe_key: `judge.assigned:${r.fingerprint}`,
          payload: { entries: r.entries },
        })),
      };
    }
    case 'results.published': {
      const [version]: { correction_reason: string | null; superseded: number }[] = await em.query(
        `SELECT v.correction_reason,
                  (SELECT count(*)::int FROM results_versions o
                    WHERE o.contest_id = v.contest_id AND o.status = 'superseded') AS superseded
             FROM results_versions v WHERE v.contest_id = $1 AND v.version = $2`,
        [contest.id, event.version],
      );
      if (!version) return { type: event.type, messages: [] };
      const type = version.superseded > 0 ? 'results.corrected' : 'results.published';
      return {
        type,
        messages: (await everyoneIn(em, contest.id)).map((userId) => ({
          recipient_id: userId,
          dedupe_key: `results:v${event.version}`,
          payload: { version: event.version, correctionReason: version.correction_reason },
        })),
      };
    }
    case 'final.order_drawn': {
      const order: { position: number; team_number: number; team_name: string }[] = await em.query(
        `SELECT o.position::int, t.number AS team_number, t.name AS team_name
             FROM final_states f
            CROSS JOIN LATERAL jsonb_array_elements_text(f.entry_order) WITH ORDINALITY AS o(entry_id, position)
             JOIN entries e ON e.id = o.entry_id::uuid
             JOIN teams t ON t.id = e.team_id
            WHERE f.contest_id = $1 ORDER BY o.position`,
        [contest.id],
      );
      const fingerprint = digest(order.map((o) => o.team_number).join(','));
      return {
        type: event.type,
        messages: (await everyoneIn(em, contest.id)).map((userId) => ({
          recipient_id: userId,
          dedupe_key: `final.order_drawn:${fingerprint}`,
          payload: {
            order: order.map((o) => ({
              position: o.position,
              teamNumber: o.team_number,
              teamName: o.team_name,
            })),
          },
        })),
      };
    }
    case 'fanpage.problem': {
      const organisers: { user_id: string }[] = await em.query(
        `SELECT user_id FROM contest_members WHERE contest_id = $1 AND role = 'organiser'
          UNION SELECT id FROM users WHERE is_admin AND disabled_at IS NULL`,
        [contest.id],
      );
      const type = event.cutoffMissed ? 'fanpage.cutoff_missed' : 'fanpage.problem';
      return {
        type,
        messages: organisers.map((o) => ({
          recipient_id: o.user_id,
          dedupe_key: `${type}:${event.occurrence}`,
          payload: {
            contestId: contest.id,
            problemCode: event.problem.code,
            message: event.problem.message,
            action: event.problem.action,
            scheduledAt: event.scheduledAt,
            unread: event.unread ?? [],
          },
        })),
      };
    }
    case 'judging.reminder': {
      const rows: { judge_id: string; missing: number }[] = await em.query(
        `SELECT a.judge_id, count(*)::int AS missing
           FROM judge_assignments a
           LEFT JOIN scorecards s ON s.contest_id = a.contest_id AND s.judge_id = a.judge_id
                                 AND s.entry_id = a.entry_id AND s.status = 'submitted'
          WHERE a.contest_id = $1 AND s.id IS NULL
          GROUP BY a.judge_id`,
        [contest.id],
      );
      return {
        type: event.type,
        messages: rows.map((r) => ({
          recipient_id: r.judge_id,
          dedupe_key: `judging.reminder:${event.deadline}:${event.hoursBefore}h`,
          payload: { missing: r.missing, deadline: event.deadline },
        })),
      };
    }
  }
}

interface TeamAccountRow {
  user_id: string;
  status: string;
  entry_id: string;
  version: number;
  name: string;
  return_reasons: string[] | null;
  post_url: string | null;
  team_number: number;
  team_name: string;
}

function teamAccountsOf(
  em: EntityManager,
  contestId: string,
  where: string,
  params: unknown[],
): Promise<TeamAccountRow[]> {
  return em.query(
    `SELECT m.user_id, e.id AS entry_id, e.status, e.version, e.name, e.return_reasons, e.post_url,
            t.number AS team_number, t.name AS team_name
       FROM entries e
       JOIN teams t ON t.id = e.team_id
       JOIN contest_members m ON m.team_id = e.team_id AND m.role = 'team'
      WHERE e.contest_id = $1 AND ${where}`,
    [contestId, ...params],
  );
}

function entryFacts(r: TeamAccountRow) {
  return {
    entryName: r.name,
    teamNumber: r.team_number,
    teamName: r.team_name,
    reasons: r.return_reasons ?? [],
  };
}

async function everyoneIn(em: EntityManager, contestId: string): Promise<string[]> {
  const rows: { user_id: string }[] = await em.query(
    `SELECT user_id FROM contest_members WHERE contest_id = $1`,
    [contestId],
  );
  return rows.map((r) => r.user_id);
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

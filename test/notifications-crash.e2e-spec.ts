import type { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { BuiltServer, stopProcess } from './support/built-server';
import { createScratchDatabase } from './support/database';
import { eventually, SmtpSink } from './support/smtp-sink';

/**
 * The sender across processes: the built server (`dist/src/main.js`) on a real PostgreSQL,
 * sending through the SMTP server process of test/support/smtp-sink.js.
 * - killed with SIGKILL while the mail server holds a message it will never accept (every 5th
 *   message is held until its client goes away), three times, then restarted: every notification arrives exactly once (counted by Message-ID);
 * - two instances on one database drain the same outbox: none is sent twice.
 */
const MAIL_DOMAIN = 'noivu.example.vn';

function serverSettings(databaseUrl: string, smtpUrl: string): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: databaseUrl,
    ADMIN_PASSWORD: 'notify-test-password',
    JWT_SECRET: 'notify-test-secret-notify-test-secret-012345',
    LOG_LEVEL: 'error',
    SMTP_URL: smtpUrl,
    MAIL_FROM: `Hội thi CCHC <hoithi@${MAIL_DOMAIN}>`,
    NOTIFY_POLL_MS: '50',
    NOTIFY_RETRY_BASE_SECONDS: '1',
    REMINDER_CHECK_INTERVAL_SECONDS: '0',
  };
}

/** `perMember` pending e-mails to every member of the demo contest (outbox rows as a fixture). */
async function fillOutbox(sql: Client, tag: string, perMember: number): Promise<string[]> {
  await sql.query(
    `INSERT INTO notification_settings (user_id, email)
     SELECT id, username || '@example.vn' FROM users ON CONFLICT (user_id) DO NOTHING`,
  );
  const { rows } = await sql.query(
    `INSERT INTO notifications (contest_id, recipient_id, channel, event_type, payload, dedupe_key)
     SELECT c.id, m.user_id, 'email', 'results.published',
            jsonb_build_object('contestName', c.name, 'contestSlug', c.slug, 'version', g), $2 || ':' || g
       FROM contests c JOIN contest_members m ON m.contest_id = c.id
      CROSS JOIN generate_series(1, $1::int) AS g
     RETURNING id`,
    [perMember, tag],
  );
  return rows.map((r: { id: string }) => r.id);
}

/** Every notification delivered exactly once: one stored message per Message-ID, no other. */
async function expectExactlyOnce(sink: SmtpSink, sql: Client, ids: string[]) {
  const mails = await sink.messages();
  const perId = new Map<string, number>();
  for (const m of mails) perId.set(m.messageId, (perId.get(m.messageId) ?? 0) + 1);
  const expected = ids.map((id) => `<${id}@${MAIL_DOMAIN}>`).sort();
  expect([...perId.keys()].sort()).toEqual(expected);
  expect([...perId.values()].filter((n) => n !== 1)).toEqual([]);
  expect(mails).toHaveLength(ids.length);
  const { rows } = await sql.query(
    `SELECT status, count(*)::int AS n FROM notifications WHERE id = ANY($1) GROUP BY status`,
    [ids],
  );
  expect(rows).toEqual([{ status: 'sent', n: ids.length }]);
}

describe('notifications: crash mid-send and two instances (built server, real SMTP)', () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  let sql: Client;
  const children: ChildProcess[] = [];
  const servers: BuiltServer[] = [];
  const sinks: SmtpSink[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase('notify');
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    for (const child of children) await stopProcess(child, 'SIGKILL');
    for (const sink of sinks) await sink.stop();
    for (const server of servers) server.removeDataDir();
    await sql?.end();
    await database?.drop();
  });

  async function serve(name: string, smtpUrl: string): Promise<BuiltServer> {
    const server = await BuiltServer.inFreshDataDir(name, serverSettings(database.url, smtpUrl));
    servers.push(server);
    return server;
  }
  async function start(server: BuiltServer): Promise<ChildProcess> {
    const child = await server.start();
    children.push(child);
    return child;
  }

  it('SIGKILL while a message is on the wire: after restart every notification arrives exactly once', async () => {
    // the mail server holds every 5th message unanswered (three times): the kill lands while one
    // is held, and four are accepted between kills
    const sink = await SmtpSink.start({ hold: { every: 5, max: 3 } });
    sinks.push(sink);
    const server = await serve('notify-crash', sink.url);
    let child = await start(server);
    const ids = await fillOutbox(sql, 'crash', 2);
    expect(ids.length).toBeGreaterThan(20);
    for (let round = 0; round < 3; round++) {
      const before = sink.files().length;
      await eventually(
        () => sink.files().length > before && sink.holding(),
        30_000,
        'a held message',
      );
      await stopProcess(child, 'SIGKILL');
      // the held message was never accepted; its row is pending again (lock released with the connection)
      await eventually(() => !sink.holding(), 15_000, 'the sink to drop the message');
      child = await start(server);
    }
    await eventually(
      async () =>
        (
          await sql.query(
            `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status = 'sent'`,
            [ids],
          )
        ).rows[0].n === ids.length,
      60_000,
      'every notification sent',
    );
    await expectExactlyOnce(sink, sql, ids);
    await stopProcess(child, 'SIGINT');
  }, 240_000);

  it('two instances on one database drain one outbox without sending anything twice', async () => {
    // whatever the previous test left running (if it failed midway) would drain this outbox too
    for (const child of children) await stopProcess(child, 'SIGKILL');
    const sink = await SmtpSink.start({ delayMs: 5 });
    sinks.push(sink);
    await sql.query(`UPDATE notifications SET status = 'failed'`); // the previous test's rows rest
    const a = await serve('notify-a', sink.url);
    const b = await serve('notify-b', sink.url);
    await Promise.all([start(a), start(b)]);
    const ids = await fillOutbox(sql, 'two', 8);
    await eventually(
      async () =>
        (
          await sql.query(
            `SELECT count(*)::int AS n FROM notifications WHERE id = ANY($1) AND status = 'sent'`,
            [ids],
          )
        ).rows[0].n === ids.length,
      90_000,
      'every notification sent',
    );
    await expectExactlyOnce(sink, sql, ids);
  }, 180_000);
});

'use strict';
/**
 * A real SMTP server process for the notification tests (the `smtp-server` package).
 * Every accepted message is stored as <n>.eml in SINK_DIR (written to a temporary name, then
 * renamed, so a reader never sees half a file). Settings, from the environment:
 * - SINK_DIR: where messages go (required);
 * - SINK_REFUSE: comma-separated addresses answered "550 5.1.1 … User unknown" at RCPT TO;
 * - SINK_DELAY_MS: after the end of the data, hold the message this long before storing it
 *   and answering 250. If the client vanished during the hold, the message is not accepted
 *   (nothing stored), as with any server that never said 250.
 * - SINK_HOLD_EVERY / SINK_HOLD_MAX: every SINK_HOLD_EVERY-th message (at most SINK_HOLD_MAX of
 *   them) is held with no time limit: never answered, dropped when its client goes away. The
 *   crash test kills the app then. No timer decides it, so a slow machine cannot turn the
 *   kill into one that lands after the 250 (which would be a real, documented duplicate).
 * While a message is held, a file `inflight-<n>` exists.
 * Prints "LISTENING <port>" once ready. Plain JavaScript: it runs in a child process.
 */
const { SMTPServer } = require('smtp-server');
const { mkdirSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.SINK_DIR;
if (!dir) throw new Error('SINK_DIR is required');
mkdirSync(dir, { recursive: true });
const refuse = new Set(
  (process.env.SINK_REFUSE || '')
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean),
);
const delayMs = Number(process.env.SINK_DELAY_MS || 0);
const holdEvery = Number(process.env.SINK_HOLD_EVERY || 0);
let holdsLeft = Number(process.env.SINK_HOLD_MAX || 0);
let counter = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (refuse.has(address.address.toLowerCase())) {
      const error = new Error(
        `5.1.1 <${address.address}>: Recipient address rejected: User unknown in virtual mailbox table`,
      );
      error.responseCode = 550;
      return callback(error);
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', () => {
      const n = `${process.pid}-${++counter}`;
      const accept = () => {
        rmSync(join(dir, `inflight-${n}`), { force: true });
        if (session.closed) return callback(new Error('client gone'));
        writeFileSync(join(dir, `${n}.tmp`), Buffer.concat(chunks));
        renameSync(join(dir, `${n}.tmp`), join(dir, `${n}.eml`));
        callback(null, `Ok: queued as ${n}`);
      };
      if (holdEvery && holdsLeft > 0 && counter % holdEvery === 0) {
        holdsLeft--;
        writeFileSync(join(dir, `inflight-${n}`), '');
        session.dropHeld = () => {
          rmSync(join(dir, `inflight-${n}`), { force: true });
          callback(new Error('client gone'));
        };
        return;
      }
      if (!delayMs) return accept();
      writeFileSync(join(dir, `inflight-${n}`), '');
      setTimeout(accept, delayMs);
    });
  },
  onClose(session) {
    session.closed = true;
    if (session.dropHeld) session.dropHeld();
  },
});
server.listen(Number(process.env.SINK_PORT || 0), '127.0.0.1', () => {
  process.stdout.write(`LISTENING ${server.server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

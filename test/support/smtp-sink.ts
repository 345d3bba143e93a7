import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  file: string;
  messageId: string;
  to: string;
  from: string;
  replyTo: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The SMTP server of the tests, in a child process of its own (test/support/smtp-sink.js):
 * a real TCP server speaking SMTP, storing every accepted message as an .eml file.
 */
export class SmtpSink {
  private constructor(
    private readonly proc: ChildProcess,
    readonly port: number,
    readonly dir: string,
  ) {}

  /**
   * `delayMs`: hold each message that long before accepting it; `hold`: hold every `every`-th
   * message (at most `max`) until its client goes away, never accepting it.
   */
  static async start(
    options: { refuse?: string[]; delayMs?: number; hold?: { every: number; max: number } } = {},
  ): Promise<SmtpSink> {
    const dir = mkdtempSync(join(tmpdir(), 'cchc-smtp-'));
    const proc = spawn(process.execPath, [join(__dirname, 'smtp-sink.js')], {
      env: {
        ...process.env,
        SINK_DIR: dir,
        SINK_REFUSE: (options.refuse ?? []).join(','),
        SINK_DELAY_MS: String(options.delayMs ?? 0),
        SINK_HOLD_EVERY: String(options.hold?.every ?? 0),
        SINK_HOLD_MAX: String(options.hold?.max ?? 0),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      proc.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /LISTENING (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      proc.once('exit', (code) => reject(new Error(`smtp sink exited (${code})`)));
    });
    return new SmtpSink(proc, port, dir);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Names of the messages stored so far. */
  files(): string[] {
    return readdirSync(this.dir).filter((f) => f.endsWith('.eml'));
  }

  /** True while the server holds a message it has not accepted yet (`delayMs` or `hold`). */
  holding(): boolean {
    return readdirSync(this.dir).some((f) => f.startsWith('inflight-'));
  }

  async messages(): Promise<ReceivedMail[]> {
    const all: ReceivedMail[] = [];
    for (const file of this.files().sort()) {
      const mail = await simpleParser(readFileSync(join(this.dir, file)));
      const addresses = (a: typeof mail.to) =>
        (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(', ');
      all.push({
        file,
        messageId: mail.messageId ?? '',
        to: addresses(mail.to),
        from: mail.from?.text ?? '',
        replyTo: mail.replyTo?.text ?? '',
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        html: typeof mail.html === 'string' ? mail.html : '',
      });
    }
    return all;
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      await new Promise<void>((resolve) => {
        this.proc.once('exit', () => resolve());
        this.proc.kill('SIGTERM');
      });
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

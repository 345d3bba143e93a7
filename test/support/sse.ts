import { request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  /** a comment line (heartbeat), without the leading colon */
  comment?: string;
  retry?: number;
}

/**
 * A minimal EventSource for tests: a real HTTP connection to the server, parsing the stream
 * as the WHATWG spec says (fields, blank line ends an event, comments).
 */
export class SseTestClient {
  readonly events: SseEvent[] = [];
  status = 0;
  headers: IncomingMessage['headers'] = {};
  private buffer = '';
  private current: SseEvent = {};
  private waiters: (() => void)[] = [];
  private closeRequest: () => void = () => undefined;

  static async connect(server: Server, path: string, lastEventId?: string): Promise<SseTestClient> {
    const client = new SseTestClient();
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path,
          headers: {
            Accept: 'text/event-stream',
            ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}),
          },
        },
        (res) => {
          client.status = res.statusCode ?? 0;
          client.headers = res.headers;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => client.feed(chunk));
          resolve();
        },
      );
      req.on('error', reject);
      client.closeRequest = () => req.destroy();
      req.end();
    });
    return client;
  }

  /** Board events received so far, parsed. */
  boards<T = Record<string, unknown>>(): (T & { _id: string })[] {
    return this.events
      .filter((e) => e.event === 'board')
      .map((e) => ({ ...(JSON.parse(e.data!) as T), _id: e.id! }));
  }

  /** Resolves when an event matching `predicate` has arrived (or fails after `timeoutMs`). */
  async waitFor(predicate: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(predicate);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close() {
    this.closeRequest();
  }

  private feed(chunk: string) {
    this.buffer += chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, newline).replace(/\r$/, '');
      this.buffer = this.buffer.slice(newline + 1);
      this.line(line);
    }
  }

  private line(line: string) {
    if (line === '') {
      if (Object.keys(this.current).length) this.push(this.current);
      this.current = {};
      return;
    }
    if (line.startsWith(':')) {
      this.push({ comment: line.slice(1).trim() });
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data')
      this.current.data =
        this.current.data === undefined ? value : `${this.current.data}\n${value}`;
    else if (field === 'id') this.current.id = value;
    else if (field === 'event') this.current.event = value;
    else if (field === 'retry') this.current.retry = Number(value);
  }

  private push(event: SseEvent) {
    this.events.push(event);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

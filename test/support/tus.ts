import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type TestAgent from 'supertest/lib/agent';
import { bearer } from './test-app';

const b64 = (s: string) => Buffer.from(s).toString('base64');

/** A small tus client for tests: create, patch in chunks, read state. */
export class TusTestClient {
  constructor(
    private readonly http: TestAgent,
    private readonly token: string,
    private readonly contestId: string,
  ) {}

  create(kind: string, fileName: string, size: number) {
    return this.http
      .post(`/api/contests/${this.contestId}/uploads`)
      .set(bearer(this.token))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', String(size))
      .set('Upload-Metadata', `kind ${b64(kind)},filename ${b64(fileName)}`);
  }

  patch(id: string, offset: number, chunk: Buffer) {
    return this.http
      .patch(`/api/contests/${this.contestId}/uploads/${id}`)
      .set(bearer(this.token))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Offset', String(offset))
      .set('Content-Type', 'application/offset+octet-stream')
      .send(chunk);
  }

  head(id: string) {
    return this.http
      .head(`/api/contests/${this.contestId}/uploads/${id}`)
      .set(bearer(this.token))
      .set('Tus-Resumable', '1.0.0');
  }

  /** Uploads a whole body in chunks; returns the final PATCH response. */
  async upload(kind: string, fileName: string, body: Buffer, chunkSize = 64 * 1024) {
    const created = await this.create(kind, fileName, body.length);
    if (created.status !== 201) return { id: null as string | null, res: created };
    const id = created.body.id as string;
    let offset = 0;
    let res = created;
    while (offset < body.length) {
      const chunk = body.subarray(offset, offset + chunkSize);
      res = await this.patch(id, offset, chunk);
      if (res.status !== 204) return { id, res };
      offset = Number(res.headers['upload-offset']);
    }
    return { id, res };
  }
}

/**
 * Sends the first `sendBytes` of a PATCH body and then cuts the connection, like a ward
 * office's Wi-Fi dropping mid-upload.
 */
export function abortedPatch(
  server: Server,
  path: string,
  token: string,
  offset: number,
  total: Buffer,
  sendBytes: number,
) {
  const { port } = server.address() as AddressInfo;
  return new Promise<void>((resolve) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${token}`,
        'tus-resumable': '1.0.0',
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
        'content-length': String(total.length - offset),
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(total.subarray(offset, offset + sendBytes), () => {
      setTimeout(() => req.destroy(), 150);
    });
  });
}

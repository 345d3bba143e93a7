import type TestAgent from 'supertest/lib/agent';
import { bearer } from './test-app';

/**
 * What the team portal does for a direct upload (STORAGE=s3), over real HTTP: the API calls
 * through supertest, the part PUTs with fetch straight to the S3 server's presigned URLs.
 */
export class DirectUploadClient {
  constructor(
    private readonly http: TestAgent,
    private readonly token: string,
    private readonly contestId: string,
  ) {}

  private get base() {
    return `/api/contests/${this.contestId}/direct-uploads`;
  }

  start(kind: string, fileName: string, size: number) {
    return this.http.post(this.base).set(bearer(this.token)).send({ kind, fileName, size });
  }

  get(id: string) {
    return this.http.get(`${this.base}/${id}`).set(bearer(this.token));
  }

  partUrls(id: string, partNumbers: number[]) {
    return this.http
      .post(`${this.base}/${id}/part-urls`)
      .set(bearer(this.token))
      .send({ partNumbers });
  }

  record(id: string, part: { partNumber: number; etag: string; size: number }) {
    return this.http.post(`${this.base}/${id}/parts`).set(bearer(this.token)).send(part);
  }

  complete(id: string) {
    return this.http.post(`${this.base}/${id}/complete`).set(bearer(this.token)).send();
  }

  abort(id: string) {
    return this.http.delete(`${this.base}/${id}`).set(bearer(this.token));
  }

  /** PUTs the given parts of `body` to the bucket in parallel, then records each. */
  async sendParts(id: string, body: Buffer, partSize: number, partNumbers: number[]) {
    const urls = await this.partUrls(id, partNumbers);
    if (urls.status !== 200) throw new Error(`part-urls: ${urls.status} ${urls.text}`);
    await Promise.all(
      (urls.body.urls as { partNumber: number; url: string }[]).map(async ({ partNumber, url }) => {
        const bytes = body.subarray((partNumber - 1) * partSize, partNumber * partSize);
        const put = await fetch(url, { method: 'PUT', body: bytes });
        if (!put.ok) throw new Error(`PUT part ${partNumber}: ${put.status}`);
        const etag = put.headers.get('etag')!;
        const rec = await this.record(id, { partNumber, etag, size: bytes.length });
        if (rec.status !== 200)
          throw new Error(`record part ${partNumber}: ${rec.status} ${rec.text}`);
      }),
    );
  }

  /** start → all parts → complete; returns the start and complete answers. */
  async upload(kind: string, fileName: string, body: Buffer) {
    const started = await this.start(kind, fileName, body.length);
    if (started.status !== 201) return { id: null as string | null, res: started };
    const { id, partSize, partCount } = started.body as {
      id: string;
      partSize: number;
      partCount: number;
    };
    const all = Array.from({ length: partCount }, (_, i) => i + 1);
    for (let i = 0; i < all.length; i += 4)
      await this.sendParts(id, body, partSize, all.slice(i, i + 4));
    return { id, res: await this.complete(id) };
  }
}

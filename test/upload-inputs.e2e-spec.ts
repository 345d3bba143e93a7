import { mp4 } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { TusTestClient } from './support/tus';

/**
 * What a tus client (or anyone with a team's token) can send that is wrong: every answer is
 * a 4xx in the one error shape, never a 500, and the upload stays usable afterwards.
 */
describe('uploads: what a client can send wrong', () => {
  let t: TestApp;
  let contestId: string;
  let token: string;
  let other: string;
  let team1: TusTestClient;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_VIDEO_BYTES: String(8 * 1024 * 1024) });
    const admin = await t.login('admin');
    contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id;
    for (const to of ['registration', 'submission']) {
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    }
    token = await t.login('doi1');
    other = await t.login('doi2');
    team1 = new TusTestClient(t.http, token, contestId);
  });
  afterAll(() => t?.close());

  const uploads = () => `/api/contests/${contestId}/uploads`;
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const expectClientError = (res: { status: number; body: { code?: string } }) => {
    expect({ status: res.status, hasCode: typeof res.body.code === 'string' }).toEqual({
      status: expect.any(Number),
      hasCode: true,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  };

  it.each([
    ['no metadata', undefined, '1000'],
    ['an empty metadata pair', `kind ${b64('video')},`, '1000'],
    ['a key with a space inside', `ki nd ${b64('video')}`, '1000'],
    ['an unknown kind', `kind ${b64('audio')},filename ${b64('a.mp3')}`, '1000'],
    ['a kind not in base64', `kind video,filename ${b64('a.mp4')}`, '1000'],
    ['a bare key', `kind,filename`, '1000'],
    ['a negative length', `kind ${b64('video')}`, '-5'],
    ['a decimal length', `kind ${b64('video')}`, '1.5'],
    ['a length past 2^53', `kind ${b64('video')}`, '99999999999999999999'],
    ['a zero length', `kind ${b64('video')}`, '0'],
  ])('refuses a creation with %s (4xx, never 500)', async (_label, metadata, length) => {
    const req = t.http
      .post(uploads())
      .set(bearer(token))
      .set('Tus-Resumable', '1.0.0')
      .set('Upload-Length', length);
    if (metadata !== undefined) req.set('Upload-Metadata', metadata);
    expectClientError(await req);
  });

  it('answers a wrong PATCH with 4xx and keeps the upload resumable', async () => {
    const body = mp4(100_000);
    const { body: created } = await team1.create('video', 'x.mp4', body.length);
    const id = created.id as string;
    const patch = (headers: Record<string, string>, chunk: Buffer = body.subarray(0, 10)) => {
      const req = t.http.patch(`${uploads()}/${id}`).set(bearer(token));
      for (const [k, v] of Object.entries(headers)) req.set(k, v);
      return req.send(chunk);
    };
    const octet = { 'Content-Type': 'application/offset+octet-stream' };
    for (const res of [
      await patch({ ...octet, 'Upload-Offset': '5' }),
      await patch({ ...octet, 'Upload-Offset': '-1' }),
      await patch({ ...octet, 'Upload-Offset': 'abc' }),
      await patch({ ...octet, 'Upload-Offset': '99999999999999999999' }),
      await patch({ ...octet }),
      await patch({ 'Content-Type': 'application/json', 'Upload-Offset': '0' }),
    ])
      expectClientError(res);
    // another team: as if the upload did not exist
    const foreign = await t.http
      .head(`${uploads()}/${id}`)
      .set(bearer(other))
      .set('Tus-Resumable', '1.0.0');
    expect(foreign.status).toBe(404);
    expect(foreign.headers['upload-offset']).toBeUndefined();
    // still resumable from 0
    const head = await team1.head(id);
    expect(head.headers['upload-offset']).toBe('0');
    expect((await team1.patch(id, 0, body)).status).toBe(204);
  });
});

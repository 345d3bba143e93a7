import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { mp4 } from './support/sample-files';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { TusTestClient } from './support/tus';

/**
 * How the server serves the web app and the API over plain HTTP on a hall's LAN, behind a
 * proxy and over its own TLS: security headers, precompressed assets, compressed JSON, 404s
 * for missing files, source maps on request. Needs the built web app (npm test builds it).
 */
const WEB_DIST = process.env.WEB_DIST_DIR ?? join(__dirname, '..', 'web', 'dist');
const assetNames = () => readdirSync(join(WEB_DIST, 'assets'));
const mainScript = () => {
  const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
  const match = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html);
  if (!match) throw new Error('index.html names no script: is the web app built?');
  return match[1]!;
};

/** A raw response: the bytes as they came over the wire, not decompressed. */
function raw(
  t: TestApp,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = t.server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serving over plain HTTP (a hall LAN)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('sends no upgrade-insecure-requests and no HSTS to a page fetched as http://192.168.1.10:3000', async () => {
    for (const path of ['/', '/giam-khao', '/api/health']) {
      const res = await t.http
        .get(path)
        .set('Host', '192.168.1.10:3000')
        .set('Accept', 'text/html');
      expect(res.status).toBe(200);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('tells the browser to upgrade when a trusted proxy (loopback by default) says https', async () => {
    const res = await t.http.get('/').set('X-Forwarded-Proto', 'https');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
  });

  it('serves the brotli or gzip twin of an asset by Accept-Encoding, with Vary', async () => {
    const script = mainScript();
    const plain = readFileSync(join(WEB_DIST, script));
    const br = await raw(t, script, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(br.headers['cache-control']).toContain('immutable');
    expect(br.body.length).toBeLessThan(plain.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain)).toBe(true);

    const gz = await raw(t, script, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain)).toBe(true);

    const identity = await raw(t, script);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(identity.headers.vary).toMatch(/Accept-Encoding/i);
    expect(identity.body.equals(plain)).toBe(true);
  });

  it('answers 404 for missing assets and file names; only page paths get index.html', async () => {
    for (const path of [
      '/assets/missing.js',
      '/assets/ConsoleApp-0ld0ld.js',
      '/assets/nothing-here',
      '/robots.txt',
      '/c/nga-bay-2022/logo.png',
    ]) {
      const res = await t.http.get(path).set('Accept', '*/*');
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(res.body).toMatchObject({ statusCode: 404, code: 'FILE_NOT_FOUND' });
    }
    for (const path of ['/', '/c/nga-bay-2022/truc-tiep', '/giam-khao/so-khao', '/btc']) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<div id="app">');
    }
  });

  it("allows index.html's inline script by its hash in the page's CSP, never 'unsafe-inline'", async () => {
    const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(inline).toHaveLength(1); // web/src/boot.ts, the page's first GETs
    const hash = `'sha256-${createHash('sha256').update(inline[0]!).digest('base64')}'`;
    // a page, and the service worker's copy of the shell (its offline fallback)
    for (const path of ['/', '/btc/abc', '/giam-khao/so-khao', '/index.html']) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      const scriptSrc = String(res.headers['content-security-policy'])
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith('script-src '));
      expect({ path, scriptSrc }).toEqual({ path, scriptSrc: `script-src 'self' ${hash}` });
    }
    // an API answer or an asset carries no page script allowance
    const api = await t.http.get('/api/health');
    expect(api.headers['content-security-policy']).not.toContain('sha256-');
  });

  it('ships a favicon', async () => {
    const ico = await t.http.get('/favicon.ico');
    expect(ico.status).toBe(200);
    expect(ico.headers['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
    const svg = await t.http.get('/favicon.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/image\/svg\+xml/);
    expect((await t.http.get('/')).text).toContain('href="/favicon.svg"');
  });

  it('keeps source maps to itself unless SERVE_SOURCE_MAPS=true', async () => {
    const map = assetNames().find((n) => n.endsWith('.js.map'))!;
    expect(map).toBeDefined();
    expect((await t.http.get(`/assets/${map}`)).status).toBe(404);
    const js = await t.http.get(`/assets/${map.replace(/\.map$/, '')}`);
    expect(js.status).toBe(200);
    expect(js.headers.sourcemap).toBeUndefined();
    expect(js.text).not.toContain('sourceMappingURL');
  });

  it('compresses JSON above 1 kB, not small answers', async () => {
    const docs = await raw(t, '/api/docs-json', { 'Accept-Encoding': 'gzip, br' });
    expect(docs.status).toBe(200);
    expect(docs.headers['content-encoding']).toBe('br');
    expect(docs.headers.vary).toMatch(/Accept-Encoding/i);
    const document = JSON.parse(brotliDecompressSync(docs.body).toString('utf8'));
    expect(document.openapi).toMatch(/^3\./);
    const gz = await raw(t, '/api/docs-json', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(gunzipSync(gz.body).length / 4);

    const health = await raw(t, '/api/health', { 'Accept-Encoding': 'gzip, br' });
    expect(health.status).toBe(200);
    expect(health.body.length).toBeLessThan(1024);
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses a video', async () => {
    const admin = await t.login('admin');
    const contestId = (await t.sql.query(`SELECT id FROM contests`)).rows[0].id as string;
    for (const to of ['registration', 'submission'])
      await t.http
        .post(`/api/contests/${contestId}/transitions`)
        .set(bearer(admin))
        .send({ to })
        .expect(200);
    const team = new TusTestClient(t.http, await t.login('doi1'), contestId);
    const video = mp4(200 * 1024);
    const { id, res } = await team.upload('video', 'mo-hinh.mp4', video);
    expect(res.status).toBe(204);
    const content = await raw(t, `/api/contests/${contestId}/uploads/${id}/content`, {
      ...bearer(admin),
      'Accept-Encoding': 'gzip, br',
    });
    expect(content.status).toBe(200);
    expect(content.headers['content-type']).toMatch(/^video\/mp4/);
    expect(content.headers['content-encoding']).toBeUndefined();
    expect(content.body.equals(video)).toBe(true);
  });

  it('streams the live board uncompressed, event by event, to a client accepting gzip and br', async () => {
    await t.sql.query(`UPDATE contests SET status = 'final' WHERE slug = 'nga-bay-2022'`);
    const { port } = t.server.address() as AddressInfo;
    const first = await new Promise<{ headers: IncomingHttpHeaders; text: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: '/api/public/contests/nga-bay-2022/live',
            headers: { Accept: 'text/event-stream', 'Accept-Encoding': 'gzip, deflate, br' },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
              // the first board arrives while the stream stays open
              if (text.includes('event: board') && text.includes('\n\n')) {
                resolve({ headers: res.headers, text });
                req.destroy();
              }
            });
          },
        );
        req.on('error', reject);
        req.setTimeout(10_000, () => reject(new Error('no board event within 10 s')));
        req.end();
      },
    );
    expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(first.headers['content-encoding']).toBeUndefined();
    expect(first.text).toMatch(/event: board\ndata: \{/);
  });
});

describe('serving with SERVE_SOURCE_MAPS=true', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SERVE_SOURCE_MAPS: 'true' });
  });
  afterAll(() => t?.close());

  it('serves the maps and names them in a SourceMap header', async () => {
    const map = assetNames().find((n) => n.endsWith('.js.map'))!;
    const js = await t.http.get(`/assets/${map.replace(/\.map$/, '')}`);
    expect(js.headers.sourcemap).toBe(map);
    const res = await t.http.get(`/assets/${map}`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).version).toBe(3);
  });
});

describe('serving behind a proxy', () => {
  it('ignores X-Forwarded-Proto when TRUST_PROXY=false', async () => {
    const t = await startTestApp({ TRUST_PROXY: 'false' });
    try {
      const res = await t.http.get('/').set('X-Forwarded-Proto', 'https');
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    } finally {
      await t.close();
    }
  });

  it('upgrades every request when PUBLIC_URL is https', async () => {
    const t = await startTestApp({ PUBLIC_URL: 'https://hoithi.example.gov.vn' });
    try {
      const res = await t.http.get('/').set('Host', '192.168.1.10:3000');
      expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    } finally {
      await t.close();
    }
  });
});

describe('direct HTTPS (TLS_CERT_FILE, TLS_KEY_FILE)', () => {
  let dir: string;
  let t: TestApp;
  let cert: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cchc-tls-'));
    // a hall's self-signed certificate for the laptop's LAN address and a local name
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=hoithi.lan',
      '-addext',
      'subjectAltName=DNS:hoithi.lan,DNS:localhost,IP:127.0.0.1,IP:192.168.1.10',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    cert = readFileSync(join(dir, 'cert.pem'));
    t = await startTestApp({
      TLS_CERT_FILE: join(dir, 'cert.pem'),
      TLS_KEY_FILE: join(dir, 'key.pem'),
    });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the app over TLS and asks browsers to stay on HTTPS', async () => {
    const { port } = t.server.address() as AddressInfo;
    const res = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>(
      (resolve, reject) => {
        const req = httpsRequest(
          { host: '127.0.0.1', port, path: '/', ca: cert, headers: { Accept: 'text/html' } },
          (r) => {
            let text = '';
            r.setEncoding('utf8');
            r.on('data', (c: string) => (text += c));
            r.on('end', () => resolve({ status: r.statusCode!, headers: r.headers, text }));
          },
        );
        req.on('error', reject);
        req.end();
      },
    );
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="app">');
    expect(res.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
  });
});

import { AuditChainService } from '../src/audit/audit-chain.service';
import { MetricsServer } from '../src/metrics/metrics-server';
import { MetricsService } from '../src/metrics/metrics.service';
import { startTestApp, TestApp } from './support/test-app';

/** /metrics on its internal port, in Prometheus' text format, behind its token. */
describe('metrics', () => {
  let t: TestApp;
  let url: string;
  const token = 'metrics-token-0123456789';

  beforeAll(async () => {
    t = await startTestApp({ METRICS_PORT: '0', METRICS_TOKEN: token, INSTANCE_ID: 'app-7' });
    url = `http://127.0.0.1:${t.app.get(MetricsServer).port()}/metrics`;
  });
  afterAll(() => t.close());

  const scrape = (headers: Record<string, string> = { authorization: `Bearer ${token}` }) =>
    fetch(url, { headers });

  it('refuses a scraper without the token, and is not served on the public port', async () => {
    expect((await scrape({})).status).toBe(401);
    expect((await scrape({ authorization: 'Bearer wrong' })).status).toBe(401);
    const pub = await t.http.get('/metrics');
    expect(pub.text).not.toContain('http_request_duration_seconds');
    const api = await t.http.get('/api/metrics');
    expect(api.status).toBe(404);
  });

  it('shows latency by route, status counts, pool, event loop, viewers, uploads and sealing', async () => {
    await t.http.get('/api/health').expect(200);
    const [{ id: contest }] = (await t.sql.query(`SELECT id FROM contests LIMIT 1`)).rows as {
      id: string;
    }[];
    await t.http.get(`/api/contests/${contest}/entries`).expect(401);
    await t.http.get('/api/no-such-route').expect(404);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="0\.005",instance_id="app-7",method="GET",route="\/api\/health",status="200"\} \d+$/m,
    );
    // the matched pattern, not the raw path: ids do not explode the label set
    expect(text).toContain('route="/api/contests/:contestId/entries",status="401"');
    expect(text).not.toContain(contest);
    expect(text).toMatch(/http_responses_total\{status="404",instance_id="app-7"\} [1-9]/);
    for (const name of [
      'db_pool_connections_in_use',
      'db_pool_waiting_requests',
      'nodejs_eventloop_lag_seconds',
      'nodejs_eventloop_lag_p99_seconds',
      'live_board_viewers',
      'upload_bytes_received_total',
      'audit_seal_lag_seconds',
      'process_resident_memory_bytes',
    ])
      expect(text).toMatch(new RegExp(`^${name}\\{instance_id="app-7"\\} [0-9.e+-]+$`, 'm'));
  });

  it('audit seal lag is 0 once every row is sealed', async () => {
    await t.app.get(AuditChainService).seal();
    expect(await t.app.get(MetricsService).auditSealLagSeconds()).toBe(0);
  });
});

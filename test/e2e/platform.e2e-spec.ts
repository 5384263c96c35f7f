import request from 'supertest';
import { DataSource } from 'typeorm';
import { PrivateRedis } from '@app/platform/testing';
import { startTestApi, type TestApi } from '../support/api-app';

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`);
}

describe('platform conventions (e2e)', () => {
  let redis: PrivateRedis;
  let api: TestApi;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    api = await startTestApi({ REDIS_URL: redis.url });
  }, 60_000);
  afterAll(async () => {
    await api.close();
    await redis.down();
  });
  const http = () => request(api.app.getHttpServer());

  it('answers /health/live and /health/ready', async () => {
    await http().get('/health/live').expect(200, { status: 'ok' });
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('turns /health/ready 503 within seconds when Redis stops, keeps /health/live 200, and recovers', async () => {
    await redis.down();
    const tookDown = await waitFor(async () => (await http().get('/health/ready')).status === 503, 5_000);
    expect(tookDown).toBeLessThan(5_000);
    const down = await http().get('/health/ready').expect(503);
    expect(down.body.error?.redis?.status ?? down.body.details?.redis?.status).toBe('down');
    await http().get('/health/live').expect(200);
    // Login counts attempts in Redis: without it the answer is a 503 to retry, not a 500.
    const login = await http().post('/api/v1/auth/login').send({ email: 'someone@example.jp', password: 'long-enough-password' });
    expect(login.status).toBe(503);
    expect(login.headers['content-type']).toContain('application/problem+json');
    expect(login.headers['retry-after']).toBe('5');
    expect(login.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    await redis.up();
    await waitFor(async () => (await http().get('/health/ready')).status === 200, 10_000);
  }, 30_000);

  it('serves the OpenAPI document and Prometheus metrics', async () => {
    const doc = await http().get('/api/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toContain('/api/v1/regions/municipalities/{code}');
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toContain('http_request_duration_seconds_bucket');
    expect(metrics.text).toContain('process_cpu_user_seconds_total');
  });

  it('answers unknown routes with problem details and echoes a safe request id', async () => {
    const res = await http().get('/api/v1/nope').set('x-request-id', 'req-12345678').expect(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['x-request-id']).toBe('req-12345678');
    expect(res.body).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND', requestId: 'req-12345678', type: 'urn:kakawari:problem:route-not-found' });
    const unsafe = await http().get('/api/v1/nope').set('x-request-id', 'bad id!').expect(404);
    expect(unsafe.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers: a strict set on API answers, helmet\'s full set on pages', async () => {
    for (const url of ['/health/live', '/api/v1/regions/prefectures', '/api/v1/nope']) {
      const res = await http().get(url);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    const page = await http().get('/api/docs').redirects(1);
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['cross-origin-opener-policy']).toBe('same-origin');
  });
});

describe('request context (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ REDIS_URL: 'redis://127.0.0.1:6379/0' });
  }, 60_000);
  afterAll(() => api?.close());

  it('carries the request id from the HTTP entry point into rows written by services', async () => {
    const requestId = `req-audit-${Date.now()}`;
    await request(api.app.getHttpServer())
      .post('/api/v1/auth/login')
      .set('x-request-id', requestId)
      .send({ email: 'nobody@example.jp', password: 'wrong-password-123' })
      .expect(401);
    const rows: { request_id: string }[] = await api.app
      .get(DataSource)
      .query('SELECT request_id FROM audit_log WHERE request_id = $1', [requestId]);
    expect(rows.length).toBeGreaterThan(0);
  });
});

import * as jwt from 'jsonwebtoken';
import { Client } from 'pg';
import request from 'supertest';
import { IdentityService } from '@app/identity';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser } from '../support/identity';

const SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';

// argon2 (≈ 50–100 ms a hash on 2 busy cores) makes some steps slower than jest's 5 s default.
jest.setTimeout(60_000);

describe('auth (e2e)', () => {
  let api: TestApi;
  let db: Client;
  beforeAll(async () => {
    api = await startTestApi({
      TRUST_PROXY: 'true',
      LOGIN_RATE_LIMIT_PER_IP: '30',
      LOGIN_RATE_LIMIT_PER_ACCOUNT_IP: '5',
      LOGIN_RATE_LIMIT_PER_ACCOUNT: '8',
      REGISTER_RATE_LIMIT_PER_IP: '15',
    });
    db = new Client({ connectionString: api.db.url });
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await api.close();
  });
  const http = () => request(api.app.getHttpServer());
  const withoutRequestIds = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
  const auditCount = async (action: string, actorId?: string) =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::uuid IS NULL OR actor_id = $2)',
        [action, actorId ?? null],
      )
    ).rows[0].n;

  it('registers with a non-ASCII passphrase, normalizes the email, logs in and reads /me', async () => {
    const reg = await http()
      .post('/api/v1/auth/register')
      .send({ email: ' Ｈａｎａ@Example.jp', password: '山と海のあいだで暮らす', displayName: '花子' })
      .expect(202);
    expect(reg.body.status).toBe('accepted');
    const login = await http().post('/api/v1/auth/login').send({ email: 'HANA@example.JP', password: '山と海のあいだで暮らす' }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const claims = jwt.decode(login.body.accessToken, { complete: true }) as jwt.Jwt;
    expect(claims.header.alg).toBe('HS256');
    expect(claims.payload).toMatchObject({ typ: 'access', iss: 'kakawari', aud: 'kakawari-api' });
    const me = await http().get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: 'hana@example.jp', role: 'participant', displayName: '花子', status: 'active' });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('normalizes passwords (NFKC): a full-width passphrase matches its half-width form', async () => {
    await http().post('/api/v1/auth/register').send({ email: 'zenkaku@example.jp', password: 'Ｆｕｒｕｓａｔｏ　２０２６ かえる' }).expect(202);
    await http().post('/api/v1/auth/login').send({ email: 'zenkaku@example.jp', password: 'Furusato 2026 かえる' }).expect(200);
    await http().post('/api/v1/auth/login').send({ email: 'zenkaku@example.jp', password: 'Furusato 2027 かえる' }).expect(401);
  });

  it('does not reveal an existing email at registration, and does not change that account', async () => {
    const first = await http().post('/api/v1/auth/register').send({ email: 'taken@example.jp', password: '最初のパスワードです' }).expect(202);
    const second = await http().post('/api/v1/auth/register').send({ email: 'TAKEN@example.jp', password: '二度目のパスワードです' }).expect(202);
    expect(second.body).toEqual(first.body);
    await http().post('/api/v1/auth/login').send({ email: 'taken@example.jp', password: '二度目のパスワードです' }).expect(401);
    await http().post('/api/v1/auth/login').send({ email: 'taken@example.jp', password: '最初のパスワードです' }).expect(200);
  });

  it('enforces the password policy with Japanese messages', async () => {
    const common = await http().post('/api/v1/auth/register').send({ email: 'p1@example.jp', password: 'password123' }).expect(400);
    expect(common.body).toMatchObject({ code: 'PASSWORD_TOO_COMMON', status: 400 });
    expect(common.body.detail).toContain('よく使われて');
    const short = await http().post('/api/v1/auth/register').send({ email: 'p2@example.jp', password: '短い鍵' }).expect(400);
    expect(short.body.code).toBe('PASSWORD_TOO_SHORT');
    const long = await http().post('/api/v1/auth/register').send({ email: 'p3@example.jp', password: 'x'.repeat(129) }).expect(400);
    expect(long.body.code).toBe('PASSWORD_TOO_LONG');
    await http().post('/api/v1/auth/register').send({ email: 'p4@example.jp', password: '🍙'.repeat(128) }).expect(202);
    await http().post('/api/v1/auth/login').send({ email: 'p4@example.jp', password: '🍙'.repeat(128) }).expect(200);
  });

  it('rejects mass assignment (role, organizationId) with 400 and creates nothing', async () => {
    const res = await http()
      .post('/api/v1/auth/register')
      .send({ email: 'sneaky@example.jp', password: '権限を上げたい人です', role: 'admin', organizationId: '00000000-0000-0000-0000-000000000000' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['organizationId', 'role']);
    expect(await api.app.get(IdentityService).findAccountByEmail('sneaky@example.jp')).toBeNull();
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const user = await createUser(api, { role: 'participant' });
    const unknown = await http().post('/api/v1/auth/login').set('x-forwarded-for', '198.51.100.1').send({ email: 'nobody@example.jp', password: 'どれでもないパスワード' });
    const wrong = await http().post('/api/v1/auth/login').set('x-forwarded-for', '198.51.100.1').send({ email: user.email, password: 'どれでもないパスワード' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(unknown.status);
    expect(withoutRequestIds(wrong.body)).toEqual(withoutRequestIds(unknown.body));
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(Object.keys(wrong.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    expect(await auditCount('auth.login_failed', user.userId)).toBe(1);
    const row = await db.query(`SELECT request_id FROM audit_log WHERE action = 'auth.login_failed' AND actor_id = $1`, [user.userId]);
    expect(row.rows[0].request_id).toBe(wrong.headers['x-request-id']);
  });

  it('rotates refresh tokens and revokes the family when a used one is presented again', async () => {
    const user = await createUser(api, { role: 'participant' });
    const r1 = await http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(200);
    expect(r1.body.refreshToken).not.toBe(user.refreshToken);
    const r2 = await http().post('/api/v1/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(200);
    // Reuse of the first (already rotated) token: refused, and the whole family dies.
    const reuse = await http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect(reuse.body.code).toBe('INVALID_REFRESH_TOKEN');
    await http().post('/api/v1/auth/refresh').send({ refreshToken: r2.body.refreshToken }).expect(401);
    expect(await auditCount('auth.refresh_token_reuse', user.userId)).toBe(1);
    // Access tokens issued by refresh are valid access tokens.
    await http().get('/api/v1/me').set('authorization', `Bearer ${r2.body.accessToken}`).expect(200);
  });

  it('lets only one of two concurrent refreshes with the same token win, and treats the other as reuse', async () => {
    const user = await createUser(api, { role: 'participant' });
    const [a, b] = await Promise.all([
      http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
      http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 401]);
    const winner = a.status === 200 ? a : b;
    await http().post('/api/v1/auth/refresh').send({ refreshToken: winner.body.refreshToken }).expect(401);
    expect(await auditCount('auth.refresh_token_reuse', user.userId)).toBe(1);
  });

  it('logout revokes the refresh family', async () => {
    const user = await createUser(api, { role: 'participant' });
    await http().post('/api/v1/auth/logout').send({ refreshToken: user.refreshToken }).expect(204);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    expect(await auditCount('auth.logout', user.userId)).toBe(1);
  });

  it('refuses forged, expired, mis-addressed and refresh tokens with 401', async () => {
    const user = await createUser(api, { role: 'participant' });
    const base = { sub: user.userId, typ: 'access', iss: 'kakawari', aud: 'kakawari-api' };
    const now = Math.floor(Date.now() / 1000);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const cases: Record<string, string> = {
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...base, iat: now, exp: now + 600 })}.`,
      expired: jwt.sign({ ...base, iat: now - 3600, exp: now - 1800 }, SECRET, { algorithm: 'HS256' }),
      wrongAudience: jwt.sign({ ...base, aud: 'someone-else', exp: now + 600 }, SECRET, { algorithm: 'HS256' }),
      wrongIssuer: jwt.sign({ ...base, iss: 'evil', exp: now + 600 }, SECRET, { algorithm: 'HS256' }),
      otherAlgorithm: jwt.sign({ ...base, exp: now + 600 }, SECRET, { algorithm: 'HS512' }),
      wrongSecret: jwt.sign({ ...base, exp: now + 600 }, 'another-secret-another-secret-another-secret', { algorithm: 'HS256' }),
      refreshTyp: jwt.sign({ ...base, typ: 'refresh', exp: now + 600 }, SECRET, { algorithm: 'HS256' }),
      refreshTokenAsAccess: user.refreshToken,
      garbage: 'not-a-token',
    };
    // The control: the same claims, correctly signed, work.
    const valid = jwt.sign({ ...base, exp: now + 600 }, SECRET, { algorithm: 'HS256' });
    await http().get('/api/v1/me').set('authorization', `Bearer ${valid}`).expect(200);
    for (const [name, token] of Object.entries(cases)) {
      const res = await http().get('/api/v1/me').set('authorization', `Bearer ${token}`);
      expect({ name, status: res.status, code: res.body.code }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED' });
    }
    await http().get('/api/v1/me').expect(401);
  });

  it('stops a disabled user at once (access and refresh), with an audit row', async () => {
    const admin = await createUser(api, { role: 'admin' });
    const user = await createUser(api, { role: 'participant' });
    await http().get('/api/v1/me').set('authorization', `Bearer ${user.accessToken}`).expect(200);
    await http().post(`/api/v1/admin/users/${user.userId}/disable`).set('authorization', `Bearer ${admin.accessToken}`).expect(204);
    await http().get('/api/v1/me').set('authorization', `Bearer ${user.accessToken}`).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    const login = await http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);
    expect(login.body.code).toBe('INVALID_CREDENTIALS');
    expect(await auditCount('user.disable', admin.userId)).toBe(1);
  });

  it('deletes a participant account on password confirmation: data gone, event in the outbox, email reusable', async () => {
    const user = await createUser(api, { role: 'participant' });
    const auth = { authorization: `Bearer ${user.accessToken}` };
    const wrong = await http().delete('/api/v1/me').set(auth).send({ password: 'ちがうパスワードです' }).expect(403);
    expect(wrong.body.code).toBe('PASSWORD_CONFIRMATION_FAILED');
    await http().get('/api/v1/me').set(auth).expect(200);
    await http().delete('/api/v1/me').set(auth).send({ password: user.password }).expect(204);
    await http().get('/api/v1/me').set(auth).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await http().post('/api/v1/auth/login').send({ email: user.email, password: user.password }).expect(401);
    expect((await db.query('SELECT count(*)::int AS n FROM users WHERE id = $1', [user.userId])).rows[0].n).toBe(0);
    const events = await db.query(`SELECT payload FROM outbox_events WHERE topic = 'identity.user.deleted' AND dedupe_key = $1`, [user.userId]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].payload).toMatchObject({ userId: user.userId, deletedAt: expect.any(String) });
    expect(await auditCount('user.delete', user.userId)).toBe(1);
    await http().post('/api/v1/auth/register').send({ email: user.email, password: '新しく作り直したアカウント' }).expect(202);
    await http().post('/api/v1/auth/login').send({ email: user.email, password: '新しく作り直したアカウント' }).expect(200);
  });

  it('rate-limits per account+IP without locking the owner out from another IP', async () => {
    const owner = await createUser(api, { role: 'participant' });
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await http().post('/api/v1/auth/login').set('x-forwarded-for', attacker).send({ email: owner.email, password: `違うパスワード${i}です` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('LOGIN_RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    // Even the right password is refused from the attacker's address while blocked…
    await http().post('/api/v1/auth/login').set('x-forwarded-for', attacker).send({ email: owner.email, password: owner.password }).expect(429);
    // …but the owner, from their own address, logs in.
    await http().post('/api/v1/auth/login').set('x-forwarded-for', '192.0.2.10').send({ email: owner.email, password: owner.password }).expect(200);
  });

  it('caps attempts per account across addresses (distributed guessing), and per IP across accounts', async () => {
    const victim = await createUser(api, { role: 'participant' });
    // 8 per account in this file's config: createUser's own login (1), 5 from one address (then
    // that address is blocked and stops counting), 2 from another: the 9th from anywhere is refused.
    for (let i = 0; i < 6; i++) {
      await http().post('/api/v1/auth/login').set('x-forwarded-for', '203.0.113.20').send({ email: victim.email, password: `違うパスワード${i}です` });
    }
    for (let i = 0; i < 2; i++) {
      await http().post('/api/v1/auth/login').set('x-forwarded-for', '203.0.113.21').send({ email: victim.email, password: `違うパスワード${i}です` }).expect(401);
    }
    await http().post('/api/v1/auth/login').set('x-forwarded-for', '192.0.2.99').send({ email: victim.email, password: victim.password }).expect(429);

    // Per IP: 30 attempts over many accounts from one address, then 429.
    const sprayer = '203.0.113.50';
    for (let i = 0; i < 30; i++) {
      await http().post('/api/v1/auth/login').set('x-forwarded-for', sprayer).send({ email: `spray${i}@example.jp`, password: 'どれでもないパスワード' }).expect(401);
    }
    await http().post('/api/v1/auth/login').set('x-forwarded-for', sprayer).send({ email: 'spray99@example.jp', password: 'どれでもないパスワード' }).expect(429);
  });

  it('rate-limits registrations per IP', async () => {
    const ip = '203.0.113.80';
    for (let i = 0; i < 15; i++) {
      // Refused by the password policy (no hash spent), but still counted.
      await http().post('/api/v1/auth/register').set('x-forwarded-for', ip).send({ email: `flood${i}@example.jp`, password: 'password' }).expect(400);
    }
    const limited = await http().post('/api/v1/auth/register').set('x-forwarded-for', ip).send({ email: 'flood@example.jp', password: '正しい形のパスワードです' }).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await http().post('/api/v1/auth/register').set('x-forwarded-for', '192.0.2.80').send({ email: 'not-flood@example.jp', password: '正しい形のパスワードです' }).expect(202);
  });

  it('refuses bodies over the limit with 413 problem details', async () => {
    const res = await http()
      .post('/api/v1/auth/register')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'big@example.jp', password: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});

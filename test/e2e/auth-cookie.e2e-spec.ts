// The web's refresh-token transport over real HTTP (a listening api on 127.0.0.1, fetch, raw
// Set-Cookie headers): httpOnly SameSite=Strict cookie scoped to /api/v1/auth, read only with the
// X-Kakawari-Session header, rotated on refresh, cleared on logout; body transport unchanged.
import type { AddressInfo } from 'node:net';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser, type TestUser } from '../support/identity';

jest.setTimeout(60_000);

const COOKIE = 'kakawari_refresh';

describe('auth refresh cookie (e2e, HTTP)', () => {
  let api: TestApi;
  let base: string;
  let user: TestUser;

  beforeAll(async () => {
    api = await startTestApi({ LOGIN_RATE_LIMIT_PER_IP: '1000' });
    await api.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    user = await createUser(api, { role: 'participant' });
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}/api/v1/auth/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  /** The refresh cookie's Set-Cookie line, if any. */
  const setCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
  const cookieValue = (line: string | undefined) => /^[^=]+=([^;]*)/.exec(line ?? '')?.[1] ?? '';
  const browser = { 'x-kakawari-session': 'cookie' };

  async function cookieLogin(): Promise<{ token: string; accessToken: string }> {
    const res = await post('login', { email: user.email, password: user.password }, browser);
    const body = (await res.json()) as Record<string, unknown>;
    expect({ status: res.status, body: res.status === 200 ? null : body }).toEqual({ status: 200, body: null });
    return { token: cookieValue(setCookie(res)), accessToken: String(body.accessToken) };
  }

  it('login with the session header sets an httpOnly SameSite=Strict cookie and leaves the token out of the body', async () => {
    const res = await post('login', { email: user.email, password: user.password }, browser);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty('refreshToken');
    expect(body).toMatchObject({ tokenType: 'Bearer' });
    const line = setCookie(res)!;
    expect(line).toBeDefined();
    expect(cookieValue(line).length).toBeGreaterThanOrEqual(40);
    const attrs = line.split(';').map((s) => s.trim().toLowerCase());
    expect(attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/api/v1/auth']));
    // Plain http on 127.0.0.1 outside production: not Secure (the browser would drop it), session-only.
    expect(attrs).not.toContain('secure');
    expect(attrs.some((a) => a.startsWith('max-age') || a.startsWith('expires'))).toBe(false);
    const me = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${String(body.accessToken)}` } });
    expect(me.status).toBe(200);
  });

  it('「ログインしたままにする」 (remember): a persistent cookie for the refresh TTL, renewed as such on refresh', async () => {
    const maxAge = (res: Response) => setCookie(res)?.split(';').map((a) => a.trim().toLowerCase()).find((a) => a.startsWith('max-age='));
    const own = await createUser(api, { role: 'participant' }); // its own login attempts (per-account limit)
    const res = await post('login', { email: own.email, password: own.password, remember: true }, browser);
    expect(res.status).toBe(200);
    expect(maxAge(res)).toBe(`max-age=${30 * 86_400}`); // REFRESH_TOKEN_TTL_DAYS = 30
    const kept = await post('refresh', { remember: true }, { ...browser, cookie: `${COOKIE}=${cookieValue(setCookie(res))}` });
    expect(kept.status).toBe(200);
    expect(maxAge(kept)).toBe(`max-age=${30 * 86_400}`);
    // a refresh without it turns the cookie back into a session cookie
    const session = await post('refresh', {}, { ...browser, cookie: `${COOKIE}=${cookieValue(setCookie(kept))}` });
    expect(session.status).toBe(200);
    expect(maxAge(session)).toBeUndefined();
    // not a boolean: 400 with the field named, nothing issued
    const bad = await post('login', { email: own.email, password: own.password, remember: 'yes' }, browser);
    expect(bad.status).toBe(400);
    expect(setCookie(bad)).toBeUndefined();
  });

  it('refresh reads the cookie (only with the session header), rotates it, and refuses the old one', async () => {
    const { token } = await cookieLogin();
    // The cookie without the custom header is ignored (CSRF): nothing presented → 401.
    const noHeader = await post('refresh', {}, { cookie: `${COOKIE}=${token}` });
    expect(noHeader.status).toBe(401);
    expect(((await noHeader.json()) as { code: string }).code).toBe('INVALID_REFRESH_TOKEN');

    const r1 = await post('refresh', {}, { ...browser, cookie: `${COOKIE}=${token}` });
    expect(r1.status).toBe(200);
    const b1 = (await r1.json()) as Record<string, unknown>;
    expect(b1).not.toHaveProperty('refreshToken');
    const rotated = cookieValue(setCookie(r1));
    expect(rotated.length).toBeGreaterThanOrEqual(40);
    expect(rotated).not.toBe(token);
    expect((await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${String(b1.accessToken)}` } })).status).toBe(200);

    // The old cookie again is reuse: 401, the family is revoked and the cookie cleared.
    const reuse = await post('refresh', {}, { ...browser, cookie: `${COOKIE}=${token}` });
    expect(reuse.status).toBe(401);
    const cleared = setCookie(reuse)!;
    expect(cookieValue(cleared)).toBe('');
    expect(cleared.toLowerCase()).toMatch(/expires=thu, 01 jan 1970|max-age=0/);
    expect((await post('refresh', {}, { ...browser, cookie: `${COOKIE}=${rotated}` })).status).toBe(401);
  });

  it('refresh with neither body nor cookie is 401 problem details, not 400/500', async () => {
    const res = await post('refresh', {}, browser);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('logout revokes the cookie session and clears the cookie', async () => {
    const { token } = await cookieLogin();
    const out = await post('logout', {}, { ...browser, cookie: `${COOKIE}=${token}` });
    expect(out.status).toBe(204);
    const line = setCookie(out)!;
    expect(cookieValue(line)).toBe('');
    expect(line.toLowerCase()).toContain('path=/api/v1/auth');
    expect((await post('refresh', {}, { ...browser, cookie: `${COOKIE}=${token}` })).status).toBe(401);
  });

  it('API clients keep the body transport: refreshToken in and out of JSON, no cookie', async () => {
    const login = await post('login', { email: user.email, password: user.password });
    const body = (await login.json()) as { refreshToken: string };
    expect(typeof body.refreshToken).toBe('string');
    expect(setCookie(login)).toBeUndefined();
    const r = await post('refresh', { refreshToken: body.refreshToken });
    expect(r.status).toBe(200);
    const next = (await r.json()) as { refreshToken: string };
    expect(next.refreshToken).not.toBe(body.refreshToken);
    expect(setCookie(r)).toBeUndefined();
    expect((await post('logout', { refreshToken: next.refreshToken })).status).toBe(204);
    expect((await post('refresh', { refreshToken: next.refreshToken })).status).toBe(401);
    // A malformed body token is still a 400 with field errors.
    expect((await post('refresh', { refreshToken: 'short' })).status).toBe(400);
  });
});

// A second api (behind a trusted proxy), started only after the first one has closed.
describe('auth refresh cookie behind an HTTPS proxy (e2e, HTTP)', () => {
  const browser = { 'x-kakawari-session': 'cookie' };
  const setCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));

  it('Secure is set when the request came over HTTPS through a trusted proxy', async () => {
    const proxied = await startTestApi({ TRUST_PROXY: 'true', LOGIN_RATE_LIMIT_PER_IP: '1000' });
    try {
      await proxied.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (proxied.app.getHttpServer().address() as AddressInfo).port;
      const u = await createUser(proxied, { role: 'participant' });
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', ...browser },
        body: JSON.stringify({ email: u.email, password: u.password }),
      });
      expect(res.status).toBe(200);
      expect(setCookie(res)!.toLowerCase()).toContain('; secure');
    } finally {
      await proxied.close();
    }
  });

  it('REFRESH_COOKIE_SECURE=always sets Secure even on plain http', async () => {
    const api = await startTestApi({ REFRESH_COOKIE_SECURE: 'always', LOGIN_RATE_LIMIT_PER_IP: '1000' });
    try {
      const u = await createUser(api, { role: 'participant' });
      const res = await api.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', ...browser },
        payload: JSON.stringify({ email: u.email, password: u.password }),
      });
      expect(res.statusCode).toBe(200);
      const cookie = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith(`${COOKIE}=`));
      expect(String(cookie).toLowerCase()).toContain('; secure');
    } finally {
      await api.close();
    }
  });
});

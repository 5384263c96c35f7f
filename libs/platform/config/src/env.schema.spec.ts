import { EnvValidationError, validateEnv } from './env.schema';

describe('validateEnv', () => {
  it('works with no variables on a developer machine', () => {
    const env = validateEnv({});
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(env.PORT).toBe(3000);
  });

  it('converts numbers and keeps given values', () => {
    const env = validateEnv({ PORT: '8080', REDIS_URL: 'redis://cache:6380/2' });
    expect(env.PORT).toBe(8080);
    expect(env.REDIS_URL).toBe('redis://cache:6380/2');
  });

  it('refuses bad values and names every bad variable', () => {
    let error: unknown;
    try {
      validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvValidationError);
    expect((error as EnvValidationError).variables.sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect((error as Error).message).toContain('PORT');
  });

  it('requires a real JWT secret in production and admin credentials in pairs', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => validateEnv({ ADMIN_EMAIL: 'a@example.jp' })).toThrow(/ADMIN_PASSWORD/);
  });

  it('takes the proxy and cookie settings only from their lists', () => {
    expect(validateEnv({})).toMatchObject({ TRUST_PROXY: 'false', REFRESH_COOKIE_SECURE: 'auto' });
    expect(validateEnv({ TRUST_PROXY: 'true', REFRESH_COOKIE_SECURE: 'never' })).toMatchObject({ TRUST_PROXY: 'true', REFRESH_COOKIE_SECURE: 'never' });
    expect(() => validateEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => validateEnv({ REFRESH_COOKIE_SECURE: 'off' })).toThrow(/REFRESH_COOKIE_SECURE/);
  });
});

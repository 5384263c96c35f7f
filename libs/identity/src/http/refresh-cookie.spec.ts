import { isSecureCookie } from './refresh-cookie';

describe('refresh cookie Secure flag', () => {
  it('auto: Secure in production or over HTTPS, not on plain http in development', () => {
    expect(isSecureCookie('http', { secure: 'auto', production: false })).toBe(false);
    expect(isSecureCookie('https', { secure: 'auto', production: false })).toBe(true);
    expect(isSecureCookie('http', { secure: 'auto', production: true })).toBe(true);
  });

  it('always and never override the protocol and NODE_ENV (never: an intranet on plain HTTP)', () => {
    expect(isSecureCookie('http', { secure: 'always', production: false })).toBe(true);
    expect(isSecureCookie('https', { secure: 'never', production: true })).toBe(false);
    expect(isSecureCookie('http', { secure: 'never', production: true })).toBe(false);
  });
});

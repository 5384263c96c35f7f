import { checkPassword } from './password-policy';
import { normalizeEmail } from './email';

describe('password policy', () => {
  it('accepts 8–128 code points including non-ASCII passphrases', () => {
    expect(checkPassword('かかわりの町へ行こう')).toBeNull();
    expect(checkPassword('a'.repeat(7) + 'b')).toBeNull();
    expect(checkPassword('🍙'.repeat(128))).toBeNull(); // 256 UTF-16 units, 128 code points
  });
  it('refuses too short, too long and common passwords', () => {
    expect(checkPassword('短いパス')).toBe('too_short');
    expect(checkPassword('x'.repeat(129))).toBe('too_long');
    expect(checkPassword('Password123')).toBe('too_common');
    expect(checkPassword('１２３４５６７８')).toBe('too_common'); // full-width digits normalize
  });
});

describe('normalizeEmail', () => {
  it('applies NFKC, trims and lower-cases', () => {
    expect(normalizeEmail('  Ｔａｒｏ@Example.JP ')).toBe('taro@example.jp');
  });
});

/**
 * Password rules (ASVS V2.1): 8–128 characters counted as Unicode code points after NFC, any
 * characters allowed (spaces, kana, kanji, emoji), no composition rules, and a refusal of very
 * common passwords. Returns a problem code or null.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

// A small list of the most common passwords (from public breach top lists) incl. Japanese keyboard habits.
const COMMON = new Set(
  [
    'password', 'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword',
    '12345678', '123456789', '1234567890', '0123456789', '87654321', '11111111', '00000000',
    '88888888', '12341234', '11223344', 'abcd1234', '1q2w3e4r', '1qaz2wsx', 'qwertyui',
    'qwerty123', 'qwertyuiop', 'asdfghjk', 'asdfasdf', 'zxcvbnm1', 'iloveyou', 'sunshine',
    'princess', 'football', 'baseball', 'welcome1', 'letmein1', 'trustno1', 'superman',
    'starwars', 'dragon12', 'master12', 'monkey12', 'shadow12', 'computer', 'internet',
    'changeme', 'whatever', 'admin123', 'administrator', 'aaaaaaaa', 'abcdefgh', 'abc12345',
    'pokemon1', 'doraemon', 'sakura123', 'nihongo1', 'tokyo123', 'kakawari', 'kakawari1',
    'パスワード123', 'ぱすわーど', 'ぱすわーど123',
  ].map((p) => p.toLowerCase()),
);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

export function checkPassword(password: string): PasswordProblem | null {
  const length = [...password.normalize('NFC')].length;
  if (length < PASSWORD_MIN) return 'too_short';
  if (length > PASSWORD_MAX) return 'too_long';
  if (COMMON.has(password.normalize('NFKC').toLowerCase())) return 'too_common';
  return null;
}

import { registerErrorCatalog } from '@app/platform/errors';

export enum IdentityErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
  PASSWORD_TOO_SHORT = 'PASSWORD_TOO_SHORT',
  PASSWORD_TOO_LONG = 'PASSWORD_TOO_LONG',
  PASSWORD_TOO_COMMON = 'PASSWORD_TOO_COMMON',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  USER_NOT_FOUND = 'USER_NOT_FOUND',
  PASSWORD_CONFIRMATION_FAILED = 'PASSWORD_CONFIRMATION_FAILED',
  LOGIN_RATE_LIMITED = 'LOGIN_RATE_LIMITED',
  ROUTE_ACCESS_UNDECLARED = 'ROUTE_ACCESS_UNDECLARED',
}

export const identityErrors = registerErrorCatalog<IdentityErrorCode>({
  INVALID_CREDENTIALS: {
    status: 401,
    ja: 'メールアドレスまたはパスワードが正しくありません。',
    en: 'The email or password is incorrect.',
  },
  INVALID_REFRESH_TOKEN: {
    status: 401,
    ja: 'セッションの有効期限が切れました。もう一度ログインしてください。',
    en: 'The session has expired. Log in again.',
  },
  PASSWORD_TOO_SHORT: {
    status: 400,
    ja: 'パスワードは8文字以上で入力してください。',
    en: 'The password must have at least 8 characters.',
  },
  PASSWORD_TOO_LONG: {
    status: 400,
    ja: 'パスワードは128文字以内で入力してください。',
    en: 'The password must have at most 128 characters.',
  },
  PASSWORD_TOO_COMMON: {
    status: 400,
    ja: 'このパスワードはよく使われていて推測されやすいため使えません。別のパスワードを指定してください。',
    en: 'This password is too common and easy to guess. Choose another one.',
  },
  EMAIL_TAKEN: {
    status: 409,
    ja: 'このメールアドレスのアカウントは既に存在します。',
    en: 'An account with this email already exists.',
  },
  USER_NOT_FOUND: {
    status: 404,
    ja: 'ユーザーが見つかりません。',
    en: 'User not found.',
  },
  PASSWORD_CONFIRMATION_FAILED: {
    status: 403,
    ja: 'パスワードが正しくないため、この操作は行えません。',
    en: 'The password is incorrect; the operation was not performed.',
  },
  LOGIN_RATE_LIMITED: {
    status: 429,
    ja: 'ログインの試行回数が多すぎます。{retryAfter}秒後に再度お試しください。',
    en: 'Too many login attempts. Try again in {retryAfter} seconds.',
  },
  ROUTE_ACCESS_UNDECLARED: {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You are not allowed to do this.',
  },
});

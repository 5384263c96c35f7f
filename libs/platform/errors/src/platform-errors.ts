import { registerErrorCatalog } from './error-catalog';

/** Error codes of the technical kernel, shared by every context. */
export enum PlatformErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  MALFORMED_REQUEST = 'MALFORMED_REQUEST',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  ROUTE_NOT_FOUND = 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
}

export const platformErrors = registerErrorCatalog<PlatformErrorCode>({
  VALIDATION_FAILED: {
    status: 400,
    ja: '入力内容に誤りがあります。各項目のエラーを確認してください。',
    en: 'The request has invalid fields. Check each field error.',
  },
  MALFORMED_REQUEST: {
    status: 400,
    ja: 'リクエストの形式が正しくありません。',
    en: 'The request is malformed.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    ja: 'リクエストの本文が大きすぎます。',
    en: 'The request body is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    ja: 'このコンテンツ形式には対応していません。JSON で送信してください。',
    en: 'Unsupported content type. Send JSON.',
  },
  ROUTE_NOT_FOUND: {
    status: 404,
    ja: '指定された URL は存在しません。',
    en: 'No such route.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    ja: 'この URL ではそのメソッドは使えません。',
    en: 'Method not allowed on this route.',
  },
  UNAUTHENTICATED: {
    status: 401,
    ja: 'ログインが必要です。',
    en: 'Authentication is required.',
  },
  FORBIDDEN: {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You are not allowed to do this.',
  },
  NOT_FOUND: {
    status: 404,
    ja: '対象が見つかりません。',
    en: 'Not found.',
  },
  CONFLICT: {
    status: 409,
    ja: '現在の状態ではこの操作はできません。',
    en: 'The request conflicts with the current state.',
  },
  RATE_LIMITED: {
    status: 429,
    ja: 'リクエストが多すぎます。しばらく待ってから再度お試しください。',
    en: 'Too many requests. Try again later.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    ja: '現在サービスを利用できません。しばらくしてから再度お試しください。',
    en: 'The service is temporarily unavailable.',
  },
  INTERNAL_ERROR: {
    status: 500,
    ja: 'サーバーで予期しないエラーが発生しました。お問い合わせの際はエラーIDをお伝えください。',
    en: 'An unexpected error occurred. Quote the error id when contacting support.',
  },
});

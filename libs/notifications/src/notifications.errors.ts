import { registerErrorCatalog } from '@app/platform/errors';

export enum NotificationsErrorCode {
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
  UNKNOWN_NOTIFICATION_TYPE = 'UNKNOWN_NOTIFICATION_TYPE',
  INVALID_NOTIFICATION_CURSOR = 'INVALID_NOTIFICATION_CURSOR',
  INVALID_UNSUBSCRIBE_TOKEN = 'INVALID_UNSUBSCRIBE_TOKEN',
}

export const notificationsErrors = registerErrorCatalog<NotificationsErrorCode>({
  NOTIFICATION_NOT_FOUND: {
    status: 404,
    ja: 'お知らせ {id} は見つかりません。',
    en: 'Notification {id} was not found.',
  },
  UNKNOWN_NOTIFICATION_TYPE: {
    status: 400,
    ja: 'お知らせの種類 {eventType} は定義されていません。',
    en: 'Notification type {eventType} is not defined.',
  },
  INVALID_NOTIFICATION_CURSOR: {
    status: 400,
    ja: 'ページ位置（cursor）が正しくありません。最初のページから取得し直してください。',
    en: 'The cursor is invalid. Start again from the first page.',
  },
  INVALID_UNSUBSCRIBE_TOKEN: {
    status: 400,
    ja: '配信停止リンクが正しくありません。メールに記載のリンクをそのままお使いください。',
    en: 'The unsubscribe link is invalid. Please use the link exactly as it appears in the email.',
  },
});

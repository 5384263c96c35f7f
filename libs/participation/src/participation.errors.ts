import { registerErrorCatalog } from '@app/platform/errors';

export enum ParticipationErrorCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  APPLICATION_PROJECT_NOT_FOUND = 'APPLICATION_PROJECT_NOT_FOUND',
  PROJECT_NOT_ACCEPTING_APPLICATIONS = 'PROJECT_NOT_ACCEPTING_APPLICATIONS',
  APPLICATION_DEADLINE_PASSED = 'APPLICATION_DEADLINE_PASSED',
  ALREADY_APPLIED = 'ALREADY_APPLIED',
  ILLEGAL_APPLICATION_TRANSITION = 'ILLEGAL_APPLICATION_TRANSITION',
  CAPACITY_REACHED = 'CAPACITY_REACHED',
  PROJECT_NOT_ACTIVE = 'PROJECT_NOT_ACTIVE',
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_PROGRESS = 'IDEMPOTENCY_KEY_IN_PROGRESS',
  CHECK_IN_CODE_INVALID = 'CHECK_IN_CODE_INVALID',
  CHECK_IN_TOO_MANY_ATTEMPTS = 'CHECK_IN_TOO_MANY_ATTEMPTS',
  APPLICATION_CURSOR_INVALID = 'APPLICATION_CURSOR_INVALID',
}

export const participationErrors = registerErrorCatalog<ParticipationErrorCode>({
  APPLICATION_NOT_FOUND: {
    status: 404,
    ja: '応募が見つかりません。',
    en: 'Application not found.',
  },
  APPLICATION_PROJECT_NOT_FOUND: {
    status: 404,
    ja: 'プロジェクトが見つかりません。',
    en: 'Project not found.',
  },
  PROJECT_NOT_ACCEPTING_APPLICATIONS: {
    status: 409,
    ja: 'このプロジェクトは現在応募を受け付けていません（状態: {status}）。',
    en: 'This project does not take applications now (status: {status}).',
  },
  APPLICATION_DEADLINE_PASSED: {
    status: 409,
    ja: '応募締切（{deadline}）を過ぎているため応募できません。',
    en: 'The application deadline ({deadline}) has passed.',
  },
  ALREADY_APPLIED: {
    status: 409,
    ja: 'このプロジェクトには既に応募しています。',
    en: 'You have already applied to this project.',
  },
  ILLEGAL_APPLICATION_TRANSITION: {
    status: 409,
    ja: '現在の状態（{stateLabel}）の応募は「{targetLabel}」にできません。',
    en: 'An application in state {state} cannot become {target}.',
  },
  CAPACITY_REACHED: {
    status: 409,
    ja: '定員（{capacity}名）に達しているため承認できません。キャンセル待ちにすることはできます。',
    en: 'The project is full ({capacity} seats); the application can be waitlisted instead.',
  },
  PROJECT_NOT_ACTIVE: {
    status: 409,
    ja: 'このプロジェクトは実施中ではないため、この操作はできません（状態: {status}）。',
    en: 'The project is not active (status: {status}).',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    ja: 'Idempotency-Key ヘッダーは1〜255文字の英数字と記号（- _ . :）で指定してください。',
    en: 'The Idempotency-Key header must be 1–255 characters of letters, digits and - _ . :',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    ja: 'この Idempotency-Key は別の内容のリクエストで既に使われています。',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    status: 409,
    ja: '同じ Idempotency-Key のリクエストを処理中です。しばらくしてから再度お試しください。',
    en: 'A request with the same Idempotency-Key is being processed. Try again shortly.',
  },
  CHECK_IN_CODE_INVALID: {
    status: 422,
    ja: '参加確認コードが正しくないか、有効期限が切れています。',
    en: 'The check-in code is wrong or has expired.',
  },
  CHECK_IN_TOO_MANY_ATTEMPTS: {
    status: 429,
    ja: '参加確認コードの入力に続けて失敗したため、しばらく入力できません。主催者にお問い合わせください。',
    en: 'Too many wrong check-in codes. Try again later or ask the host.',
  },
  APPLICATION_CURSOR_INVALID: {
    status: 400,
    ja: 'ページ位置（cursor）が正しくありません。最初のページから取得し直してください。',
    en: 'The cursor is invalid. Start again from the first page.',
  },
});

import { registerErrorCatalog } from '@app/platform/errors';

export enum ProjectsErrorCode {
  PROJECT_NOT_FOUND = 'PROJECT_NOT_FOUND',
  PROJECT_ILLEGAL_TRANSITION = 'PROJECT_ILLEGAL_TRANSITION',
  PROJECT_NOT_EDITABLE = 'PROJECT_NOT_EDITABLE',
  PROJECT_DEADLINE_AFTER_START = 'PROJECT_DEADLINE_AFTER_START',
  PROJECT_ENDS_BEFORE_START = 'PROJECT_ENDS_BEFORE_START',
  PROJECT_DATE_IN_PAST = 'PROJECT_DATE_IN_PAST',
  PROJECT_HOST_OUT_OF_SCOPE = 'PROJECT_HOST_OUT_OF_SCOPE',
  PROJECT_CO_HOST_INVALID = 'PROJECT_CO_HOST_INVALID',
  PROJECT_INVALID_CURSOR = 'PROJECT_INVALID_CURSOR',
  PROJECT_EMPTY_UPDATE = 'PROJECT_EMPTY_UPDATE',
}

export const projectsErrors = registerErrorCatalog<ProjectsErrorCode>({
  PROJECT_NOT_FOUND: {
    status: 404,
    ja: 'プロジェクトが見つかりません。',
    en: 'Project not found.',
  },
  PROJECT_ILLEGAL_TRANSITION: {
    status: 409,
    ja: '「{fromLabel}」のプロジェクトは{actionLabel}できません。',
    en: 'A project in state {from} cannot be {action}.',
  },
  PROJECT_NOT_EDITABLE: {
    status: 409,
    ja: '「{statusLabel}」のプロジェクトは編集できません。',
    en: 'A project in state {status} cannot be edited.',
  },
  PROJECT_DEADLINE_AFTER_START: {
    status: 422,
    ja: '応募締切は開始日時以前に設定してください。',
    en: 'The application deadline must not be after the start.',
  },
  PROJECT_ENDS_BEFORE_START: {
    status: 422,
    ja: '終了日時は開始日時以降に設定してください。',
    en: 'The end must not be before the start.',
  },
  PROJECT_DATE_IN_PAST: {
    status: 422,
    ja: '{fieldLabel}に過去の日時は指定できません。',
    en: 'The {field} must not be in the past.',
  },
  PROJECT_HOST_OUT_OF_SCOPE: {
    status: 403,
    ja: '担当外の市区町村（{code}）のプロジェクトは作成できません。',
    en: 'You cannot create projects for municipality {code}: it is outside your scope.',
  },
  PROJECT_CO_HOST_INVALID: {
    status: 422,
    ja: '共催市区町村に主催市区町村（{code}）や重複した市区町村は指定できません。',
    en: 'Co-host municipalities must differ from the host ({code}) and from each other.',
  },
  PROJECT_INVALID_CURSOR: {
    status: 400,
    ja: 'ページ位置（cursor）が正しくありません。最初のページから取得し直してください。',
    en: 'The cursor is invalid. Start again from the first page.',
  },
  PROJECT_EMPTY_UPDATE: {
    status: 400,
    ja: '変更する項目を1つ以上指定してください。',
    en: 'Give at least one field to change.',
  },
});

import { registerErrorCatalog } from '@app/platform/errors';

export enum MatchingErrorCode {
  MATCHING_PROFILE_REQUIRED = 'MATCHING_PROFILE_REQUIRED',
}

export const matchingErrors = registerErrorCatalog<MatchingErrorCode>({
  MATCHING_PROFILE_REQUIRED: {
    status: 409,
    ja: 'おすすめを表示するには、先にプロフィールを登録してください。',
    en: 'Save your profile first to get recommendations.',
  },
});

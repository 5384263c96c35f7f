import { registerErrorCatalog } from '@app/platform/errors';

export enum ParticipantsErrorCode {
  PROFILE_NOT_FOUND = 'PROFILE_NOT_FOUND',
  PROFILE_REQUIRED = 'PROFILE_REQUIRED',
  CONSENT_PURPOSE_NOT_FOUND = 'CONSENT_PURPOSE_NOT_FOUND',
  CONSENT_MUNICIPALITY_NOT_ALLOWED = 'CONSENT_MUNICIPALITY_NOT_ALLOWED',
  REGISTRATION_AT_RESIDENCE = 'REGISTRATION_AT_RESIDENCE',
  REGISTRATION_DUPLICATE = 'REGISTRATION_DUPLICATE',
  REGISTRATION_CAP_REACHED = 'REGISTRATION_CAP_REACHED',
  REGISTRATION_NOT_FOUND = 'REGISTRATION_NOT_FOUND',
  PREMIUM_NOT_ELIGIBLE = 'PREMIUM_NOT_ELIGIBLE',
  PREMIUM_LIMIT_REACHED = 'PREMIUM_LIMIT_REACHED',
}

export const participantsErrors = registerErrorCatalog<ParticipantsErrorCode>({
  PROFILE_NOT_FOUND: {
    status: 404,
    ja: 'プロフィールがまだ登録されていません。',
    en: 'No profile has been saved yet.',
  },
  PROFILE_REQUIRED: {
    status: 409,
    ja: 'ふるさと住民登録の前に、プロフィール（居住地）を登録してください。',
    en: 'Save your profile (residence municipality) before registering.',
  },
  CONSENT_PURPOSE_NOT_FOUND: {
    status: 404,
    ja: '同意の種類「{purpose}」はありません。',
    en: 'There is no consent purpose "{purpose}".',
  },
  CONSENT_MUNICIPALITY_NOT_ALLOWED: {
    status: 422,
    ja: '市区町村ごとの同意は「連絡先の提供」にのみ設定できます。',
    en: 'Only share_contact_with_hosts can be given per municipality.',
  },
  REGISTRATION_AT_RESIDENCE: {
    status: 422,
    ja: 'お住まいの市区町村（{code}）にはふるさと住民登録できません。',
    en: 'You cannot register with your own residence municipality ({code}).',
  },
  REGISTRATION_DUPLICATE: {
    status: 409,
    ja: 'この市区町村（{code}）にはすでにふるさと住民登録しています。',
    en: 'You are already registered with municipality {code}.',
  },
  REGISTRATION_CAP_REACHED: {
    status: 409,
    ja: 'ふるさと住民登録できる市区町村は{cap}件までです。',
    en: 'You may register with at most {cap} municipalities.',
  },
  REGISTRATION_NOT_FOUND: {
    status: 404,
    ja: 'この市区町村（{code}）へのふるさと住民登録はありません。',
    en: 'You have no registration with municipality {code}.',
  },
  PREMIUM_NOT_ELIGIBLE: {
    status: 409,
    ja: 'プレミアム登録には過去12か月に{required}回以上の活動が必要です（現在{count}回、あと{remaining}回）。',
    en: 'Premium needs {required} verified activities in the last 12 months ({count} so far, {remaining} more).',
  },
  PREMIUM_LIMIT_REACHED: {
    status: 409,
    ja: 'プレミアム登録できる市区町村は{max}件までです。',
    en: 'You may hold premium with at most {max} municipalities.',
  },
});

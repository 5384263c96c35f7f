import { registerErrorCatalog } from '@app/platform/errors';

export enum OrganizationsErrorCode {
  ORGANIZATION_NOT_FOUND = 'ORGANIZATION_NOT_FOUND',
  ORGANIZATION_EXISTS = 'ORGANIZATION_EXISTS',
  INVALID_CORPORATE_NUMBER = 'INVALID_CORPORATE_NUMBER',
  MEMBERSHIP_EXISTS = 'MEMBERSHIP_EXISTS',
  MEMBERSHIP_ROLE_MISMATCH = 'MEMBERSHIP_ROLE_MISMATCH',
  INVITATION_NOT_FOUND = 'INVITATION_NOT_FOUND',
  INVALID_CURSOR = 'ORGANIZATIONS_INVALID_CURSOR',
}

export const organizationsErrors = registerErrorCatalog<OrganizationsErrorCode>({
  ORGANIZATION_NOT_FOUND: {
    status: 404,
    ja: '団体が見つかりません。',
    en: 'Organization not found.',
  },
  ORGANIZATION_EXISTS: {
    status: 409,
    ja: 'この団体は既に登録されています。',
    en: 'This organization already exists.',
  },
  INVALID_CORPORATE_NUMBER: {
    status: 400,
    ja: '法人番号 {value} が正しくありません（13桁の数字で、先頭の検査用数字が一致する必要があります）。',
    en: 'Corporate number {value} is invalid (13 digits with a matching leading check digit).',
  },
  MEMBERSHIP_EXISTS: {
    status: 409,
    ja: 'このユーザーは既にこの団体に所属しています。',
    en: 'The user already belongs to this organization.',
  },
  MEMBERSHIP_ROLE_MISMATCH: {
    status: 409,
    ja: 'このユーザーの役割ではこの団体に所属できません。',
    en: "The user's role cannot belong to this kind of organization.",
  },
  INVITATION_NOT_FOUND: {
    status: 404,
    ja: '招待が見つからないか、有効期限が切れています。',
    en: 'The invitation does not exist or has expired.',
  },
  ORGANIZATIONS_INVALID_CURSOR: {
    status: 400,
    ja: 'ページ位置（cursor）が正しくありません。',
    en: 'The cursor is invalid.',
  },
});

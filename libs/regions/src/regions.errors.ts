import { registerErrorCatalog } from '@app/platform/errors';

export enum RegionsErrorCode {
  INVALID_LOCAL_GOV_CODE = 'INVALID_LOCAL_GOV_CODE',
  LOCAL_GOV_CODE_CHECK_DIGIT = 'LOCAL_GOV_CODE_CHECK_DIGIT',
  MUNICIPALITY_NOT_FOUND = 'MUNICIPALITY_NOT_FOUND',
  PREFECTURE_NOT_FOUND = 'PREFECTURE_NOT_FOUND',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export const regionsErrors = registerErrorCatalog<RegionsErrorCode>({
  INVALID_LOCAL_GOV_CODE: {
    status: 400,
    ja: '地方公共団体コードは5桁または6桁の数字で指定してください（指定値: {code}）。',
    en: 'A local government code has 5 or 6 digits (given: {code}).',
  },
  LOCAL_GOV_CODE_CHECK_DIGIT: {
    status: 400,
    ja: '地方公共団体コード {code} の検査数字が正しくありません。正しくは {expected} です。',
    en: 'The check digit of local government code {code} is wrong; expected {expected}.',
  },
  MUNICIPALITY_NOT_FOUND: {
    status: 404,
    ja: '地方公共団体コード {code} の市区町村は見つかりません。',
    en: 'No municipality has code {code}.',
  },
  PREFECTURE_NOT_FOUND: {
    status: 404,
    ja: '都道府県コード {code} は見つかりません。',
    en: 'No prefecture has code {code}.',
  },
  INVALID_CURSOR: {
    status: 400,
    ja: 'ページ位置（cursor）が正しくありません。最初のページから取得し直してください。',
    en: 'The cursor is invalid. Start again from the first page.',
  },
});

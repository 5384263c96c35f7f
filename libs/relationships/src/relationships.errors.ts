import { registerErrorCatalog } from '@app/platform/errors';

export const RelationshipsErrorCode = {
  STATS_SCOPE_NOT_FOUND: 'STATS_SCOPE_NOT_FOUND',
  STATS_INVALID_DATE: 'STATS_INVALID_DATE',
  STATS_INVALID_PERIOD: 'STATS_INVALID_PERIOD',
  STATS_UNSUPPORTED_PERIOD: 'STATS_UNSUPPORTED_PERIOD',
  STATS_TARGET_NOT_FOUND: 'STATS_TARGET_NOT_FOUND',
  STATS_EXPORT_UNMAPPABLE: 'STATS_EXPORT_UNMAPPABLE',
  STATS_REGION_EXISTS: 'STATS_REGION_EXISTS',
  STATS_REGION_UNKNOWN_MUNICIPALITY: 'STATS_REGION_UNKNOWN_MUNICIPALITY',
  STATS_REGION_NOT_FOUND: 'STATS_REGION_NOT_FOUND',
} as const;
export type RelationshipsErrorCode = (typeof RelationshipsErrorCode)[keyof typeof RelationshipsErrorCode];

export const relationshipsErrors = registerErrorCatalog({
  STATS_SCOPE_NOT_FOUND: { status: 404, ja: '集計範囲 {scopeType}/{code} は見つかりません。', en: 'Scope {scopeType}/{code} was not found.' },
  STATS_INVALID_DATE: { status: 400, ja: '日付 {value} は YYYY-MM-DD 形式の有効な日付ではありません。', en: 'Date {value} is not a valid YYYY-MM-DD date.' },
  STATS_INVALID_PERIOD: { status: 400, ja: '期間の開始日が終了日より後です。', en: 'The period starts after it ends.' },
  STATS_UNSUPPORTED_PERIOD: {
    status: 400,
    ja: '活動実人数は月または年度単位でのみ集計できます。',
    en: 'active_persons is only available per calendar month or fiscal year.',
  },
  STATS_TARGET_NOT_FOUND: { status: 404, ja: '目標が設定されていません。', en: 'No target is set for this scope.' },
  STATS_EXPORT_UNMAPPABLE: { status: 422, ja: 'CP932 で表せない文字があります: {chars}', en: 'Characters not representable in CP932: {chars}' },
  STATS_REGION_EXISTS: { status: 409, ja: '広域リージョン {code} は既に定義されています。', en: 'Region {code} is already defined.' },
  STATS_REGION_UNKNOWN_MUNICIPALITY: { status: 422, ja: '存在しない市区町村コードがあります: {codes}', en: 'Unknown municipality codes: {codes}' },
  STATS_REGION_NOT_FOUND: { status: 404, ja: '広域リージョン {code} は定義されていません。', en: 'Region {code} is not defined.' },
});

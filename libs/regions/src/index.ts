/** Regions context: prefectures, municipalities (全国地方公共団体コード) and regional groupings. */
export { RegionsModule } from './regions.module';
export { RegionsService } from './application/regions.service';
export type { ResolvedMunicipality, MunicipalityPage } from './application/regions.service';
export { RegionsErrorCode, regionsErrors } from './regions.errors';
export { parseLocalGovCode, checkDigit, isValidCode6 } from './domain/local-gov-code';
export type { ParsedCode } from './domain/local-gov-code';
export { REGION_DEFINITIONS } from './domain/region-groupings';
export type { RegionScheme, RegionDefinition } from './domain/region-groupings';
export type { MunicipalityKind } from './domain/municipality-kind';
export { toKatakana, normalizeSearchText } from './domain/kana';

export type MunicipalityKind = 'city' | 'designated_city' | 'special_ward' | 'town' | 'village';

/** The 6 北方領土 villages: codes exist, no functioning government and no census population. */
export const NORTHERN_TERRITORIES_CODES: ReadonlySet<string> = new Set([
  '016951', '016969', '016977', '016985', '016993', '017001',
]);

/** Kind of a municipality from its code, name and whether it has wards (政令指定都市). */
export function municipalityKind(code6: string, name: string, hasWards: boolean): MunicipalityKind {
  if (hasWards) return 'designated_city';
  if (code6.startsWith('131')) return 'special_ward';
  if (name.endsWith('市')) return 'city';
  if (name.endsWith('町')) return 'town';
  if (name.endsWith('村')) return 'village';
  throw new Error(`cannot classify municipality ${code6} ${name}`);
}

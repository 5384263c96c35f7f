import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DesignatedCityWardEntity } from './designated-city-ward.entity';
import { MunicipalityEntity } from './municipality.entity';
import { PrefectureEntity } from './prefecture.entity';
import { RegionEntity } from './region.entity';

export interface MunicipalitySearch {
  prefectureCode?: string;
  /** Already normalized (NFKC, katakana); matched as a prefix of the name or the kana. */
  prefix?: string;
  includeNorthernTerritories: boolean;
  afterCode?: string;
  limit: number;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

@Injectable()
export class RegionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async upsertPrefectures(manager: EntityManager, rows: Omit<PrefectureEntity, 'population' | 'populationYear'>[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(PrefectureEntity)
      .values(rows)
      .orUpdate(['code6', 'name', 'name_kana', 'name_en', 'chiho8_code', 'kouiki_code'], ['code'])
      .execute();
  }

  async upsertMunicipalities(
    manager: EntityManager,
    rows: Omit<MunicipalityEntity, 'population' | 'populationYear'>[],
  ): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(MunicipalityEntity)
        .values(rows.slice(i, i + 500))
        .orUpdate(['code5', 'prefecture_code', 'name', 'name_kana', 'kind', 'is_northern_territories'], ['code'])
        .execute();
    }
  }

  async upsertWards(manager: EntityManager, rows: DesignatedCityWardEntity[]): Promise<void> {
    if (rows.length === 0) return;
    await manager
      .createQueryBuilder()
      .insert()
      .into(DesignatedCityWardEntity)
      .values(rows)
      .orUpdate(['city_code', 'name', 'name_kana'], ['code'])
      .execute();
  }

  async upsertRegions(manager: EntityManager, rows: RegionEntity[]): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(RegionEntity)
      .values(rows)
      .orUpdate(['name', 'name_kana', 'name_en', 'sort_order', 'prefecture_codes'], ['scheme', 'code'])
      .execute();
  }

  listPrefectures(): Promise<PrefectureEntity[]> {
    return this.dataSource.getRepository(PrefectureEntity).find({ order: { code: 'ASC' } });
  }

  findPrefecture(code: string): Promise<PrefectureEntity | null> {
    return this.dataSource.getRepository(PrefectureEntity).findOneBy({ code });
  }

  listRegions(scheme?: string): Promise<RegionEntity[]> {
    return this.dataSource
      .getRepository(RegionEntity)
      .find({ where: scheme ? { scheme } : {}, order: { scheme: 'ASC', sortOrder: 'ASC' } });
  }

  findMunicipality(code6: string): Promise<MunicipalityEntity | null> {
    return this.dataSource.getRepository(MunicipalityEntity).findOneBy({ code: code6 });
  }

  findMunicipalities(codes: string[]): Promise<MunicipalityEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(MunicipalityEntity)
      .createQueryBuilder('m')
      .where('m.code IN (:...codes)', { codes })
      .orderBy('m.code')
      .getMany();
  }

  findWard(code6: string): Promise<DesignatedCityWardEntity | null> {
    return this.dataSource.getRepository(DesignatedCityWardEntity).findOneBy({ code: code6 });
  }

  searchMunicipalities(search: MunicipalitySearch): Promise<MunicipalityEntity[]> {
    const qb = this.dataSource.getRepository(MunicipalityEntity).createQueryBuilder('m');
    if (!search.includeNorthernTerritories) qb.andWhere('m.is_northern_territories = false');
    if (search.prefectureCode) qb.andWhere('m.prefecture_code = :pref', { pref: search.prefectureCode });
    if (search.prefix) {
      const pattern = `${escapeLike(search.prefix)}%`;
      qb.andWhere('(m.name LIKE :pattern OR m.name_kana LIKE :pattern)', { pattern });
    }
    if (search.afterCode) qb.andWhere('m.code > :after', { after: search.afterCode });
    return qb.orderBy('m.code', 'ASC').limit(search.limit).getMany();
  }

  async countMunicipalities(): Promise<number> {
    return this.dataSource.getRepository(MunicipalityEntity).count();
  }

  async updateMunicipalityPopulation(manager: EntityManager, code6: string, population: number | null, year: number | null): Promise<boolean> {
    const r = await manager.getRepository(MunicipalityEntity).update({ code: code6 }, { population, populationYear: year });
    return (r.affected ?? 0) > 0;
  }

  async updatePrefecturePopulation(manager: EntityManager, code: string, population: number | null, year: number | null): Promise<boolean> {
    const r = await manager.getRepository(PrefectureEntity).update({ code }, { population, populationYear: year });
    return (r.affected ?? 0) > 0;
  }
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { MunicipalityKind } from '../domain/municipality-kind';

/** 市区町村 (incl. Tokyo's 23 special wards), keyed by the 6-digit 全国地方公共団体コード. */
@Entity({ name: 'municipalities' })
@Index('idx_municipalities_prefecture_code', ['prefectureCode', 'code'])
// text_pattern_ops prefix indexes live in the migration; TypeORM must not try to manage them.
@Index('idx_municipalities_name_prefix', { synchronize: false })
@Index('idx_municipalities_name_kana_prefix', { synchronize: false })
export class MunicipalityEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ type: 'char', length: 5, unique: true })
  code5: string;

  @Column({ type: 'char', length: 2 })
  prefectureCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  nameKana: string;

  @Column({ type: 'text' })
  kind: MunicipalityKind;

  @Column({ type: 'boolean', default: false })
  isNorthernTerritories: boolean;

  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Column({ type: 'smallint', nullable: true })
  populationYear: number | null;
}

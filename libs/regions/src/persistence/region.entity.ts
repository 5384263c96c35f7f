import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A grouping of prefectures under one scheme (八地方区分 or 広域地方計画区域). */
@Entity({ name: 'regions' })
export class RegionEntity {
  @PrimaryColumn({ type: 'text' })
  scheme: string;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  nameKana: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'smallint' })
  sortOrder: number;

  @Column({ type: 'char', length: 2, array: true })
  prefectureCodes: string[];
}

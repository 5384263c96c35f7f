import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 都道府県, keyed by the 2-digit JIS X 0401 code. */
@Entity({ name: 'prefectures' })
export class PrefectureEntity {
  @PrimaryColumn({ type: 'char', length: 2 })
  code: string;

  @Column({ type: 'char', length: 6, unique: true })
  code6: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  nameKana: string;

  @Column({ type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'text' })
  chiho8Code: string;

  @Column({ type: 'text', nullable: true })
  kouikiCode: string | null;

  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Column({ type: 'smallint', nullable: true })
  populationYear: number | null;
}

import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 政令指定都市の区: not a municipality; resolves to its city. */
@Entity({ name: 'designated_city_wards' })
export class DesignatedCityWardEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ type: 'char', length: 6 })
  cityCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  nameKana: string;
}

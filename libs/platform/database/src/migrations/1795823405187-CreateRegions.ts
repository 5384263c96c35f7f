import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateRegions1795823405187 implements MigrationInterface {
  name = 'CreateRegions1795823405187';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prefectures (
        code char(2) NOT NULL,
        code6 char(6) NOT NULL,
        name text NOT NULL,
        name_kana text NOT NULL,
        name_en text,
        chiho8_code text NOT NULL,
        kouiki_code text,
        population integer,
        population_year smallint,
        CONSTRAINT pk_prefectures PRIMARY KEY (code),
        CONSTRAINT uq_prefectures_code6 UNIQUE (code6),
        CONSTRAINT chk_prefectures_code CHECK (code ~ '^[0-9]{2}$' AND code BETWEEN '01' AND '47'),
        CONSTRAINT chk_prefectures_population CHECK (population IS NULL OR population >= 0)
      )`);
    await q.query(`
      CREATE TABLE municipalities (
        code char(6) NOT NULL,
        code5 char(5) NOT NULL,
        prefecture_code char(2) NOT NULL,
        name text NOT NULL,
        name_kana text NOT NULL,
        kind text NOT NULL,
        is_northern_territories boolean NOT NULL DEFAULT false,
        population integer,
        population_year smallint,
        CONSTRAINT pk_municipalities PRIMARY KEY (code),
        CONSTRAINT uq_municipalities_code5 UNIQUE (code5),
        CONSTRAINT fk_municipalities_prefecture_code FOREIGN KEY (prefecture_code) REFERENCES prefectures (code),
        CONSTRAINT chk_municipalities_code CHECK (code ~ '^[0-9]{6}$' AND left(code, 5) = code5 AND left(code, 2) = prefecture_code),
        CONSTRAINT chk_municipalities_kind CHECK (kind IN ('city', 'designated_city', 'special_ward', 'town', 'village')),
        CONSTRAINT chk_municipalities_population CHECK (population IS NULL OR population >= 0)
      )`);
    await q.query('CREATE INDEX idx_municipalities_prefecture_code ON municipalities (prefecture_code, code)');
    // Prefix search by name or kana (「ちよ」→ 千代田区): btree with text_pattern_ops serves LIKE 'x%'.
    await q.query('CREATE INDEX idx_municipalities_name_prefix ON municipalities (name text_pattern_ops)');
    await q.query('CREATE INDEX idx_municipalities_name_kana_prefix ON municipalities (name_kana text_pattern_ops)');
    await q.query(`
      CREATE TABLE designated_city_wards (
        code char(6) NOT NULL,
        city_code char(6) NOT NULL,
        name text NOT NULL,
        name_kana text NOT NULL,
        CONSTRAINT pk_designated_city_wards PRIMARY KEY (code),
        CONSTRAINT fk_designated_city_wards_city_code FOREIGN KEY (city_code) REFERENCES municipalities (code)
      )`);
    await q.query('CREATE INDEX idx_designated_city_wards_city_code ON designated_city_wards (city_code)');
    await q.query(`
      CREATE TABLE regions (
        scheme text NOT NULL,
        code text NOT NULL,
        name text NOT NULL,
        name_kana text NOT NULL,
        name_en text NOT NULL,
        sort_order smallint NOT NULL,
        prefecture_codes char(2)[] NOT NULL,
        CONSTRAINT pk_regions PRIMARY KEY (scheme, code),
        CONSTRAINT chk_regions_scheme CHECK (scheme IN ('chiho8', 'kouiki'))
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE regions');
    await q.query('DROP TABLE designated_city_wards');
    await q.query('DROP TABLE municipalities');
    await q.query('DROP TABLE prefectures');
  }
}

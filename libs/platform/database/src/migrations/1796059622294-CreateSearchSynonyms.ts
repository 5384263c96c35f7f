import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects: synonym groups for discovery search (a query for 農家 also finds 農業 and 農作業).
 * Words are stored NFKC-normalized with ASCII lowercased, as the search compares them; one group
 * per word. Changing the vocabulary is a new migration (data), not a code change.
 */
export class CreateSearchSynonyms1796059622294 implements MigrationInterface {
  name = 'CreateSearchSynonyms1796059622294';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE search_synonyms (
        term text NOT NULL,
        group_name text NOT NULL,
        CONSTRAINT pk_search_synonyms PRIMARY KEY (term),
        CONSTRAINT chk_search_synonyms_term CHECK (term <> '' AND term !~ '[[:space:]]' AND term = lower(normalize(term, NFKC) COLLATE "C"))
      )`);
    await q.query(`
      INSERT INTO search_synonyms (term, group_name) VALUES
        ('農業', 'agriculture'), ('農作業', 'agriculture'), ('農家', 'agriculture'),
        ('移住', 'relocation'), ('定住', 'relocation'),
        ('空き家', 'vacant_house'), ('古民家', 'vacant_house'),
        ('子育て', 'childcare'), ('育児', 'childcare'),
        ('漁業', 'fishery'), ('漁師', 'fishery')`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE search_synonyms');
  }
}

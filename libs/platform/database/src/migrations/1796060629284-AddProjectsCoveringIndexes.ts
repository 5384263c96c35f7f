import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects: the two hot reads of published projects.
 * - Structured discovery (filters + start order): every equality filter (prefecture, municipality,
 *   category, tag, mode) and the skills filter become elements of one generated array,
 *   `discovery_facets` ('p:20', 'u:202134', 'c:ai_digital', 't:農業', 'm:remote', 's:写真撮影'), with
 *   one GIN index, so any combination is one posting-list intersection (rare combinations no longer
 *   walk the start-order index for tens of thousands of rows). The start-order index includes the
 *   facets, so common combinations find the page's ids by an index-only walk. Replaces
 *   idx_projects_published_starts_at.
 * - Recommendation candidates (matching): newest published first, filtered on deadline, prefecture,
 *   category, skills and mode, up to a thousand rows of the fields the scoring reads — all included
 *   in the index, so an index-only scan. Replaces idx_projects_published_published_at.
 * The wide columns (description and its search text and grams) stay out of these indexes.
 */
export class AddProjectsCoveringIndexes1796060629284 implements MigrationInterface {
  name = 'AddProjectsCoveringIndexes1796060629284';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION projects_discovery_facets(category text, mode text, tags text[], skills text[], prefs text[], munis text[])
      RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT ARRAY['c:' || category, 'm:' || mode]
            || ARRAY(SELECT 't:' || x FROM unnest(tags) AS x)
            || ARRAY(SELECT 's:' || x FROM unnest(skills) AS x)
            || ARRAY(SELECT 'p:' || x FROM unnest(prefs) AS x)
            || ARRAY(SELECT 'u:' || x FROM unnest(munis) AS x)
      $$`);
    await q.query(`
      ALTER TABLE projects ADD COLUMN discovery_facets text[] GENERATED ALWAYS AS
        (projects_discovery_facets(category, mode, tags, required_skills, prefecture_codes, municipality_codes)) STORED`);
    await q.query(`CREATE INDEX idx_projects_discovery_facets ON projects USING gin (discovery_facets) WHERE status = 'published'`);
    await q.query(`
      CREATE INDEX idx_projects_published_discovery ON projects (starts_at, id) INCLUDE (discovery_facets) WHERE status = 'published'`);
    await q.query('DROP INDEX idx_projects_published_starts_at');
    await q.query(`
      CREATE INDEX idx_projects_open_matching ON projects (published_at DESC, id DESC)
        INCLUDE (application_deadline, category, mode, capacity, compensation, starts_at, ends_at,
                 municipality_codes, prefecture_codes, required_skills, tags, title)
        WHERE status = 'published'`);
    await q.query('DROP INDEX idx_projects_published_published_at');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_projects_published_published_at ON projects (published_at DESC, id DESC) WHERE status = 'published'`);
    await q.query('DROP INDEX idx_projects_open_matching');
    await q.query(`CREATE INDEX idx_projects_published_starts_at ON projects (starts_at, id) WHERE status = 'published'`);
    await q.query('DROP INDEX idx_projects_published_discovery');
    await q.query('DROP INDEX idx_projects_discovery_facets');
    await q.query('ALTER TABLE projects DROP COLUMN discovery_facets');
    await q.query('DROP FUNCTION projects_discovery_facets(text, text, text[], text[], text[], text[])');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Projects context. Japanese free-text search uses a gram array (NFKC-normalized title +
 * description split into 1- and 2-character grams) kept by PostgreSQL itself as a STORED
 * generated column over IMMUTABLE SQL functions, so every writer (api, seeder, bulk loads,
 * benchmarks) gets the same grams; a GIN index answers `search_grams @> $grams` and the query
 * rechecks `position(term in search_text)`. pg_trgm cannot index 1–2 character terms.
 */
export class CreateProjects1795824788266 implements MigrationInterface {
  name = 'CreateProjects1795824788266';

  public async up(q: QueryRunner): Promise<void> {
    // ASCII-only lowercasing (COLLATE "C") so the result does not depend on the server locale.
    await q.query(`
      CREATE FUNCTION projects_search_text(title text, description text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lower(normalize(coalesce(title, '') || E'\\n' || coalesce(description, ''), NFKC) COLLATE "C")
      $$`);
    await q.query(`
      CREATE FUNCTION projects_search_grams(t text) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT substr(tok, i, n)), '{}'::text[])
          FROM regexp_split_to_table(t, '[ \\t\\n\\r\\f\\v]+') AS tok,
               generate_series(1, char_length(tok)) AS i,
               (VALUES (1), (2)) AS v(n)
         WHERE tok <> '' AND i + n - 1 <= char_length(tok)
      $$`);
    await q.query(`
      CREATE TABLE projects (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        status text NOT NULL DEFAULT 'draft',
        title text NOT NULL,
        description text NOT NULL,
        host_municipality_code char(6) NOT NULL,
        host_prefecture_code char(2) NOT NULL,
        co_host_municipality_codes text[] NOT NULL DEFAULT '{}',
        municipality_codes text[] NOT NULL,
        prefecture_codes text[] NOT NULL,
        category text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        required_skills text[] NOT NULL DEFAULT '{}',
        mode text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        application_deadline timestamptz NOT NULL,
        capacity integer NOT NULL,
        compensation text NOT NULL,
        created_by uuid NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        closed_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        cancel_reason text,
        search_text text GENERATED ALWAYS AS (projects_search_text(title, description)) STORED,
        search_grams text[] GENERATED ALWAYS AS (projects_search_grams(projects_search_text(title, description))) STORED,
        CONSTRAINT pk_projects PRIMARY KEY (id),
        CONSTRAINT chk_projects_status CHECK (status IN ('draft', 'published', 'closed', 'completed', 'cancelled')),
        CONSTRAINT chk_projects_title_length CHECK (char_length(title) BETWEEN 1 AND 120),
        CONSTRAINT chk_projects_description_length CHECK (char_length(description) BETWEEN 1 AND 10000),
        CONSTRAINT chk_projects_category CHECK (category IN ('living_environment', 'earning_power', 'people_flow', 'ai_digital', 'wide_area')),
        CONSTRAINT chk_projects_mode CHECK (mode IN ('onsite', 'remote', 'hybrid')),
        CONSTRAINT chk_projects_compensation CHECK (compensation IN ('volunteer', 'paid', 'travel_support')),
        CONSTRAINT chk_projects_capacity CHECK (capacity >= 1),
        CONSTRAINT chk_projects_schedule CHECK (ends_at >= starts_at),
        CONSTRAINT chk_projects_deadline CHECK (application_deadline <= starts_at),
        CONSTRAINT chk_projects_municipality_codes CHECK (municipality_codes[1] = host_municipality_code)
      )`);
    await q.query('CREATE INDEX idx_projects_search_grams ON projects USING gin (search_grams)');
    await q.query('CREATE INDEX idx_projects_municipality_codes ON projects USING gin (municipality_codes)');
    await q.query('CREATE INDEX idx_projects_prefecture_codes ON projects USING gin (prefecture_codes)');
    // Discovery pages published projects by (starts_at, id).
    await q.query(`CREATE INDEX idx_projects_published_starts_at ON projects (starts_at, id) WHERE status = 'published'`);
    await q.query('CREATE INDEX idx_projects_host_municipality_code ON projects (host_municipality_code, created_at)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projects');
    await q.query('DROP FUNCTION projects_search_grams(text)');
    await q.query('DROP FUNCTION projects_search_text(text, text)');
  }
}

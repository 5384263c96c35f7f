import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/platform/database';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { ProjectEntity } from './project.entity';
import { ProjectsRepository, type DiscoveryFilter } from './projects.repository';

function planNodes(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

const CATEGORIES = ['living_environment', 'earning_power', 'people_flow', 'ai_digital', 'wide_area'];
const TAGS = ['農業', '観光', '防災', '教育', '子育て', '福祉', '移住', '空き家', '食', 'DX'];
const SKILLS = ['Webデザイン', '写真撮影', '動画編集', '農作業', '英語', '会計', '調理'];
const MUNIS = ['011002', '131041', '152048', '152056', '202134', '222135', '271004', '401005', '472018'];

// Structured discovery (filters + start order) answers from discovery_facets and the covering start
// index with exactly the rows the plain column filters select; the matching candidates read returns
// every field intact (JSON path) in newest-first order.
describe('projects structured search and matching candidates (integration)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: ProjectsRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url), entities: [ProjectEntity] } as never);
    await ds.initialize();
    repo = new ProjectsRepository(ds);
    await ds.query(
      `INSERT INTO projects (title, description, host_municipality_code, host_prefecture_code, municipality_codes, prefecture_codes, co_host_municipality_codes,
                             category, tags, required_skills, mode, starts_at, ends_at, application_deadline, capacity, compensation, created_by, status, published_at)
       SELECT 'プロジェクト' || i, '説明' || i, m.host, left(m.host, 2),
              CASE WHEN i % 11 = 0 THEN ARRAY[m.host, m.co] ELSE ARRAY[m.host] END,
              CASE WHEN i % 11 = 0 THEN ARRAY(SELECT DISTINCT left(x, 2) FROM unnest(ARRAY[m.host, m.co]) x ORDER BY 1) ELSE ARRAY[left(m.host, 2)] END,
              CASE WHEN i % 11 = 0 THEN ARRAY[m.co] ELSE '{}'::text[] END,
              ($1::text[])[1 + i % 5], ARRAY[($2::text[])[1 + (i * 7) % 10]], ARRAY[($3::text[])[1 + (i * 3) % 7], ($3::text[])[1 + (i / 7) % 7]],
              (ARRAY['onsite','onsite','remote','hybrid'])[1 + (i / 3) % 4],
              t.base + interval '30 days' + (i * 37 % 5000) * interval '1 hour', t.base + interval '31 days' + (i * 37 % 5000) * interval '1 hour',
              t.base + (1 + i % 20) * interval '1 day', 10, 'volunteer', gen_random_uuid(),
              CASE WHEN i % 13 = 0 THEN 'draft' ELSE 'published' END, CASE WHEN i % 13 = 0 THEN NULL ELSE now() - i * interval '1 minute' END
         FROM generate_series(1, 20000) AS i
         JOIN LATERAL (SELECT ($4::text[])[1 + (i * 5) % 9] AS host, ($4::text[])[1 + (i * 5 + 4) % 9] AS co) m ON true
         -- Whole seconds: the api stores what clients send (millisecond ISO strings) and the page cursor carries milliseconds.
         CROSS JOIN (SELECT date_trunc('second', now()) AS base) t`,
      [CATEGORIES, TAGS, SKILLS, MUNIS],
    );
    await ds.query('VACUUM ANALYZE projects');
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  }, 60_000);

  const filters: DiscoveryFilter[] = [
    { prefectureCode: '15' },
    { municipalityCode: '152056' },
    { category: 'ai_digital', mode: 'remote' },
    { tag: '子育て', skills: ['英語', '調理'] },
    { prefectureCode: '13', category: 'people_flow', tag: '防災', mode: 'hybrid' },
    { category: 'wide_area', tag: 'DX', skills: ['会計'], mode: 'onsite' },
    { skills: ['農作業'], startsFrom: new Date(Date.now() + 60 * 86_400_000), startsTo: new Date(Date.now() + 75 * 86_400_000) },
    { prefectureCode: '47', municipalityCode: '011002' },
  ];

  /** The same filter on the plain columns, as the repository filtered before discovery_facets. */
  async function reference(f: DiscoveryFilter, limit: number): Promise<string[]> {
    const where = [`status = 'published'`];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    if (f.prefectureCode) where.push(`prefecture_codes @> ARRAY[${p(f.prefectureCode)}]::text[]`);
    if (f.municipalityCode) where.push(`municipality_codes @> ARRAY[${p(f.municipalityCode)}]::text[]`);
    if (f.category) where.push(`category = ${p(f.category)}`);
    if (f.tag) where.push(`tags @> ARRAY[${p(f.tag)}]::text[]`);
    if (f.mode) where.push(`mode = ${p(f.mode)}`);
    if (f.skills?.length) where.push(`required_skills && ${p(f.skills)}::text[]`);
    if (f.startsFrom) where.push(`starts_at >= ${p(f.startsFrom)}`);
    if (f.startsTo) where.push(`starts_at <= ${p(f.startsTo)}`);
    const rows: { id: string }[] = await ds.query(`SELECT id FROM projects WHERE ${where.join(' AND ')} ORDER BY starts_at, id LIMIT ${limit}`, params);
    return rows.map((r) => r.id);
  }

  it('returns exactly the rows of the plain column filters, in start order, and pages the same way', async () => {
    for (const f of filters) {
      const expected = await reference(f, 1000);
      const hits = await repo.searchPublished(f, undefined, 1000);
      expect({ f, ids: hits.map((h) => h.project.id) }).toEqual({ f, ids: expected });
      // Second page after the 5th row.
      if (hits.length > 6) {
        const fifth = hits[4].project;
        const next = await repo.searchPublished(f, { startsAt: fifth.startsAt, id: fifth.id }, 3);
        expect(next.map((h) => h.project.id)).toEqual(expected.slice(5, 8));
      }
    }
    // Facets follow updates (generated column): a project moved to another category is found there.
    const [moved] = await reference({ category: 'earning_power' }, 1);
    await ds.query(`UPDATE projects SET category = 'wide_area' WHERE id = $1`, [moved]);
    expect((await repo.searchPublished({ category: 'earning_power' }, undefined, 1000)).map((h) => h.project.id)).not.toContain(moved);
    expect((await repo.searchPublished({ category: 'wide_area' }, undefined, 5000)).map((h) => h.project.id)).toContain(moved);
  }, 60_000);

  it('plans every filter combination on the facets GIN or the covering start index (no sequential scan)', async () => {
    for (const f of filters) {
      const [sql, params] = repo.searchPublishedSql(f, 21);
      const [r] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const nodes = planNodes(r['QUERY PLAN'][0].Plan);
      const indexes = nodes.map((n) => n['Index Name']).filter(Boolean);
      expect({ f, seq: nodes.some((n) => n['Node Type'] === 'Seq Scan') }).toEqual({ f, seq: false });
      expect({ f, ok: indexes.some((i) => i === 'idx_projects_discovery_facets' || i === 'idx_projects_published_discovery') }).toEqual({ f, ok: true });
    }
  }, 30_000);

  it('reads matching candidates with every field intact (titles with quotes, newlines and control characters), newest first', async () => {
    const title = 'He said "こんにちは"\n\t\\ \u001e\u001f end';
    const id = randomUUID();
    await ds.query(
      `INSERT INTO projects (id, title, description, host_municipality_code, host_prefecture_code, municipality_codes, prefecture_codes, co_host_municipality_codes,
                             category, tags, required_skills, mode, starts_at, ends_at, application_deadline, capacity, compensation, created_by, status, published_at)
       VALUES ($1, $2, '説明', '152048', '15', '{152048,202134}', '{15,20}', '{202134}', 'ai_digital', '{DX,"a,b"}', '{"Web デザイン","x\\"y"}', 'hybrid',
               '2031-05-10T01:02:03.456Z', '2031-05-11T01:02:03.456Z', '2031-05-01T00:00:00.789Z', 7, 'paid', gen_random_uuid(), 'published', now() + interval '1 minute')`,
      [id, title],
    );
    const rows = await repo.findOpenForMatching({ prefectureCodes: ['15'], categories: [], skills: [], includeRemote: false }, new Date(), 50);
    expect(rows[0]).toEqual({
      id,
      title,
      category: 'ai_digital',
      tags: ['DX', 'a,b'],
      requiredSkills: ['Web デザイン', 'x"y'],
      mode: 'hybrid',
      hostMunicipalityCode: '152048',
      municipalityCodes: ['152048', '202134'],
      prefectureCodes: ['15', '20'],
      startsAt: new Date('2031-05-10T01:02:03.456Z'),
      endsAt: new Date('2031-05-11T01:02:03.456Z'),
      applicationDeadline: new Date('2031-05-01T00:00:00.789Z'),
      capacity: 7,
      compensation: 'paid',
      publishedAt: expect.any(Date),
    });
    const expected: { id: string }[] = await ds.query(
      `SELECT id FROM projects WHERE status = 'published' AND application_deadline > now() AND (prefecture_codes && '{15}' )
        ORDER BY published_at DESC, id DESC LIMIT 50`,
    );
    expect(rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    expect(await repo.findOpenForMatching({ prefectureCodes: ['99'], categories: [], skills: [], includeRemote: false }, new Date(), 50)).toEqual([]);
  }, 30_000);
});

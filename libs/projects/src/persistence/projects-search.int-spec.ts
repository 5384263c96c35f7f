import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/platform/database';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { normalizeForSearch, parseSearchQuery, textGrams } from '../domain/search-grams';
import { ProjectEntity } from './project.entity';
import { ProjectsRepository, type NewProjectRow } from './projects.repository';

const WORDS = ['有機農業体験', '十割蕎麦打ち体験', '古民家再生', '棚田の草刈り', '観光ガイド養成', '防災訓練', '子ども食堂', 'ワーケーション', '地域DX相談', '漁港の朝市'];

function row(title: string, i: number): NewProjectRow {
  const startsAt = new Date(Date.UTC(2030, 0, 1) + i * 3600_000);
  return {
    title,
    description: `${title}の説明です。第${i}回。`,
    hostMunicipalityCode: '202134',
    hostPrefectureCode: '20',
    coHostMunicipalityCodes: [],
    municipalityCodes: ['202134'],
    prefectureCodes: ['20'],
    category: 'living_environment',
    tags: ['農業'],
    requiredSkills: [],
    mode: 'onsite',
    startsAt,
    endsAt: startsAt,
    applicationDeadline: startsAt,
    capacity: 5,
    compensation: 'volunteer',
    createdBy: randomUUID(),
  };
}

function planNodes(plan: Record<string, unknown>): Record<string, unknown>[] {
  const children = (plan.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [plan, ...children.flatMap(planNodes)];
}

describe('projects search (integration)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: ProjectsRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url), entities: [ProjectEntity] } as never);
    await ds.initialize();
    repo = new ProjectsRepository(ds);
    await ds.transaction(async (m) => {
      for (let i = 0; i < 200; i++) {
        const p = await repo.insert(m, row(`${WORDS[i % WORDS.length]}（${i}）`, i));
        if (i % 3 !== 2) await repo.setStatus(m, p.id, 'published', { publishedAt: new Date() });
      }
    });
    await ds.query('ANALYZE projects');
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  }, 60_000);

  it('PostgreSQL stores exactly the grams the domain computes', async () => {
    const samples = [
      ['有機農業体験', '田んぼで　米づくり'],
      ['ＤＸ推進ｻﾎﾟｰﾄ', 'Tab\there\nnew line  double'],
      ['𠮷野家の朝', '①②③ ＡＢＣ abc'],
      ['単', ''],
    ];
    for (const [title, description] of samples) {
      const [r] = await ds.query(`SELECT projects_search_text($1, $2) AS t, projects_search_grams(projects_search_text($1, $2)) AS g`, [title, description]);
      const expectedText = normalizeForSearch(`${title}\n${description}`);
      expect(r.t).toBe(expectedText);
      expect([...r.g].sort()).toEqual(textGrams(expectedText));
    }
  });

  it('finds exactly the published projects containing a 1- or 2-character keyword, and rechecks adjacency', async () => {
    const published = (await ds.query(`SELECT title FROM projects WHERE status = 'published'`)) as { title: string }[];
    for (const q of ['蕎麦', '農業', '麦', '体験', 'dx']) {
      const found = await repo.searchPublished({ search: parseSearchQuery(q) }, undefined, 1000);
      const expected = published.filter((p) => normalizeForSearch(p.title).includes(q)).length;
      expect({ q, n: found.length }).toEqual({ q, n: expected });
      expect(found.length).toBeGreaterThan(0);
      expect(found.every(({ project: p }) => normalizeForSearch(p.title + p.description).includes(q))).toBe(true);
    }
    // 農業 and 体験 both occur in 有機農業体験 but 業体 is needed for 農業体験 — and 農体 never occurs.
    expect(await repo.searchPublished({ search: parseSearchQuery('農体') }, undefined, 1000)).toHaveLength(0);
  });

  it('plans a filtered 2-character keyword search on the GIN gram index, no sequential scan, at 20,000 rows without planner settings', async () => {
    await ds.query(`
      INSERT INTO projects (title, description, host_municipality_code, host_prefecture_code, municipality_codes, prefecture_codes,
                            category, mode, starts_at, ends_at, application_deadline, capacity, compensation, created_by, status)
      SELECT (ARRAY['有機農業体験','古民家再生','棚田の草刈り','観光ガイド養成','防災訓練','子ども食堂','ワーケーション','漁港の朝市'])[1 + i % 8] || '（' || i || '）',
             '地域の皆さんと一緒に活動します。' || i, '202134', '20', '{202134}', '{20}', 'living_environment', 'onsite',
             now() + i * interval '1 minute', now() + i * interval '1 minute', now() + i * interval '1 minute', 5, 'volunteer', gen_random_uuid(), 'published'
        FROM generate_series(1, 20000) AS i`);
    await ds.query('ANALYZE projects');
    const [sql, params] = repo.searchPublishedSql({ search: parseSearchQuery('蕎麦'), prefectureCode: '20', mode: 'onsite' }, 21);
    const [r] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const nodes = planNodes(r['QUERY PLAN'][0].Plan);
    expect(nodes.map((n) => n['Node Type'])).not.toContain('Seq Scan');
    expect(nodes.some((n) => n['Index Name'] === 'idx_projects_search_grams')).toBe(true);
  }, 60_000);
});

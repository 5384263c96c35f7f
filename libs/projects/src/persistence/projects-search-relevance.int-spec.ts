import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/platform/database';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { expandSynonyms, parseSearchQuery, SynonymDictionary } from '../domain/search-grams';
import { ProjectEntity } from './project.entity';
import { ProjectsRepository, type DiscoveryFilter, type DiscoveryHit, type NewProjectRow } from './projects.repository';
import { SearchSynonymsRepository } from './search-synonyms.repository';

const HOUR = 3600_000;

function row(title: string, description: string, hoursFromBase: number, prefectureCode = '20'): NewProjectRow {
  const startsAt = new Date(Date.UTC(2031, 0, 1) + hoursFromBase * HOUR);
  const municipality = prefectureCode === '20' ? '202134' : '152048';
  return {
    title,
    description,
    hostMunicipalityCode: municipality,
    hostPrefectureCode: prefectureCode,
    coHostMunicipalityCodes: [],
    municipalityCodes: [municipality],
    prefectureCodes: [prefectureCode],
    category: 'living_environment',
    tags: [],
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

describe('projects search: relevance and synonyms (integration)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let repo: ProjectsRepository;
  let synonyms: SynonymDictionary;
  const id: Record<string, string> = {};

  const query = (q: string, extra: Omit<DiscoveryFilter, 'search'> = {}): DiscoveryFilter => ({
    ...extra,
    search: expandSynonyms(parseSearchQuery(q), synonyms),
  });
  const titles = (hits: DiscoveryHit[]) => hits.map((h) => h.project.title);

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = new DataSource({ ...dataSourceOptions(db.url), entities: [ProjectEntity] } as never);
    await ds.initialize();
    repo = new ProjectsRepository(ds);
    // The dictionary comes from the migrated table, as the api reads it.
    synonyms = new SynonymDictionary(await new SearchSynonymsRepository(ds).listGroups());
    // Description-only matches start EARLIER than title matches: start order alone would put them first.
    const specs: [string, string, string, number][] = [
      ['descOnly1', '棚田の草刈り', '地元の農業法人と一緒に作業します。', 1],
      ['descOnly2', '朝市の手伝い', '農業の話も聞けます。', 2],
      ['titleLate', '有機農業体験', '田んぼで米づくり。', 30],
      ['titleEarly', '農業ボランティア', '収穫を手伝います。', 20],
      ['titleBoth', '農業と農家民泊', '農業体験と宿泊。', 25],
      ['farmerTitle', '農家さんのお手伝い', '畑の作業です。', 3],
      ['farmWorkDesc', '週末の援農', '農作業を手伝います。', 4],
      ['unrelated', '古い町並みの案内', '観光ガイドです。', 5],
      ['kominka', '古民家カフェの改修', '週末の作業。', 6],
      ['akiya', '空き家バンクの調査', '町を歩いて調べます。', 7],
      ['draftFarm', '農業の下書き', '未公開。', 0],
    ];
    await ds.transaction(async (m) => {
      for (const [key, title, description, h] of specs) {
        const p = await repo.insert(m, row(title, description, h));
        id[key] = p.id;
        if (key !== 'draftFarm') await repo.setStatus(m, p.id, 'published', { publishedAt: new Date() });
      }
    });
    await ds.query('ANALYZE projects');
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  }, 60_000);

  it('loads the synonym groups from the migration-seeded table (data, not code)', async () => {
    expect(synonyms.synonymsOf('農家').sort()).toEqual(['農作業', '農業'].sort());
    expect(synonyms.synonymsOf('定住')).toEqual(['移住']);
    expect(synonyms.synonymsOf('育児')).toEqual(['子育て']);
    expect(synonyms.synonymsOf('蕎麦')).toEqual([]);
    // A row added to the table is a new synonym the next time the dictionary is read.
    await ds.query(`INSERT INTO search_synonyms (term, group_name) VALUES ('援農', 'agriculture')`);
    try {
      const reread = new SynonymDictionary(await new SearchSynonymsRepository(ds).listGroups());
      expect(reread.synonymsOf('援農').sort()).toEqual(['農作業', '農家', '農業'].sort());
    } finally {
      await ds.query(`DELETE FROM search_synonyms WHERE term = '援農'`);
    }
  });

  it('ranks title matches above description-only matches, each group in start order', async () => {
    const hits = await repo.searchPublished({ search: parseSearchQuery('農業') }, undefined, 100);
    expect(titles(hits)).toEqual(['農業ボランティア', '農業と農家民泊', '有機農業体験', '棚田の草刈り', '朝市の手伝い']);
    expect(hits.map((h) => h.relevance)).toEqual([2, 2, 2, 0, 0]);
  });

  it('expands a synonym: 農家 also finds 農業 and 農作業 projects; the literal word in a title ranks first', async () => {
    const hits = await repo.searchPublished(query('農家'), undefined, 100);
    const found = new Set(hits.map((h) => h.project.id));
    for (const key of ['descOnly1', 'descOnly2', 'titleLate', 'titleEarly', 'titleBoth', 'farmerTitle', 'farmWorkDesc']) expect(found.has(id[key])).toBe(true);
    expect(found.has(id.unrelated)).toBe(false);
    expect(found.has(id.draftFarm)).toBe(false);
    // 2: 農家 in the title; 1: a synonym (農業) in the title; 0: only in the description.
    expect(hits.map((h) => [h.project.title, h.relevance])).toEqual([
      ['農家さんのお手伝い', 2],
      ['農業と農家民泊', 2],
      ['農業ボランティア', 1],
      ['有機農業体験', 1],
      ['棚田の草刈り', 0],
      ['朝市の手伝い', 0],
      ['週末の援農', 0],
    ]);
    // Without the dictionary the same word finds only its literal occurrences.
    const literal = await repo.searchPublished({ search: parseSearchQuery('農家') }, undefined, 100);
    expect(titles(literal).sort()).toEqual(['農家さんのお手伝い', '農業と農家民泊'].sort());
  });

  it('expands both ways (古民家 ↔ 空き家) and still ANDs terms (空き家 調査)', async () => {
    expect(titles(await repo.searchPublished(query('空き家'), undefined, 100))).toEqual(['空き家バンクの調査', '古民家カフェの改修']);
    expect(titles(await repo.searchPublished(query('古民家'), undefined, 100))).toEqual(['古民家カフェの改修', '空き家バンクの調査']);
    expect(titles(await repo.searchPublished(query('古民家 調査'), undefined, 100))).toEqual(['空き家バンクの調査']);
    expect(titles(await repo.searchPublished(query('古民家 蕎麦'), undefined, 100))).toEqual([]);
  });

  it('pages under relevance order with a keyset cursor: no gaps, no repeats, same order as one page', async () => {
    // 農家 has synonyms (one relevance-ordered query); 農業 without the dictionary is one plain term
    // (title tier, then description tier, each in start order).
    for (const filter of [query('農家'), { search: parseSearchQuery('農業') }]) await pagesLikeOnePage(filter);
  });

  async function pagesLikeOnePage(filter: DiscoveryFilter): Promise<void> {
    const everything = await repo.searchPublished(filter, undefined, 100);
    expect(everything.length).toBeGreaterThan(3);
    for (const size of [1, 2, 3]) {
      const seen: DiscoveryHit[] = [];
      let after: { startsAt: Date; id: string; relevance: number } | undefined;
      for (;;) {
        const page = await repo.searchPublished(filter, after, size + 1);
        const items = page.slice(0, size);
        seen.push(...items);
        if (page.length <= size) break;
        const last = items[items.length - 1];
        after = { startsAt: last.project.startsAt, id: last.project.id, relevance: last.relevance! };
      }
      expect(seen.map((h) => [h.project.id, h.relevance])).toEqual(everything.map((h) => [h.project.id, h.relevance]));
    }
  }

  it('keeps the GIN gram index for a filtered text search with synonyms and relevance order (no sequential scan, 20,000 rows)', async () => {
    // Realistic spread: each synonym word in well under 1% of the projects.
    await ds.query(`
      INSERT INTO projects (title, description, host_municipality_code, host_prefecture_code, municipality_codes, prefecture_codes,
                            category, mode, starts_at, ends_at, application_deadline, capacity, compensation, created_by, status)
      SELECT CASE WHEN i % 200 = 0 THEN '有機農業体験' WHEN i % 300 = 1 THEN '古民家再生' WHEN i % 250 = 2 THEN '農作業の手伝い'
                  ELSE (ARRAY['棚田の草刈り','観光ガイド養成','防災訓練','子ども食堂','ワーケーション','漁港の朝市'])[1 + i % 6] END || '（' || i || '）',
             '地域の皆さんと一緒に活動します。' || i, '202134', '20', '{202134}', '{20}', 'living_environment', 'onsite',
             now() + i * interval '1 minute', now() + i * interval '1 minute', now() + i * interval '1 minute', 5, 'volunteer', gen_random_uuid(), 'published'
        FROM generate_series(1, 20000) AS i`);
    // VACUUM moves the bulk insert out of the GIN pending list, as autovacuum does on a live database
    // (a long pending list makes every GIN scan look expensive to the planner).
    await ds.query('VACUUM ANALYZE projects');
    for (const filter of [query('農家', { prefectureCode: '20', mode: 'onsite' }), query('古民家'), query('移住 相談'), query('蕎麦')]) {
      const [sql, params] = repo.searchPublishedSql(filter, 21);
      const [r] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
      const nodes = planNodes(r['QUERY PLAN'][0].Plan);
      const terms = filter.search!.terms.join(' ');
      expect({ terms, nodes: nodes.map((n) => n['Node Type']) }).not.toEqual({ terms, nodes: expect.arrayContaining(['Seq Scan']) });
      expect({ terms, gramIndex: nodes.some((n) => n['Index Name'] === 'idx_projects_search_grams') }).toEqual({ terms, gramIndex: true });
    }
    // And with a cursor (second page) the plan still starts from the gram index.
    const first = await repo.searchPublished(query('農家'), undefined, 21);
    const last = first[19];
    const [sql, params] = repo.searchPublishedSql(query('農家'), 21, { startsAt: last.project.startsAt, id: last.project.id, relevance: last.relevance! });
    const [r] = await ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    expect(planNodes(r['QUERY PLAN'][0].Plan).some((n) => n['Index Name'] === 'idx_projects_search_grams')).toBe(true);
  }, 60_000);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app';

describe('regions (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());
  const http = () => request(api.app.getHttpServer());

  it('lists all 1,741 municipalities in one page', async () => {
    const res = await http().get('/api/v1/regions/municipalities?limit=2000').expect(200);
    expect(res.body.items).toHaveLength(1741);
    expect(res.body.nextCursor).toBeNull();
  });

  it('accepts 012131 (苫小牧市) and 13101 (千代田区, 5 digits)', async () => {
    const a = await http().get('/api/v1/regions/municipalities/012131').expect(200);
    expect(a.body.name).toBe('苫小牧市');
    const b = await http().get('/api/v1/regions/municipalities/13101').expect(200);
    expect(b.body).toMatchObject({ code: '131016', name: '千代田区', kind: 'special_ward' });
  });

  it('answers a wrong check digit with 400 problem details in Japanese', async () => {
    const res = await http().get('/api/v1/regions/municipalities/131017').expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 400, code: 'LOCAL_GOV_CODE_CHECK_DIGIT' });
    expect(res.body.detail).toContain('検査数字');
    expect(res.body.detail).toContain('131016');
  });

  it('answers in English on Accept-Language: en', async () => {
    const res = await http().get('/api/v1/regions/municipalities/131017').set('accept-language', 'en-US,en;q=0.9').expect(400);
    expect(res.body.title).toContain('check digit');
  });

  it('resolves a designated-city ward to its city', async () => {
    const res = await http().get('/api/v1/regions/municipalities/011011').expect(200);
    expect(res.body).toMatchObject({ code: '011002', name: '札幌市', resolvedFromWard: { code: '011011', name: '中央区' } });
  });

  it('searches by kana prefix in hiragana and by kanji within a prefecture', async () => {
    const kana = await http().get('/api/v1/regions/municipalities').query({ q: 'ちよだ' }).expect(200);
    expect(kana.body.items.map((m: { name: string }) => m.name)).toContain('千代田区');
    const kanji = await http().get('/api/v1/regions/municipalities').query({ prefectureCode: '01', q: '札幌' }).expect(200);
    expect(kanji.body.items.map((m: { code: string }) => m.code)).toEqual(['011002']);
  });

  it('pages with a cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await http()
        .get('/api/v1/regions/municipalities')
        .query({ prefectureCode: '13', limit: 10, ...(cursor ? { cursor } : {}) })
        .expect(200);
      seen.push(...res.body.items.map((m: { code: string }) => m.code));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(62);
    expect(new Set(seen).size).toBe(62);
  });

  it('rejects bad query fields with field errors', async () => {
    const res = await http().get('/api/v1/regions/municipalities').query({ prefectureCode: '99', limit: 0, extra: 'x' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['extra', 'limit', 'prefectureCode']);
    expect(res.body.errors.find((e: { field: string }) => e.field === 'prefectureCode').message).toContain('都道府県コード');
  });

  it('lists 47 prefectures with both groupings', async () => {
    const res = await http().get('/api/v1/regions/prefectures').expect(200);
    expect(res.body).toHaveLength(47);
    expect(res.body[12]).toMatchObject({ code: '13', name: '東京都', chiho8Code: 'kanto', kouikiCode: 'shutoken' });
    expect(res.body[0].kouikiCode).toBeNull();
    const groupings = await http().get('/api/v1/regions/groupings').query({ scheme: 'chiho8' }).expect(200);
    const covered = groupings.body.flatMap((r: { prefectureCodes: string[] }) => r.prefectureCodes).sort();
    expect(covered).toHaveLength(47);
    expect(new Set(covered).size).toBe(47);
  });

  it('matches every code and name of shared/data/municipalities.csv', async () => {
    const csvPath = join(__dirname, '../../../shared/data/municipalities.csv');
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1);
    const expected = new Map(lines.map((l) => {
      const cols = l.split(',');
      return [cols[0], { name: cols[4], kind: cols[6], northern: cols[7] === 'true' }];
    }));
    const res = await http().get('/api/v1/regions/municipalities?limit=2000&includeNorthernTerritories=true').expect(200);
    const actual = new Map(res.body.items.map((m: { code: string; name: string; kind: string; isNorthernTerritories: boolean }) => [m.code, { name: m.name, kind: m.kind, northern: m.isNorthernTerritories }]));
    expect(actual.size).toBe(expected.size);
    for (const [code, want] of expected) expect({ code, ...(actual.get(code) as object) }).toEqual({ code, ...want });
  });
});

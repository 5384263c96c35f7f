import { normalizeSkill, prefectureOf, rankCandidates, scoreCandidate, scoreOnly, type MatchCandidate, type MatchProfile } from './scoring';
import { DEFAULT_MATCHING_WEIGHTS, parseWeightOverrides, resolveWeights } from './weights';

const now = new Date('2026-06-01T00:00:00Z');
const day = 86_400_000;

function profile(p: Partial<MatchProfile> = {}): MatchProfile {
  return {
    skills: [], interests: [], residenceMunicipalityCode: '131016', hometownMunicipalityCode: null, interestPrefectureCodes: [],
    modes: ['onsite'], availability: [], participantType: 'urban_resident', activityCounts: {}, registeredMunicipalityCodes: [], ...p,
  };
}

function project(p: Partial<MatchCandidate> = {}): MatchCandidate {
  return {
    id: 'p1', category: 'earning_power', tags: [], requiredSkills: [], mode: 'onsite', municipalityCodes: ['172014'], prefectureCodes: ['17'],
    startsAt: new Date('2026-07-01T01:00:00Z'), endsAt: new Date('2026-07-01T08:00:00Z'), // Wednesday
    applicationDeadline: new Date('2026-06-25T00:00:00Z'), capacity: 10, seatsLeft: 10, publishedAt: new Date('2026-05-01T00:00:00Z'), ...p,
  };
}

const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code);

describe('scoreCandidate', () => {
  it('names a skill only when the profile has it and the project requires it', () => {
    const r = scoreCandidate(profile({ skills: ['Webデザイン', '写真撮影'] }), project({ requiredSkills: ['Webデザイン', '農作業'] }), now);
    expect(r.reasons.filter((x) => x.code === 'skill_match').map((x) => x.ja)).toEqual(['スキル一致：Webデザイン']);
    expect(r.reasons.find((x) => x.code === 'skill_match')!.en).toBe('Skill match: Webデザイン');
  });

  it('matches skills across width and case (NFKC)', () => {
    expect(normalizeSkill('ＷＥＢ ')).toBe('web');
    const r = scoreCandidate(profile({ skills: ['ｗｅｂ'] }), project({ requiredSkills: ['Web'] }), now);
    expect(codes(r)).toContain('skill_match');
  });

  it('says 出身地の近く only when the project is in the hometown prefecture, 出身地の町 in the town itself', () => {
    expect(codes(scoreCandidate(profile({ hometownMunicipalityCode: '172031' }), project(), now))).toContain('hometown_area');
    const town = scoreCandidate(profile({ hometownMunicipalityCode: '172014' }), project(), now);
    expect(codes(town)).toContain('hometown');
    expect(codes(town)).not.toContain('hometown_area');
    expect(codes(scoreCandidate(profile({ hometownMunicipalityCode: '011002' }), project(), now))).not.toContain('hometown_area');
  });

  it('says 以前参加した町 only with a verified activity there; nearby activity gives the area reason', () => {
    const there = scoreCandidate(profile({ activityCounts: { '172014': 2 } }), project(), now);
    expect(there.reasons.find((x) => x.code === 'past_activity')!.ja).toBe('以前参加した町');
    const near = scoreCandidate(profile({ activityCounts: { '172031': 1 } }), project(), now);
    expect(codes(near)).toEqual(expect.arrayContaining(['past_activity_area']));
    expect(codes(near)).not.toContain('past_activity');
    expect(codes(scoreCandidate(profile({ activityCounts: { '011002': 5 } }), project(), now))).not.toContain('past_activity');
  });

  it('deeper relationships score higher (more verified activities, up to 3)', () => {
    const one = scoreCandidate(profile({ activityCounts: { '172014': 1 } }), project(), now).score;
    const three = scoreCandidate(profile({ activityCounts: { '172014': 3 } }), project(), now).score;
    const nine = scoreCandidate(profile({ activityCounts: { '172014': 9 } }), project(), now).score;
    expect(three).toBeGreaterThan(one);
    expect(nine).toBe(three);
  });

  it('関心のある地域, registrations and co-hosts count', () => {
    const r = scoreCandidate(
      profile({ interestPrefectureCodes: ['16'], registeredMunicipalityCodes: ['162019'] }),
      project({ municipalityCodes: ['172014', '162019'], prefectureCodes: ['17', '16'] }),
      now,
    );
    expect(codes(r)).toEqual(expect.arrayContaining(['interest_region', 'registered']));
    expect(r.reasons.find((x) => x.code === 'interest_region')!.ja).toBe('関心のある地域');
  });

  it('リモート参加可 for a remote worker and a remote/hybrid project, never for onsite', () => {
    const worker = profile({ participantType: 'remote_worker', modes: ['remote'] });
    expect(codes(scoreCandidate(worker, project({ mode: 'remote' }), now))).toContain('remote_ok');
    expect(codes(scoreCandidate(worker, project({ mode: 'hybrid' }), now))).toContain('remote_ok');
    expect(codes(scoreCandidate(worker, project({ mode: 'onsite' }), now))).not.toContain('remote_ok');
    expect(codes(scoreCandidate(profile({ modes: ['onsite'] }), project({ mode: 'remote' }), now))).not.toContain('remote_ok');
  });

  it('penalizes onsite-only projects for remote-only people (no reason for a penalty)', () => {
    const remoteOnly = profile({ modes: ['remote'] });
    const onsite = scoreCandidate(remoteOnly, project({ mode: 'onsite' }), now);
    const remote = scoreCandidate(remoteOnly, project({ mode: 'remote' }), now);
    expect(onsite.score).toBeLessThan(0);
    expect(remote.score).toBeGreaterThan(onsite.score);
  });

  it('締切間近 and 残りわずか only when true', () => {
    const soon = scoreCandidate(profile(), project({ applicationDeadline: new Date(now.getTime() + 2 * day), seatsLeft: 2 }), now);
    expect(soon.reasons.map((x) => x.ja)).toEqual(expect.arrayContaining(['締切間近', '残りわずか']));
    const later = scoreCandidate(profile(), project({ applicationDeadline: new Date(now.getTime() + 20 * day), seatsLeft: 8 }), now);
    expect(codes(later)).not.toContain('deadline_soon');
    expect(codes(later)).not.toContain('few_seats_left');
  });

  it('weekend availability fits a project starting on a Saturday in Japan', () => {
    // 2026-07-03T16:00Z is Saturday 01:00 JST.
    const sat = project({ startsAt: new Date('2026-07-03T16:00:00Z'), endsAt: new Date('2026-07-04T08:00:00Z') });
    expect(codes(scoreCandidate(profile({ availability: ['weekends'] }), sat, now))).toContain('availability');
    expect(codes(scoreCandidate(profile({ availability: ['weekends'] }), project(), now))).not.toContain('availability');
  });

  it('interest category reason is in Japanese and English', () => {
    const r = scoreCandidate(profile({ interests: ['earning_power'] }), project(), now);
    expect(r.reasons[0]).toMatchObject({ code: 'interest_category', ja: '関心分野：稼ぐ力・地方イノベーション' });
  });

  it('property: every reason is backed by the inputs (randomized)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const some = <T>(xs: readonly T[]) => xs.filter(() => rnd() < 0.3);
    const skills = ['Web', '写真', '農作業', '英語', '会計', '動画'];
    const munis = ['172014', '172031', '162019', '011002', '131016', '471003'];
    const cats = ['living_environment', 'earning_power', 'people_flow', 'ai_digital', 'wide_area'];
    for (let i = 0; i < 400; i++) {
      const pr = profile({
        skills: some(skills), interests: some(cats), residenceMunicipalityCode: pick(munis), hometownMunicipalityCode: rnd() < 0.5 ? pick(munis) : null,
        interestPrefectureCodes: some(munis).map(prefectureOf), modes: some(['onsite', 'remote', 'hybrid']),
        activityCounts: Object.fromEntries(some(munis).map((m) => [m, 1 + Math.floor(rnd() * 4)])), registeredMunicipalityCodes: some(munis),
        participantType: pick(['urban_resident', 'remote_worker', 'company_employee']),
      });
      const pm = some(munis).length ? some(munis) : [pick(munis)];
      const pj = project({
        requiredSkills: some(skills), category: pick(cats), mode: pick(['onsite', 'remote', 'hybrid'] as const), municipalityCodes: pm,
        prefectureCodes: [...new Set(pm.map(prefectureOf))], seatsLeft: 1 + Math.floor(rnd() * 10),
        applicationDeadline: new Date(now.getTime() + (1 + rnd() * 30) * day),
      });
      const r = scoreCandidate(pr, pj, now);
      for (const reason of r.reasons) {
        switch (reason.code) {
          case 'skill_match':
            expect(pr.skills).toContain(reason.subject);
            expect(pj.requiredSkills).toContain(reason.subject);
            expect(reason.ja).toBe(`スキル一致：${reason.subject}`);
            break;
          case 'interest_category':
            expect(pr.interests).toContain(pj.category);
            break;
          case 'hometown':
            expect(pj.municipalityCodes).toContain(pr.hometownMunicipalityCode);
            break;
          case 'hometown_area':
            expect(pj.prefectureCodes).toContain(prefectureOf(pr.hometownMunicipalityCode!));
            break;
          case 'past_activity':
            expect(pj.municipalityCodes.some((c) => (pr.activityCounts[c] ?? 0) > 0)).toBe(true);
            break;
          case 'past_activity_area':
            expect(Object.keys(pr.activityCounts).some((c) => pj.prefectureCodes.includes(prefectureOf(c)))).toBe(true);
            break;
          case 'registered':
            expect(pj.municipalityCodes.some((c) => pr.registeredMunicipalityCodes.includes(c))).toBe(true);
            break;
          case 'interest_region':
            expect(pj.prefectureCodes.some((c) => pr.interestPrefectureCodes.includes(c))).toBe(true);
            break;
          case 'near_residence':
            expect(pj.prefectureCodes).toContain(prefectureOf(pr.residenceMunicipalityCode));
            expect(pj.mode).not.toBe('remote');
            break;
          case 'remote_ok':
            expect(pj.mode).not.toBe('onsite');
            break;
          case 'few_seats_left':
            expect(pj.seatsLeft).toBeLessThanOrEqual(DEFAULT_MATCHING_WEIGHTS.fewSeatsLeftThreshold);
            break;
          case 'deadline_soon':
            expect(pj.applicationDeadline.getTime() - now.getTime()).toBeLessThanOrEqual(DEFAULT_MATCHING_WEIGHTS.deadlineSoonDays * day);
            break;
          default:
            break;
        }
        expect(reason.ja.length).toBeGreaterThan(0);
        expect(reason.en.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('rankCandidates', () => {
  it('drops full and past-deadline candidates and orders by score', () => {
    const pr = profile({ skills: ['Web'] });
    const ranked = rankCandidates(pr, [
      project({ id: 'a' }),
      project({ id: 'b', requiredSkills: ['Web'] }),
      project({ id: 'full', requiredSkills: ['Web'], seatsLeft: 0 }),
      project({ id: 'late', requiredSkills: ['Web'], applicationDeadline: new Date(now.getTime() - 1) }),
    ], now, 10);
    expect(ranked.map((r) => r.project.id)).toEqual(['b', 'a']);
  });

  it('explains only the kept candidates, with the same score and reasons as scoreCandidate', () => {
    const pr = profile({ skills: ['Web'], interests: ['earning_power'], hometownMunicipalityCode: '172031' });
    const cs = [project({ id: 'x', requiredSkills: ['Web'] }), project({ id: 'y', mode: 'remote' }), project({ id: 'z', category: 'wide_area' })];
    const ranked = rankCandidates(pr, cs, now, 3);
    for (const r of ranked) {
      const single = scoreCandidate(pr, r.project, now);
      expect(r.score).toBe(single.score);
      expect(r.reasons).toEqual(single.reasons);
      expect(scoreOnly(pr, r.project, now)).toBe(single.score);
    }
    expect(ranked[0].project.id).toBe('x');
  });

  it('keeps exactly the best `limit` of a full sort, in the same order (randomized, with ties)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pr = profile({ skills: ['Web', '写真'], interests: ['ai_digital'], interestPrefectureCodes: ['17'], availability: ['weekends'] });
    for (let round = 0; round < 50; round++) {
      const cs = Array.from({ length: 60 }, (_, i) =>
        project({
          id: `c${String(Math.floor(rnd() * 40)).padStart(2, '0')}-${i}`,
          requiredSkills: rnd() < 0.5 ? ['Web'] : rnd() < 0.5 ? ['写真', 'Web'] : [],
          category: rnd() < 0.3 ? 'ai_digital' : 'earning_power',
          prefectureCodes: [rnd() < 0.5 ? '17' : '13'],
          startsAt: new Date(now.getTime() + Math.floor(rnd() * 5) * day),
          endsAt: new Date(now.getTime() + 6 * day),
          seatsLeft: Math.floor(rnd() * 4),
          applicationDeadline: new Date(now.getTime() + (rnd() < 0.1 ? -1 : 1) * day),
        }),
      );
      const expected = cs
        .filter((c) => c.seatsLeft > 0 && c.applicationDeadline > now)
        .map((c) => ({ id: c.id, startsAt: c.startsAt.getTime(), score: scoreCandidate(pr, c, now).score }))
        .sort((a, b) => b.score - a.score || a.startsAt - b.startsAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((x) => [x.id, x.score]);
      for (const limit of [1, 5, 20, 100]) {
        expect(rankCandidates(pr, cs, now, limit).map((r) => [r.project.id, r.score])).toEqual(expected.slice(0, limit));
      }
    }
  });

  it('respects the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => project({ id: `p${String(i).padStart(2, '0')}` }));
    expect(rankCandidates(profile(), many, now, 5)).toHaveLength(5);
  });
});

describe('weights', () => {
  it('overrides from JSON, rejecting unknown keys and bad numbers', () => {
    expect(resolveWeights(parseWeightOverrides('{"skillMatch": 10}')).skillMatch).toBe(10);
    expect(parseWeightOverrides(undefined)).toEqual({});
    expect(() => parseWeightOverrides('{"skilMatch": 1}')).toThrow(/unknown weight/);
    expect(() => parseWeightOverrides('{"skillMatch": -1}')).toThrow(/≥ 0/);
    expect(() => parseWeightOverrides('[1]')).toThrow(/JSON object/);
  });

  it('a weight changes the ranking', () => {
    const pr = profile({ skills: ['Web'], interestPrefectureCodes: ['01'] });
    const skill = project({ id: 'skill', requiredSkills: ['Web'], prefectureCodes: ['17'] });
    const region = project({ id: 'region', municipalityCodes: ['011002'], prefectureCodes: ['01'] });
    expect(rankCandidates(pr, [skill, region], now, 1, resolveWeights({ skillMatch: 10 }))[0].project.id).toBe('skill');
    expect(rankCandidates(pr, [skill, region], now, 1, resolveWeights({ skillMatch: 0.1 }))[0].project.id).toBe('region');
  });
});

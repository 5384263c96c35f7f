import { addMonths, fiscalYearOf, tokyoDay } from './calendar';
import { normalize } from './intervals';
import { buildRegionIndex, scopesOfMunicipality, withCustomRegions } from './metrics';
import { addContributionChange, contribution, deriveRelationships, diffContributions, type LedgerEntry, type PersonProfile } from './person-history';

const rules = { activityMonths: 12 };
const regions = buildRegionIndex([{ scheme: 'chiho8', code: 'kanto', prefectureCodes: ['13', '14'] }]);
const e = (x: Partial<LedgerEntry> & Pick<LedgerEntry, 'kind' | 'effectiveOn'>): LedgerEntry => ({
  sourceId: 's', registrationId: null, municipalityCode: '131016', startedOn: null, expiresOn: null, ...x,
});

describe('calendar', () => {
  it('uses the Tokyo day and April–March fiscal years', () => {
    expect(tokyoDay('2026-03-31T15:00:00Z')).toBe('2026-04-01');
    expect(tokyoDay('2026-03-31T14:59:59Z')).toBe('2026-03-31');
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
  });
});

describe('intervals', () => {
  it('merges overlapping and adjacent intervals, open ends absorb', () => {
    expect(normalize([{ from: '2025-03-01', to: '2025-04-01' }, { from: '2025-01-01', to: '2025-03-01' }, { from: '2025-06-01', to: null }, { from: '2025-07-01', to: '2025-08-01' }]))
      .toEqual([{ from: '2025-01-01', to: '2025-04-01' }, { from: '2025-06-01', to: null }]);
  });
});

describe('deriveRelationships / contribution', () => {
  it('a person with two municipalities of one prefecture is one 実人数 and two 延べ there', () => {
    const rel = deriveRelationships(
      [
        e({ kind: 'registered', sourceId: 'r1', registrationId: 'r1', effectiveOn: '2025-05-01' }),
        e({ kind: 'activity', sourceId: 'a1', municipalityCode: '131024', effectiveOn: '2025-06-01' }),
      ],
      { residenceMunicipalityCode: null, participantType: null },
      rules,
    );
    const c = contribution(rel, { residenceMunicipalityCode: null, participantType: null }, regions);
    expect(c.get('real_persons|prefecture|13||2025-05-01')).toBe(1);
    expect(c.get('real_persons|prefecture|13||2025-06-01')).toBeUndefined();
    expect(c.get('cumulative_persons|prefecture|13||2025-06-01')).toBe(1);
    expect(c.get('cumulative_persons|prefecture|13||2026-06-01')).toBe(-1); // activity lapses after 12 months
    expect(c.get('real_persons|chiho8|kanto||2025-05-01')).toBe(1);
  });

  it('deletion ends everything; residence never counts; a replay adds nothing', () => {
    const entries = [
      e({ kind: 'registered', sourceId: 'r1', registrationId: 'r1', effectiveOn: '2025-05-01' }),
      e({ kind: 'registered', sourceId: 'r2', registrationId: 'r2', municipalityCode: '141003', effectiveOn: '2025-05-01' }),
      e({ kind: 'ended', sourceId: 'p', municipalityCode: '', effectiveOn: '2025-09-01' }),
    ];
    const profile = { residenceMunicipalityCode: '141003', participantType: null };
    const rel = deriveRelationships(entries, profile, rules);
    expect([...rel.pairs.all.keys()]).toEqual(['131016']);
    expect(rel.pairs.all.get('131016')).toEqual([{ from: '2025-05-01', to: '2025-09-01' }]);
    const c = contribution(rel, profile, regions);
    expect(diffContributions(c, contribution(deriveRelationships([...entries, entries[0]], profile, rules), profile, regions))).toEqual([]);
  });

  it('premium counts only inside its registration, until expiry or withdrawal', () => {
    const rel = deriveRelationships(
      [
        e({ kind: 'registered', sourceId: 'r1', registrationId: 'r1', effectiveOn: '2025-05-01' }),
        e({ kind: 'premium_granted', sourceId: 'r1@x', registrationId: 'r1', effectiveOn: '2025-06-01', expiresOn: '2026-06-01' }),
        e({ kind: 'withdrawn', sourceId: 'r1', registrationId: 'r1', effectiveOn: '2025-10-01', startedOn: '2025-05-01' }),
      ],
      { residenceMunicipalityCode: null, participantType: null },
      rules,
    );
    expect(rel.pairs.premium.get('131016')).toEqual([{ from: '2025-06-01', to: '2025-10-01' }]);
  });
});

describe('admin-defined regions and project categories', () => {
  it('a custom region (named set of municipalities) counts a person once across its municipalities', () => {
    const withCustom = withCustomRegions(regions, [{ code: 'tokyo_west', municipalityCodes: ['131016', '141003'] }]);
    expect(scopesOfMunicipality('141003', withCustom)).toContainEqual({ type: 'custom', code: 'tokyo_west' });
    expect(scopesOfMunicipality('131024', withCustom)).not.toContainEqual({ type: 'custom', code: 'tokyo_west' });
    const profile = { residenceMunicipalityCode: null, participantType: null };
    const rel = deriveRelationships(
      [
        e({ kind: 'registered', sourceId: 'r1', registrationId: 'r1', municipalityCode: '131016', effectiveOn: '2025-05-01' }),
        e({ kind: 'registered', sourceId: 'r2', registrationId: 'r2', municipalityCode: '141003', effectiveOn: '2025-06-01' }),
      ],
      profile,
      rules,
    );
    const c = contribution(rel, profile, withCustom);
    expect(c.get('real_persons|custom|tokyo_west||2025-05-01')).toBe(1);
    expect(c.get('real_persons|custom|tokyo_west||2025-06-01')).toBeUndefined();
    expect(c.get('cumulative_persons|custom|tokyo_west||2025-06-01')).toBe(1);
  });

  it('activities and 活動実人数 are also kept per project category, at every scope', () => {
    const profile = { residenceMunicipalityCode: null, participantType: null };
    const rel = deriveRelationships(
      [
        e({ kind: 'activity', sourceId: 'a1', municipalityCode: '131016', effectiveOn: '2025-05-10', category: 'agriculture' }),
        e({ kind: 'activity', sourceId: 'a2', municipalityCode: '131016', effectiveOn: '2025-05-20', category: 'agriculture' }),
        e({ kind: 'activity', sourceId: 'a3', municipalityCode: '131016', effectiveOn: '2025-05-20' }),
      ],
      profile,
      rules,
    );
    const c = contribution(rel, profile, regions);
    expect(c.get('activities|municipality|131016||2025-05-20')).toBe(2);
    expect(c.get('activities|municipality|131016|cat:agriculture|2025-05-20')).toBe(1);
    expect(c.get('active_persons_fy|prefecture|13|cat:agriculture|2025-04-01')).toBe(1); // distinct person
    expect(c.get('active_persons_fy|prefecture|13||2025-04-01')).toBe(1);
  });
});

describe('addContributionChange', () => {
  // A seeded generator (mulberry32): a failure names its seed and replays exactly.
  const random = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const munis = ['131016', '131024', '141003', '011002'];
  const custom = withCustomRegions(regions, [{ code: 'west', municipalityCodes: ['131024', '011002'] }]);
  const day = (r: () => number) => addMonths('2024-04-01', Math.floor(r() * 30)).replace(/-01$/, `-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`);
  const entry = (r: () => number, i: number): LedgerEntry => {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const m = pick(munis);
    const reg = `r${Math.floor(r() * 3)}`;
    switch (pick(['registered', 'withdrawn', 'premium_granted', 'activity', 'activity', 'ended'] as const)) {
      case 'registered':
        return e({ kind: 'registered', sourceId: reg, registrationId: reg, municipalityCode: m, effectiveOn: day(r) });
      case 'withdrawn':
        return e({ kind: 'withdrawn', sourceId: reg, registrationId: reg, municipalityCode: m, effectiveOn: day(r), startedOn: '2024-04-01' });
      case 'premium_granted': {
        const from = day(r);
        return e({ kind: 'premium_granted', sourceId: `${reg}@${i}`, registrationId: reg, municipalityCode: m, effectiveOn: from, expiresOn: addMonths(from, 12) });
      }
      case 'activity':
        return e({ kind: 'activity', sourceId: `a${i}`, municipalityCode: m, effectiveOn: day(r), category: pick([null, 'agriculture', 'tourism']) });
      default:
        return e({ kind: 'ended', sourceId: 'p', municipalityCode: '', effectiveOn: day(r) });
    }
  };
  const profileOf = (r: () => number): PersonProfile => ({
    residenceMunicipalityCode: [null, '131016', '141003'][Math.floor(r() * 3)],
    participantType: [null, 'worker', 'student'][Math.floor(r() * 3)],
  });
  const nonZero = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0));

  it('equals contribution(after) − contribution(before) on 2,000 random histories', () => {
    for (let seed = 1; seed <= 2_000; seed++) {
      const r = random(seed);
      const entries = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, i) => entry(r, i));
      const cut = Math.floor(r() * entries.length);
      const before = { profile: profileOf(r), entries: entries.slice(0, cut) };
      const after = { profile: r() < 0.6 ? before.profile : profileOf(r), entries: r() < 0.1 ? entries.slice(0, cut) : entries };
      const relBefore = deriveRelationships(before.entries, before.profile, rules);
      const relAfter = deriveRelationships(after.entries, after.profile, rules);
      const expected = new Map(diffContributions(contribution(relBefore, before.profile, custom), contribution(relAfter, after.profile, custom)).map((d) => [
        `${d.series}|${d.scopeType}|${d.scopeCode}|${d.dim}|${d.day}`,
        d.delta,
      ]));
      const change = new Map<string, number>();
      addContributionChange(change, { rel: relBefore, profile: before.profile }, { rel: relAfter, profile: after.profile }, custom);
      expect({ seed, change: nonZero(change) }).toEqual({ seed, change: expected });
    }
  });
});

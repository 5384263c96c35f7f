import { addMonths, fiscalYearOf, tokyoDay } from './calendar';
import { normalize } from './intervals';
import { buildRegionIndex, scopesOfMunicipality, withCustomRegions } from './metrics';
import { contribution, deriveRelationships, diffContributions, type LedgerEntry } from './person-history';

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

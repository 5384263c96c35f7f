import { applyRefusal, projectMunicipalities, seatsCanBeOffered, type ProjectSnapshot } from './apply-policy';

const base: ProjectSnapshot = {
  id: 'p',
  status: 'published',
  capacity: 3,
  hostMunicipalityCode: '012131',
  coHostMunicipalityCodes: ['011002', '012131'],
  applicationDeadline: '2026-12-01T00:00:00Z',
  startsAt: '2026-12-05T00:00:00Z',
  endsAt: '2026-12-06T00:00:00Z',
  title: '有機農業体験',
};
const now = new Date('2026-11-28T00:00:00Z');

describe('apply policy', () => {
  it('accepts published projects before the deadline', () => {
    expect(applyRefusal(base, now)).toBeNull();
    expect(applyRefusal({ ...base, applicationDeadline: null }, now)).toBeNull();
  });
  it.each(['draft', 'closed', 'completed', 'cancelled'] as const)('refuses %s projects', (status) => {
    expect(applyRefusal({ ...base, status }, now)).toBe('not_published');
  });
  it('refuses after the deadline', () => {
    expect(applyRefusal({ ...base, applicationDeadline: '2026-11-27T23:59:59Z' }, now)).toBe('deadline_passed');
  });
  it('lists host then co-hosts once each', () => {
    expect(projectMunicipalities(base)).toEqual(['012131', '011002']);
  });
  it('offers seats only while the project can take place', () => {
    expect(seatsCanBeOffered(base, now)).toBe(true);
    expect(seatsCanBeOffered({ ...base, status: 'closed' }, now)).toBe(true);
    expect(seatsCanBeOffered({ ...base, status: 'cancelled' }, now)).toBe(false);
    expect(seatsCanBeOffered({ ...base, endsAt: '2026-11-27T00:00:00Z' }, now)).toBe(false);
    expect(seatsCanBeOffered(null, now)).toBe(false);
  });
});

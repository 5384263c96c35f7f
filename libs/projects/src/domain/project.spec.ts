import { diffProjectFields, type ProjectFields } from './project';

const base: ProjectFields = {
  title: '有機農業体験',
  description: '説明',
  coHostMunicipalityCodes: [],
  category: 'living_environment',
  tags: ['農業'],
  requiredSkills: [],
  mode: 'onsite',
  startsAt: new Date('2027-05-01T00:00:00Z'),
  endsAt: new Date('2027-05-02T00:00:00Z'),
  applicationDeadline: new Date('2027-04-20T00:00:00Z'),
  capacity: 10,
  compensation: 'volunteer',
};

describe('diffProjectFields', () => {
  it('lists only real changes, with dates as ISO strings', () => {
    const changes = diffProjectFields(base, {
      title: '有機農業体験',
      startsAt: new Date('2027-05-03T00:00:00Z'),
      capacity: 12,
      tags: ['農業'],
    });
    expect(changes).toEqual([
      { field: 'startsAt', from: '2027-05-01T00:00:00.000Z', to: '2027-05-03T00:00:00.000Z' },
      { field: 'capacity', from: 10, to: 12 },
    ]);
  });

  it('sees array changes', () => {
    expect(diffProjectFields(base, { tags: ['農業', '観光'] }).map((c) => c.field)).toEqual(['tags']);
  });
});

import { ProjectsErrorCode } from '../projects.errors';
import { assertValidSchedule } from './project-schedule';

const now = new Date('2027-01-10T00:00:00Z');
const at = (iso: string) => new Date(iso);

describe('project schedule rules', () => {
  it('accepts deadline ≤ start ≤ end in the future', () => {
    expect(() =>
      assertValidSchedule({ applicationDeadline: at('2027-02-01T00:00:00Z'), startsAt: at('2027-02-01T00:00:00Z'), endsAt: at('2027-02-01T00:00:00Z') }, { now }),
    ).not.toThrow();
  });

  it('refuses a deadline after the start (422)', () => {
    expect(() =>
      assertValidSchedule({ applicationDeadline: at('2027-02-02T00:00:00Z'), startsAt: at('2027-02-01T00:00:00Z'), endsAt: at('2027-02-03T00:00:00Z') }, { now }),
    ).toThrow(expect.objectContaining({ code: ProjectsErrorCode.PROJECT_DEADLINE_AFTER_START }));
  });

  it('refuses an end before the start', () => {
    expect(() =>
      assertValidSchedule({ applicationDeadline: at('2027-01-20T00:00:00Z'), startsAt: at('2027-02-01T00:00:00Z'), endsAt: at('2027-01-31T00:00:00Z') }, { now }),
    ).toThrow(expect.objectContaining({ code: ProjectsErrorCode.PROJECT_ENDS_BEFORE_START }));
  });

  it('refuses past dates when `now` is given, naming the field', () => {
    expect(() =>
      assertValidSchedule({ applicationDeadline: at('2027-01-09T00:00:00Z'), startsAt: at('2027-02-01T00:00:00Z'), endsAt: at('2027-02-01T00:00:00Z') }, { now }),
    ).toThrow(expect.objectContaining({ code: ProjectsErrorCode.PROJECT_DATE_IN_PAST, params: expect.objectContaining({ field: 'applicationDeadline', fieldLabel: '応募締切' }) }));
  });

  it('checks only the moved fields for the past on update', () => {
    const s = { applicationDeadline: at('2027-01-01T00:00:00Z'), startsAt: at('2027-02-01T00:00:00Z'), endsAt: at('2027-02-02T00:00:00Z') };
    expect(() => assertValidSchedule(s, { now, futureFields: ['endsAt'] })).not.toThrow();
    expect(() => assertValidSchedule(s, { now, futureFields: ['applicationDeadline'] })).toThrow(
      expect.objectContaining({ code: ProjectsErrorCode.PROJECT_DATE_IN_PAST }),
    );
  });
});

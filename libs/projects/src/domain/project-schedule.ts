import { AppError } from '@app/platform/errors';
import { ProjectsErrorCode } from '../projects.errors';

export interface ProjectSchedule {
  startsAt: Date;
  endsAt: Date;
  applicationDeadline: Date;
}

const FIELD_LABELS: Record<keyof ProjectSchedule, string> = {
  startsAt: '開始日時',
  endsAt: '終了日時',
  applicationDeadline: '応募締切',
};

/**
 * Date rules: deadline ≤ start ≤ end. With `now` (create, publish, and dates changed by an
 * update), the given fields must not lie in the past.
 */
export function assertValidSchedule(
  s: ProjectSchedule,
  options: { now?: Date; futureFields?: readonly (keyof ProjectSchedule)[] } = {},
): void {
  if (options.now) {
    for (const field of options.futureFields ?? (['applicationDeadline', 'startsAt', 'endsAt'] as const)) {
      if (s[field].getTime() < options.now.getTime()) {
        throw new AppError(ProjectsErrorCode.PROJECT_DATE_IN_PAST, { field, fieldLabel: FIELD_LABELS[field] });
      }
    }
  }
  if (s.endsAt.getTime() < s.startsAt.getTime()) throw new AppError(ProjectsErrorCode.PROJECT_ENDS_BEFORE_START);
  if (s.applicationDeadline.getTime() > s.startsAt.getTime()) {
    throw new AppError(ProjectsErrorCode.PROJECT_DEADLINE_AFTER_START);
  }
}

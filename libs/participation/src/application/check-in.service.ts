import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type Redis from 'ioredis';
import type { Env } from '@app/platform/config';
import { AppError } from '@app/platform/errors';
import { REDIS } from '@app/platform/queue';
import type { Actor } from '@app/identity';
import { ProjectsService } from '@app/projects';
import {
  CHECK_IN_CODE_LENGTH,
  checkInCodeMatches,
  endOfTokyoDay,
  generateCheckInCode,
  hashCheckInCode,
  normalizeCheckInCode,
  tokyoDay,
} from '../domain/check-in-code';
import { ActivityRepository } from '../persistence/activity.repository';
import { ApplicationRepository } from '../persistence/application.repository';
import { ParticipationErrorCode } from '../participation.errors';
import { ApplicationLifecycleService, illegalTransition } from './application-lifecycle.service';
import { toActivityView, toApplicationView, type ActivityView, type ApplicationView } from './application-views';

/** Wrong codes allowed per participant and project within the window, before 429. */
export const CHECK_IN_MAX_FAILURES = 5;
export const CHECK_IN_FAILURE_WINDOW_SECONDS = 15 * 60;

export interface IssuedCheckInCode {
  code: string;
  day: string;
  expiresAt: string;
}

export interface CheckInResult {
  application: ApplicationView;
  activity: ActivityView | null;
}

/**
 * Daily check-in codes (参加確認コード): staff issue today's code (Asia/Tokyo), shown on the day;
 * an accepted participant who enters it is marked attended and the activity is verified.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly activities: ActivityRepository,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly projects: ProjectsService,
    private readonly config: ConfigService<Env, true>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Issues (or replaces) today's code. Only the hash is stored; the code is returned once. */
  async issue(actor: Actor, projectId: string, now = new Date()): Promise<IssuedCheckInCode> {
    await this.projects.assertStaffCanManage(actor, projectId);
    const project = await this.lifecycle.project(projectId);
    if (!project) throw new AppError(ParticipationErrorCode.APPLICATION_PROJECT_NOT_FOUND);
    if (project.status !== 'published' && project.status !== 'closed') {
      throw new AppError(ParticipationErrorCode.PROJECT_NOT_ACTIVE, { status: project.status });
    }
    const code = generateCheckInCode();
    const day = tokyoDay(now);
    const expiresAt = endOfTokyoDay(day);
    await this.applications.transaction((m) =>
      this.activities.upsertCheckInCode(m, {
        projectId,
        day,
        codeHash: hashCheckInCode(this.secret(), projectId, day, code),
        issuedBy: actor.userId,
        expiresAt,
      }),
    );
    return { code, day, expiresAt: expiresAt.toISOString() };
  }

  /**
   * The participant checks in with today's code. Wrong or expired codes are 422 and counted;
   * after CHECK_IN_MAX_FAILURES within the window every attempt is 429 until the window ends.
   * A second check-in after success returns the same result and writes nothing.
   */
  async checkIn(actor: Actor, projectId: string, rawCode: string, now = new Date()): Promise<CheckInResult> {
    const failuresKey = `${this.config.get('QUEUE_PREFIX', { infer: true })}:participation:check-in-failures:${projectId}:${actor.userId}`;
    const failures = Number((await this.redis.get(failuresKey)) ?? 0);
    if (failures >= CHECK_IN_MAX_FAILURES) throw new AppError(ParticipationErrorCode.CHECK_IN_TOO_MANY_ATTEMPTS);

    const app = await this.applications.findOwnForProject(actor.userId, projectId);
    if (!app) throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);

    const code = normalizeCheckInCode(rawCode);
    const day = tokyoDay(now);
    const stored = await this.activities.findValidCheckInCode(projectId, day, now);
    const valid =
      stored !== null &&
      new RegExp(`^\\d{${CHECK_IN_CODE_LENGTH}}$`).test(code) &&
      checkInCodeMatches(stored, hashCheckInCode(this.secret(), projectId, day, code));
    if (!valid) {
      await this.redis.multi().incr(failuresKey).expire(failuresKey, CHECK_IN_FAILURE_WINDOW_SECONDS).exec();
      throw new AppError(ParticipationErrorCode.CHECK_IN_CODE_INVALID);
    }
    if (app.state !== 'accepted' && app.state !== 'attended') throw illegalTransition(app.state, 'attended');
    const project = await this.lifecycle.project(projectId);
    if (!project) throw new AppError(ParticipationErrorCode.APPLICATION_PROJECT_NOT_FOUND);
    const result = await this.lifecycle.change({
      applicationId: app.id,
      to: 'attended',
      actor: { id: actor.userId, kind: 'participant' },
      project,
      ownerId: actor.userId,
    });
    return {
      application: toApplicationView(result.application),
      activity: result.activity ? toActivityView(result.activity) : null,
    };
  }

  private secret(): string {
    return this.config.get('JWT_SECRET', { infer: true });
  }
}

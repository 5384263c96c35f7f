import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService, type DomainEvent } from '@app/platform/outbox';
import { AppError } from '@app/platform/errors';
import { ProjectsService } from '@app/projects';
import {
  APPLICATION_STATE_LABELS_JA,
  decideTransition,
  type ApplicationState,
} from '../domain/application-state';
import { projectMunicipalities, seatsCanBeOffered, type ProjectSnapshot } from '../domain/apply-policy';
import { ActivityRepository, type ActivityRecord } from '../persistence/activity.repository';
import { ApplicationRepository, type ActorKind, type ApplicationRecord } from '../persistence/application.repository';
import { ParticipationErrorCode } from '../participation.errors';
import { activityVerifiedEvent, applicationStateEvent } from './application-events';

export interface StateChange {
  applicationId: string;
  to: ApplicationState;
  actor: { id: string | null; kind: ActorKind };
  project: ProjectSnapshot;
  /** When set, the application must belong to this participant (else 404). */
  ownerId?: string;
}

export interface StateChangeResult {
  application: ApplicationRecord;
  activity: ActivityRecord | null;
}

/** Project statuses in which seats can be taken (accept, offer). */
const SEAT_STATUSES: ReadonlySet<ProjectSnapshot['status']> = new Set(['published', 'closed']);

export function illegalTransition(from: ApplicationState, to: ApplicationState): AppError {
  return new AppError(ParticipationErrorCode.ILLEGAL_APPLICATION_TRANSITION, {
    state: from,
    target: to,
    stateLabel: APPLICATION_STATE_LABELS_JA[from],
    targetLabel: APPLICATION_STATE_LABELS_JA[to],
  });
}

/**
 * The one place that changes an application's state: row lock on the application, seat claim or
 * release on project_seats (conditional UPDATE, so capacity holds under concurrent accepts), the
 * offer of a freed seat to the first waitlisted applicant, the activity of a verified attendance,
 * and the outbox events — all in one transaction.
 */
@Injectable()
export class ApplicationLifecycleService {
  private readonly logger = new Logger(ApplicationLifecycleService.name);

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly activities: ActivityRepository,
    private readonly outbox: OutboxService,
    private readonly projects: ProjectsService,
  ) {}

  /** Reads a project through the projects facade (on `m`'s connection when given); null when it does not exist. */
  async project(projectId: string, m?: EntityManager): Promise<ProjectSnapshot | null> {
    return (await this.projects.getProjectForParticipation(projectId, m)) as ProjectSnapshot | null;
  }

  async change(change: StateChange): Promise<StateChangeResult> {
    return this.applications.transaction(async (m) => {
      const app = await this.applications.findByIdForUpdate(m, change.applicationId);
      if (!app || (change.ownerId !== undefined && app.participantId !== change.ownerId)) {
        throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);
      }
      // A verified attendance replayed (double click, second check-in) changes nothing.
      if (change.to === 'attended' && app.state === 'attended') {
        return { application: app, activity: await this.activities.findByApplication(app.id, m) };
      }
      const decision = decideTransition(app.state, change.to);
      if (!decision.ok) throw illegalTransition(app.state, change.to);

      if (decision.takesSeat) {
        if (!SEAT_STATUSES.has(change.project.status)) {
          throw new AppError(ParticipationErrorCode.PROJECT_NOT_ACTIVE, { status: change.project.status });
        }
        const seats = await this.applications.syncSeats(m, app.projectId, change.project.capacity);
        if (!(await this.applications.claimSeat(m, app.projectId))) {
          throw new AppError(ParticipationErrorCode.CAPACITY_REACHED, { capacity: seats.capacity });
        }
      }
      const next = await this.applications.transition(m, app, change.to, change.actor);
      const events: DomainEvent[] = [applicationStateEvent(next, app.state, change.actor.kind)];
      let activity: ActivityRecord | null = null;
      if (change.to === 'attended') {
        activity = await this.activities.insertOnce(m, {
          applicationId: next.id,
          participantId: next.participantId,
          projectId: next.projectId,
          municipalityCodes: projectMunicipalities(change.project),
          verifiedBy: change.actor.kind === 'participant' ? 'check_in_code' : 'staff',
          verifierId: change.actor.kind === 'staff' ? change.actor.id : null,
        });
        if (activity) events.push(activityVerifiedEvent(activity, change.project.category ?? null));
      }
      if (decision.freesSeat) {
        await this.applications.releaseSeat(m, app.projectId);
        if (seatsCanBeOffered(change.project, new Date())) events.push(...(await this.offerFreeSeats(m, app.projectId)));
      }
      await this.outbox.publishMany(m, events);
      return { application: next, activity };
    });
  }

  /**
   * Gives free seats to waitlisted applicants, first come first served (waitlisted → accepted).
   * Rows another transaction holds are skipped, never waited for.
   */
  private async offerFreeSeats(m: EntityManager, projectId: string): Promise<DomainEvent[]> {
    const events: DomainEvent[] = [];
    for (;;) {
      const waiting = await this.applications.firstWaitlistedForUpdate(m, projectId);
      if (!waiting) break;
      if (!(await this.applications.claimSeat(m, projectId))) break;
      const offered = await this.applications.transition(m, waiting, 'accepted', { id: null, kind: 'system' });
      events.push(applicationStateEvent(offered, 'waitlisted', 'system'));
    }
    return events;
  }

  /** `projects.project.cancelled`: every open application becomes cancelled. Idempotent. */
  async cancelOpenApplications(projectId: string): Promise<number> {
    const project = await this.project(projectId);
    if (!project || project.status !== 'cancelled') return 0;
    return this.applications.transaction(async (m) => {
      // Waits for applies in flight (they hold the project's apply lock shared until they commit),
      // so none of them can land after this sweep; later ones see the cancelled status and refuse.
      await this.applications.lockProjectApplies(m, projectId);
      const open = await this.applications.openByProjectForUpdate(m, projectId);
      const events: DomainEvent[] = [];
      for (const app of open) {
        const next = await this.applications.transition(m, app, 'cancelled', { id: null, kind: 'system' });
        events.push(applicationStateEvent(next, app.state, 'system'));
      }
      await this.applications.recountSeats(m, projectId);
      await this.outbox.publishMany(m, events);
      return open.length;
    });
  }

  /**
   * `projects.project.capacity_changed`: refreshes the seat row from the facade (never below the
   * seats taken) and, when seats became free, offers them to the waitlist. Idempotent.
   */
  async syncCapacity(projectId: string): Promise<{ capacity: number; acceptedCount: number } | null> {
    const project = await this.project(projectId);
    if (!project) return null;
    return this.applications.transaction(async (m) => {
      const seats = await this.applications.syncSeats(m, projectId, project.capacity);
      if (seats.capacity > project.capacity) {
        this.logger.warn({ projectId, capacity: project.capacity, acceptedCount: seats.acceptedCount }, 'capacity below accepted seats; kept');
      }
      if (seatsCanBeOffered(project, new Date())) {
        await this.outbox.publishMany(m, await this.offerFreeSeats(m, projectId));
      }
      const after = await this.applications.findSeatsIn(m, projectId);
      return after;
    });
  }

  /**
   * `identity.user.deleted`: open applications are withdrawn (seats go to the waitlist), the free
   * text they wrote (motivation) and their stored idempotent responses are erased. Application and
   * activity rows stay keyed by the now meaningless user id, so past counts do not change. Idempotent.
   */
  async forgetParticipant(participantId: string): Promise<{ withdrawn: number; erased: number }> {
    const withdrawn = await this.withdrawAllOf(participantId, 'system');
    const erased = await this.applications.transaction((m) => this.applications.erasePersonalData(m, participantId));
    return { withdrawn, erased };
  }

  /** Account deletion: withdraws every open application of a participant, freeing their seats. */
  async withdrawAllOf(participantId: string, actorKind: 'participant' | 'system' = 'participant'): Promise<number> {
    const open = await this.applications.listOpenOfParticipant(participantId);
    let n = 0;
    for (const app of open) {
      const project = await this.project(app.projectId);
      if (!project) continue;
      try {
        await this.change({
          applicationId: app.id,
          to: 'withdrawn',
          actor: { id: actorKind === 'participant' ? participantId : null, kind: actorKind },
          project,
          ownerId: participantId,
        });
        n++;
      } catch (e) {
        // Moved on meanwhile (e.g. attended or cancelled): nothing to withdraw.
        if (!(e instanceof AppError)) throw e;
      }
    }
    return n;
  }
}

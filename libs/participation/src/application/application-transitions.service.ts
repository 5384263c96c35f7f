import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import type { Actor } from '@app/identity';
import { ProjectsService } from '@app/projects';
import { ApplicationRepository } from '../persistence/application.repository';
import { ParticipationErrorCode } from '../participation.errors';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import { toApplicationView, type ApplicationView } from './application-views';

/** What host staff may do to an application. */
export type StaffAction = 'accepted' | 'rejected' | 'waitlisted' | 'attended' | 'no_show';

/** State changes requested over HTTP: staff decisions and attendance, participant withdrawal. */
@Injectable()
export class ApplicationTransitionsService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly projects: ProjectsService,
  ) {}

  /**
   * Staff of the project's host or co-host municipalities. Accept claims a seat; when the project is
   * full it is refused with 409 CAPACITY_REACHED and nothing changes (staff may waitlist instead).
   */
  async byStaff(actor: Actor, applicationId: string, to: StaffAction): Promise<ApplicationView> {
    const app = await this.applications.findById(applicationId);
    if (!app) throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);
    await this.projects.assertStaffCanManage(actor, app.projectId);
    const project = await this.lifecycle.project(app.projectId);
    if (!project) throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);
    const { application } = await this.lifecycle.change({
      applicationId,
      to,
      actor: { id: actor.userId, kind: 'staff' },
      project,
    });
    return toApplicationView(application);
  }

  /** The participant withdraws their own application (辞退); a held seat goes to the waitlist. */
  async withdraw(actor: Actor, applicationId: string): Promise<ApplicationView> {
    const app = await this.applications.findById(applicationId);
    if (!app || app.participantId !== actor.userId) throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);
    const project = await this.lifecycle.project(app.projectId);
    if (!project) throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);
    const { application } = await this.lifecycle.change({
      applicationId,
      to: 'withdrawn',
      actor: { id: actor.userId, kind: 'participant' },
      project,
      ownerId: actor.userId,
    });
    return toApplicationView(application);
  }
}

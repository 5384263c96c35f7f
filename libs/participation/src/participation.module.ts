import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { ParticipantsModule } from '@app/participants';
import { ProjectsModule } from '@app/projects';
import { ApplicationLifecycleService } from './application/application-lifecycle.service';
import { ApplicationTransitionsService } from './application/application-transitions.service';
import { ApplicationsService } from './application/applications.service';
import { CheckInService } from './application/check-in.service';
import { ParticipationService } from './application/participation.service';
import { ApplicationsController, MyApplicationsController } from './http/applications.controller';
import { ProjectApplicationsController } from './http/project-applications.controller';
import { ParticipationQueue } from './jobs/participation.jobs';
import { ParticipationProcessor, ParticipationScheduler } from './jobs/participation.processor';
import { ActivityRepository } from './persistence/activity.repository';
import { ApplicationRepository } from './persistence/application.repository';
import { IdempotencyRepository } from './persistence/idempotency.repository';
import { PARTICIPATION_ENTITIES } from './persistence/participation.entities';

const persistence = [ApplicationRepository, ActivityRepository, IdempotencyRepository];

/** Api side: applications, transitions, check-in (controllers) and the facade for other contexts. */
@Module({
  imports: [TypeOrmModule.forFeature(PARTICIPATION_ENTITIES), ProjectsModule, ParticipantsModule, IdentityModule],
  controllers: [ProjectApplicationsController, ApplicationsController, MyApplicationsController],
  providers: [
    ...persistence,
    ApplicationLifecycleService,
    ApplicationsService,
    ApplicationTransitionsService,
    CheckInService,
    ParticipationService,
  ],
  exports: [ParticipationService],
})
export class ParticipationModule {}

/** Worker side: reacts to projects.project.cancelled / capacity_changed. */
@Module({
  imports: [
    TypeOrmModule.forFeature(PARTICIPATION_ENTITIES),
    ProjectsModule,
    BullModule.registerQueue({ name: ParticipationQueue.queue }),
  ],
  providers: [...persistence, ApplicationLifecycleService, ParticipationService, ParticipationProcessor, ParticipationScheduler],
  exports: [ParticipationService],
})
export class ParticipationWorkerModule {}

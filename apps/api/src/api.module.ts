import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { ProblemDetailsFilter } from '@app/platform/errors';
import { PlatformLoggingModule } from '@app/platform/logging';
import {
  HealthController,
  MetricsController,
  PlatformObservabilityModule,
} from '@app/platform/observability';
import { PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { RegionsModule } from '@app/regions';
import { ParticipationModule } from '@app/participation';
import { ProjectsModule } from '@app/projects';
import { ParticipantsModule } from '@app/participants';
import { NotificationsModule } from '@app/notifications';
import { IdentityModule, Public } from '@app/identity';
import { OrganizationsModule } from '@app/organizations';
import { RelationshipsModule } from '@app/relationships';
import { MatchingModule } from '@app/matching';

// Every route must declare @Public() or @Auth(); the platform's probes are public.
Public()(HealthController);
Public()(MetricsController);

/** HTTP process: mounts the contexts' controllers, auth, global pipes and filters. */
@Module({
  imports: [
    PlatformConfigModule,
    PlatformLoggingModule,
    PlatformDatabaseModule,
    PlatformRedisModule,
    PlatformQueueModule,
    PlatformObservabilityModule,
    PlatformOutboxModule,
    RegionsModule,
    ParticipationModule,
    ProjectsModule,
    ParticipantsModule,
    NotificationsModule,
    IdentityModule,
    OrganizationsModule,
    RelationshipsModule,
    MatchingModule,
  ],
  controllers: [HealthController, MetricsController],
  providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
})
export class ApiModule {}

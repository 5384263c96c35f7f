import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionsModule } from '@app/regions';
import { AccountErasureService } from './application/account-erasure.service';
import { ActivityLogService } from './application/activity-log.service';
import { ConsentService } from './application/consent.service';
import { ParticipantsService } from './application/participants.service';
import { ProfileService } from './application/profile.service';
import { RegistrationService } from './application/registration.service';
import { registrationRulesProvider } from './application/registration-rules.provider';
import { MeProfileController, MeRegistrationsController } from './http/participants.controller';
import { ParticipantsQueue } from './jobs/participants.jobs';
import { ParticipantsProcessor } from './jobs/participants.processor';
import { ConsentEventEntity } from './persistence/consent-event.entity';
import { FurusatoRegistrationEntity } from './persistence/furusato-registration.entity';
import { ParticipantActivityEntity } from './persistence/participant-activity.entity';
import { ParticipantProfileEntity } from './persistence/participant-profile.entity';
import { ParticipantsRepository } from './persistence/participants.repository';
import { RegistrationsRepository } from './persistence/registrations.repository';

const entities = [ParticipantProfileEntity, ConsentEventEntity, FurusatoRegistrationEntity, ParticipantActivityEntity];
const services = [
  ParticipantsRepository,
  RegistrationsRepository,
  ProfileService,
  ConsentService,
  RegistrationService,
  ActivityLogService,
  AccountErasureService,
  ParticipantsService,
  registrationRulesProvider,
];

/** API side: the participant's profile, consents and furusato registrations. */
@Module({
  imports: [TypeOrmModule.forFeature(entities), RegionsModule],
  controllers: [MeProfileController, MeRegistrationsController],
  providers: services,
  exports: [ParticipantsService, ActivityLogService],
})
export class ParticipantsModule {}

/** Worker side: records participation's verified activities (no controllers). */
@Module({
  imports: [TypeOrmModule.forFeature(entities), RegionsModule, BullModule.registerQueue({ name: ParticipantsQueue.queue })],
  providers: [...services, ParticipantsProcessor],
  exports: [ActivityLogService],
})
export class ParticipantsWorkerModule {}

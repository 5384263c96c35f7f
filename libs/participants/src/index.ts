/** Participants context: profiles, consents, furusato registrations (ふるさと住民登録) and premium eligibility. */
import './participants.errors';
export { ParticipantsModule, ParticipantsWorkerModule } from './participants.module';
export { ParticipantsService } from './application/participants.service';
export { ActivityLogService } from './application/activity-log.service';
export type { ProfileView } from './application/profile.service';
export {
  ParticipantTopics,
  ACTIVITY_VERIFIED_TOPIC,
  USER_DELETED_TOPIC,
} from './application/participants.topics';
export type {
  ParticipantTopic,
  RegistrationCreatedPayload,
  RegistrationWithdrawnPayload,
  PremiumGrantedPayload,
  ActivityVerifiedPayload,
  UserDeletedPayload,
} from './application/participants.topics';
export { ParticipantsQueue, activityVerifiedSubscription, userDeletedSubscription } from './jobs/participants.jobs';
export type { ParticipantsJobName } from './jobs/participants.jobs';
export { ParticipantsProcessor } from './jobs/participants.processor';
export { ParticipantsErrorCode, participantsErrors } from './participants.errors';
export { CONSENT_PURPOSES } from './domain/consent';
export type { ConsentPurpose } from './domain/consent';
export { PARTICIPANT_TYPES, AVAILABILITY, PARTICIPATION_MODES, INTEREST_CATEGORIES } from './domain/profile';
export type { ParticipantType, Availability, ParticipationMode, InterestCategory } from './domain/profile';
export type { RegistrationTier } from './domain/furusato-registration';

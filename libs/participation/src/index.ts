/** Participation context: applications, capacity and waitlist, check-in and verified activities. */
import './participation.errors';
export { ParticipationModule, ParticipationWorkerModule } from './participation.module';
export { ParticipationService } from './application/participation.service';
export { ParticipationProcessor } from './jobs/participation.processor';
export { ParticipationErrorCode, participationErrors } from './participation.errors';
export {
  PARTICIPATION_TOPICS,
  ParticipationQueue,
} from './jobs/participation.jobs';
export type {
  ActivityVerifiedPayload,
  ApplicationStateChangedPayload,
  ParticipationJobName,
} from './jobs/participation.jobs';
export {
  APPLICATION_STATES,
  APPLICATION_STATE_LABELS_JA,
  OPEN_STATES,
  canTransition,
  isApplicationState,
} from './domain/application-state';
export type { ApplicationState } from './domain/application-state';
export type { ApplicationView, ActivityView } from './application/application-views';

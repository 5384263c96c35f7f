import { subscribeToTopic } from '@app/platform/outbox';
import { defineQueue } from '@app/platform/queue';
import { USER_DELETED_TOPIC } from '@app/identity';
import { ProjectTopics } from '@app/projects';
import type { ApplicationState } from '../domain/application-state';

/** Outbox topics this context publishes (names are a contract; never renamed). */
export const PARTICIPATION_TOPICS = {
  /** A verified attendance (担い手活動); key = activityId. The counting engine's input. */
  activityVerified: 'participation.activity.verified',
  /** `participation.application.<state>` for every state an application enters; key = `<applicationId>:<version>`. */
  applicationState: (state: ApplicationState) => `participation.application.${state}` as const,
} as const;

export interface ActivityVerifiedPayload {
  activityId: string;
  applicationId: string;
  participantId: string;
  projectId: string;
  /** Host first, then co-hosts (6-digit 全国地方公共団体コード). */
  municipalityCodes: string[];
  /** ISO 8601 instant. */
  verifiedAt: string;
  verifiedBy: 'staff' | 'check_in_code';
  /** The project's category (optional: events published before it was added lack it). */
  category?: string | null;
}

export interface ApplicationStateChangedPayload {
  applicationId: string;
  projectId: string;
  participantId: string;
  state: ApplicationState;
  /** null for `applied` (a new application). */
  previousState: ApplicationState | null;
  version: number;
  /** Who caused it: the participant, host staff, or the system (seat offer, project cancelled). */
  actorKind: 'participant' | 'staff' | 'system';
}

/** The participation queue: reactions to the projects context's events. */
export const ParticipationQueue = defineQueue('participation', [
  'participation.project-cancelled',
  'participation.project-capacity-changed',
  'participation.purge-idempotency-keys',
  'participation.user-deleted',
] as const);
export type ParticipationJobName = (typeof ParticipationQueue.jobs)[number];

/** Payload of identity.user.deleted (we rely on userId only). */
export interface UserDeletedEventPayload {
  userId: string;
}

/** Payload of the projects context's events we consume (we only rely on projectId and re-read). */
export interface ProjectEventPayload {
  projectId: string;
}

subscribeToTopic({
  topic: ProjectTopics.cancelled,
  queue: ParticipationQueue.queue,
  jobName: 'participation.project-cancelled',
});
subscribeToTopic({
  topic: ProjectTopics.capacityChanged,
  queue: ParticipationQueue.queue,
  jobName: 'participation.project-capacity-changed',
});
subscribeToTopic({
  topic: USER_DELETED_TOPIC,
  queue: ParticipationQueue.queue,
  jobName: 'participation.user-deleted',
});

import { subscribeToTopic } from '@app/platform/outbox';
import { defineQueue } from '@app/platform/queue';
import { ACTIVITY_VERIFIED_TOPIC, USER_DELETED_TOPIC } from '../application/participants.topics';

/** The participants context's queue; job names never change once shipped. */
export const ParticipantsQueue = defineQueue('participants', ['participants.record-verified-activity', 'participants.erase-user'] as const);
export type ParticipantsJobName = (typeof ParticipantsQueue.jobs)[number];

/** participation's verified activities feed this context's activity read model (premium eligibility). */
export const activityVerifiedSubscription = subscribeToTopic({
  topic: ACTIVITY_VERIFIED_TOPIC,
  queue: ParticipantsQueue.queue,
  jobName: 'participants.record-verified-activity',
});

/** Account deletion: the profile and consents go at once, active registrations end that day. */
export const userDeletedSubscription = subscribeToTopic({
  topic: USER_DELETED_TOPIC,
  queue: ParticipantsQueue.queue,
  jobName: 'participants.erase-user',
});

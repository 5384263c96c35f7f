import { subscribeToTopic } from '@app/platform/outbox';
import { defineQueue } from '@app/platform/queue';

/** Topics this context consumes (owned by participants, participation and identity). */
export const RelationshipInputTopics = {
  registrationCreated: 'participants.registration.created',
  registrationWithdrawn: 'participants.registration.withdrawn',
  premiumGranted: 'participants.registration.premium_granted',
  activityVerified: 'participation.activity.verified',
  userDeleted: 'identity.user.deleted',
} as const;

export const RelationshipsQueue = defineQueue('relationships', [
  'relationships.registration-created',
  'relationships.registration-withdrawn',
  'relationships.premium-granted',
  'relationships.activity-verified',
  'relationships.user-deleted',
] as const);
export type RelationshipsJobName = (typeof RelationshipsQueue.jobs)[number];

subscribeToTopic({ topic: RelationshipInputTopics.registrationCreated, queue: RelationshipsQueue.queue, jobName: 'relationships.registration-created' });
subscribeToTopic({ topic: RelationshipInputTopics.registrationWithdrawn, queue: RelationshipsQueue.queue, jobName: 'relationships.registration-withdrawn' });
subscribeToTopic({ topic: RelationshipInputTopics.premiumGranted, queue: RelationshipsQueue.queue, jobName: 'relationships.premium-granted' });
subscribeToTopic({ topic: RelationshipInputTopics.activityVerified, queue: RelationshipsQueue.queue, jobName: 'relationships.activity-verified' });
subscribeToTopic({ topic: RelationshipInputTopics.userDeleted, queue: RelationshipsQueue.queue, jobName: 'relationships.user-deleted' });

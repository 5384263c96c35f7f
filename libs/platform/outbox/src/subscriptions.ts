/** What the relay enqueues for each subscriber of a topic. Payloads are ids and small scalars. */
export interface OutboxJob<P = Record<string, unknown>> {
  eventId: string;
  topic: string;
  payload: P;
  occurredAt: string;
}

export interface OutboxSubscription {
  topic: string;
  queue: string;
  jobName: string;
}

const subscriptions: OutboxSubscription[] = [];

/**
 * Declares that `topic` events become `jobName` jobs on `queue` (in a context's jobs file).
 * The queue's processor must handle `jobName`; the job id is deterministic, so a relay that runs
 * twice for one event enqueues it once.
 */
export function subscribeToTopic(subscription: OutboxSubscription): OutboxSubscription {
  if (!subscriptions.some((s) => s.topic === subscription.topic && s.queue === subscription.queue)) {
    subscriptions.push(subscription);
  }
  return subscription;
}

export function topicSubscriptions(): readonly OutboxSubscription[] {
  return subscriptions;
}

export function outboxJobId(eventId: string, queue: string): string {
  return `outbox-${eventId}-${queue}`;
}

export { PlatformOutboxModule } from './outbox.module';
export { OutboxRelayModule } from './outbox-relay.module';
export { OutboxService } from './outbox.service';
export type { DomainEvent } from './outbox.service';
export { OutboxRelayService } from './outbox-relay.service';
export { subscribeToTopic, topicSubscriptions, outboxJobId } from './subscriptions';
export type { OutboxJob, OutboxSubscription } from './subscriptions';

import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Module } from '@nestjs/common';
import { OutboxRelayService } from './outbox-relay.service';
import { PlatformOutboxModule } from './outbox.module';
import { topicSubscriptions } from './subscriptions';

/** Relay side (worker only). Import after every context's jobs file has declared its subscriptions. */
@Module({})
export class OutboxRelayModule {
  static register(): DynamicModule {
    const queues = [...new Set(topicSubscriptions().map((s) => s.queue))];
    return {
      module: OutboxRelayModule,
      imports: [PlatformOutboxModule, ...queues.map((name) => BullModule.registerQueue({ name }))],
      providers: [OutboxRelayService],
      exports: [OutboxRelayService],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsService } from './metrics.service';
import { RedisHealthIndicator } from './redis.health';

/** Health indicators and the metrics registry, for every process. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [MetricsService, RedisHealthIndicator],
  exports: [MetricsService, RedisHealthIndicator, TerminusModule],
})
export class PlatformObservabilityModule {}

export { PlatformObservabilityModule } from './observability.module';
export { HealthController } from './health.controller';
export { MetricsController } from './metrics.controller';
export { MetricsService } from './metrics.service';
export { RedisHealthIndicator } from './redis.health';
export { precomputeSecurityHeaders } from './security-headers';
export { RequestDurationHistogram } from './request-duration';

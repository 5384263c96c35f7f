import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MetricsService } from '@app/platform/observability';

/** Notification metrics in the process's Prometheus registry (scraped at /metrics). */
@Injectable()
export class NotificationsMetrics {
  readonly processed: Counter<'channel' | 'result'>;
  readonly failed: Counter<'channel' | 'kind'>;
  readonly latency: Histogram<'channel'>;
  readonly queueDepth: Gauge<'state'>;
  private depthSource?: () => Promise<Record<string, number>>;

  constructor(metrics: MetricsService) {
    const registers = [metrics.registry];
    this.processed = new Counter({
      name: 'notifications_processed_total',
      help: 'Notification deliveries processed, by channel and result (delivered, skipped)',
      labelNames: ['channel', 'result'] as const,
      registers,
    });
    this.failed = new Counter({
      name: 'notifications_failed_total',
      help: 'Failed delivery attempts, by channel and kind (retrying, permanent)',
      labelNames: ['channel', 'kind'] as const,
      registers,
    });
    this.latency = new Histogram({
      name: 'notifications_delivery_latency_seconds',
      help: 'From the committed notification to its delivery',
      labelNames: ['channel'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600],
      registers,
    });
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.queueDepth = new Gauge({
      name: 'notifications_queue_depth',
      help: 'Jobs in the notifications queue, by state',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        if (!self.depthSource) return;
        try {
          const counts = await self.depthSource();
          for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
        } catch {
          // Redis away: keep the last value rather than fail the whole scrape.
        }
      },
    });
  }

  setDepthSource(source: () => Promise<Record<string, number>>): void {
    this.depthSource = source;
  }
}

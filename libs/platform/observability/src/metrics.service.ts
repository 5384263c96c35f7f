import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry, type Metric } from 'prom-client';
import { RequestDurationHistogram } from './request-duration';

/** The process's Prometheus registry; contexts add their own metrics to it. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly httpDuration = new RequestDurationHistogram();

  constructor() {
    this.registry.registerMetric(this.httpDuration as unknown as Metric);
    this.registry.setDefaultLabels({ service: process.env.KAKAWARI_PROCESS ?? 'api' });
    collectDefaultMetrics({ register: this.registry });
  }
}

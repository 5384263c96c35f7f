import { Registry, type Metric } from 'prom-client';
import { RequestDurationHistogram } from './request-duration';

describe('RequestDurationHistogram', () => {
  it('is scraped as a Prometheus histogram: cumulative buckets, +Inf, sum and count per series', async () => {
    const h = new RequestDurationHistogram([0.01, 0.1, 1]);
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'api' });
    registry.registerMetric(h as unknown as Metric);
    for (const s of [0.004, 0.01, 0.05, 0.5, 3]) h.observe('GET', '/api/v1/x', 200, s);
    h.observe('POST', '/api/v1/x', 409, 0.2);

    const text = await registry.metrics();
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
    const line = (suffix: string, labels: string) => text.split('\n').find((l) => l.startsWith(`http_request_duration_seconds_${suffix}{${labels}`));
    expect(line('bucket', 'method="GET",route="/api/v1/x",status="200",le="0.01"')).toMatch(/ 2$/); // 0.004 and 0.01 (le is inclusive)
    expect(line('bucket', 'method="GET",route="/api/v1/x",status="200",le="0.1"')).toMatch(/ 3$/);
    expect(line('bucket', 'method="GET",route="/api/v1/x",status="200",le="1"')).toMatch(/ 4$/);
    expect(line('bucket', 'method="GET",route="/api/v1/x",status="200",le="+Inf"')).toMatch(/ 5$/);
    expect(line('count', 'method="GET",route="/api/v1/x",status="200"')).toMatch(/ 5$/);
    expect(Number(line('sum', 'method="GET",route="/api/v1/x",status="200"')?.split(' ')[1])).toBeCloseTo(3.564, 6);
    expect(line('count', 'method="POST",route="/api/v1/x",status="409"')).toContain('service="api"');
  });
});

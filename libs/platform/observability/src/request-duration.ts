
interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  value: number;
}

interface Series {
  labels: { method: string; route: string; status: string };
  /** Non-cumulative counts per upper bound; cumulated when scraped. */
  buckets: number[];
  count: number;
  sum: number;
}

/**
 * `http_request_duration_seconds`, a Prometheus histogram by method, route and status, registered
 * in the prom-client registry (which formats it at scrape time like its own histograms).
 *
 * Observed on every response, so the hot path is a bucket search and three additions on a series
 * found through three Map lookups. prom-client's own labelled histogram converts, validates and
 * hashes the label object on every observation, even through a `labels()` child: measured at
 * ~12 % of the throughput of a small request.
 */
export class RequestDurationHistogram {
  readonly name = 'http_request_duration_seconds';
  readonly help = 'HTTP request duration by method, route and status';
  readonly type = 'histogram';
  readonly aggregator = 'sum' as const;
  private readonly series = new Map<string, Map<string, Map<number, Series>>>();

  constructor(private readonly upperBounds: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    let byRoute = this.series.get(method);
    if (!byRoute) this.series.set(method, (byRoute = new Map()));
    let byStatus = byRoute.get(route);
    if (!byStatus) byRoute.set(route, (byStatus = new Map()));
    let s = byStatus.get(status);
    if (!s) {
      s = { labels: { method, route, status: String(status) }, buckets: this.upperBounds.map(() => 0), count: 0, sum: 0 };
      byStatus.set(status, s);
    }
    let i = 0;
    while (i < this.upperBounds.length && seconds > this.upperBounds[i]) i++;
    if (i < this.upperBounds.length) s.buckets[i]++;
    s.count++;
    s.sum += seconds;
  }

  /** prom-client's metric contract: the registry calls it on every scrape. */
  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: Sample[] }> {
    const values: Sample[] = [];
    for (const byRoute of this.series.values()) {
      for (const byStatus of byRoute.values()) {
        for (const s of byStatus.values()) {
          let cumulative = 0;
          this.upperBounds.forEach((le, i) => {
            cumulative += s.buckets[i];
            values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le }, value: cumulative });
          });
          values.push({ metricName: `${this.name}_bucket`, labels: { ...s.labels, le: '+Inf' }, value: s.count });
          values.push({ metricName: `${this.name}_sum`, labels: s.labels, value: s.sum });
          values.push({ metricName: `${this.name}_count`, labels: s.labels, value: s.count });
        }
      }
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }
}

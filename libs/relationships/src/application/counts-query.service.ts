import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import { addDays, fiscalYearEnd, fiscalYearOf, fiscalYearStart, isDay, monthEnd, monthStart, type Day } from '../domain/calendar';
import { METRICS, type MetricId, type ScopeType, type SeriesId } from '../domain/metrics';
import { CountsRepository, type CountCell, type DimFilter } from '../persistence/counts.repository';
import { RelationshipsErrorCode } from '../relationships.errors';

export interface Period {
  from: Day;
  to: Day;
}

/** Reads the maintained counts: point metrics on a date, period metrics over a period. */
@Injectable()
export class CountsQueryService {
  constructor(private readonly counts: CountsRepository) {}

  parseDay(value: string): Day {
    if (!isDay(value)) throw new AppError(RelationshipsErrorCode.STATS_INVALID_DATE, { value });
    return value;
  }

  /** `active_persons` is a distinct count stored per month and per 年度 only. */
  private activeSeries(period: Period): { series: SeriesId; from: Day; to: Day } {
    if (period.from === monthStart(period.from) && period.to === monthEnd(period.from)) {
      return { series: 'active_persons_month', from: period.from, to: period.from };
    }
    const fy = fiscalYearOf(period.from);
    if (period.from === fiscalYearStart(fy) && period.to === fiscalYearEnd(fy)) {
      return { series: 'active_persons_fy', from: period.from, to: period.from };
    }
    throw new AppError(RelationshipsErrorCode.STATS_UNSUPPORTED_PERIOD);
  }

  /**
   * Values of `metric` for the scopes: on `date` for point metrics, over `period` for period
   * metrics (default: the 年度 up to `date`). Missing scopes are 0.
   */
  async values(
    metric: MetricId,
    scopeType: ScopeType,
    codes: string[],
    at: { date: Day; period?: Period },
    dims: DimFilter = { exact: '' },
  ): Promise<CountCell[]> {
    if (codes.length === 0) return [];
    if (METRICS[metric].kind === 'point') return this.counts.sumRange(metric as SeriesId, scopeType, codes, dims, null, at.date);
    const period = at.period ?? { from: fiscalYearStart(fiscalYearOf(at.date)), to: at.date };
    if (period.from > period.to) throw new AppError(RelationshipsErrorCode.STATS_INVALID_PERIOD);
    if (metric === 'active_persons') {
      const s = this.activeSeries(period);
      return this.counts.sumRange(s.series, scopeType, codes, dims, s.from, s.to);
    }
    return this.counts.sumRange(metric as SeriesId, scopeType, codes, dims, period.from, period.to);
  }

  /** A point metric on `date` for many scopes of one type (children of a scope), one statement. */
  async pointValues(metric: MetricId, scopeType: ScopeType, codes: string[], date: Day, dim = ''): Promise<Map<string, number>> {
    if (METRICS[metric].kind !== 'point') throw new AppError(RelationshipsErrorCode.STATS_UNSUPPORTED_PERIOD);
    return this.counts.valuesOn(metric as SeriesId, scopeType, codes, dim, date);
  }

  /** Many values (exact dims) in one statement: each on `date` (point) or over its period. */
  async batch(keys: { metric: MetricId; scopeType: ScopeType; code: string; date: Day; period?: Period; dim?: string }[]): Promise<number[]> {
    const resolved = keys.map((k) => {
      if (METRICS[k.metric].kind === 'point') return { series: k.metric as SeriesId, scopeType: k.scopeType, scopeCode: k.code, dim: k.dim ?? '', from: null, to: k.date };
      const period = k.period ?? { from: fiscalYearStart(fiscalYearOf(k.date)), to: k.date };
      if (period.from > period.to) throw new AppError(RelationshipsErrorCode.STATS_INVALID_PERIOD);
      const s = k.metric === 'active_persons' ? this.activeSeries(period) : { series: k.metric as SeriesId, from: period.from, to: period.to };
      return { series: s.series, scopeType: k.scopeType, scopeCode: k.code, dim: k.dim ?? '', from: s.from, to: s.to };
    });
    return this.counts.pointTotals(resolved);
  }

  async value(metric: MetricId, scopeType: ScopeType, code: string, at: { date: Day; period?: Period }, dim = ''): Promise<number> {
    const cells = await this.values(metric, scopeType, [code], at, { exact: dim });
    return cells.find((c) => c.dim === dim)?.value ?? 0;
  }

  /**
   * A series of one scope: for point metrics the value at the end of each month / 年度 (or `to`),
   * for period metrics the sum within each.
   */
  async series(
    metric: MetricId,
    scopeType: ScopeType,
    code: string,
    interval: 'month' | 'fiscal_year',
    from: Day,
    to: Day,
  ): Promise<{ period: string; from: Day; to: Day; value: number }[]> {
    if (from > to) throw new AppError(RelationshipsErrorCode.STATS_INVALID_PERIOD);
    const periods: { period: string; from: Day; to: Day }[] = [];
    if (interval === 'month') {
      for (let m = monthStart(from); m <= to; m = addDays(monthEnd(m), 1)) {
        periods.push({ period: m.slice(0, 7), from: m, to: monthEnd(m) < to ? monthEnd(m) : to });
      }
    } else {
      for (let fy = fiscalYearOf(from); fiscalYearStart(fy) <= to; fy++) {
        periods.push({ period: `FY${fy}`, from: fiscalYearStart(fy), to: fiscalYearEnd(fy) < to ? fiscalYearEnd(fy) : to });
      }
    }
    const def = METRICS[metric];
    const series: SeriesId =
      metric === 'active_persons' ? (interval === 'month' ? 'active_persons_month' : 'active_persons_fy') : (metric as SeriesId);
    const buckets = await this.counts.buckets(series, scopeType, code, '', to);
    return periods.map((p) => {
      let value = 0;
      for (const b of buckets) {
        if (b.day > p.to) break;
        if (def.kind === 'point' || b.day >= p.from) value += b.value;
      }
      return { ...p, value };
    });
  }
}

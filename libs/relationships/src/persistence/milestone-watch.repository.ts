import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ScopeType } from '../domain/metrics';
import type { TargetDefinition } from '../domain/targets';
import type { TargetMetric } from './targets.repository';

export interface WatchedTarget extends TargetDefinition {
  scopeType: ScopeType;
  scopeCode: string;
  metric: TargetMetric;
}

export interface ReachedMilestone {
  scopeType: ScopeType;
  scopeCode: string;
  metric: TargetMetric;
  fiscalYear: number;
  milestoneValue: number;
  years: number;
  actual: number;
  reachedOn: string;
}

/** Every scope's targets (read in keyset pages) and the milestones already recorded as reached. */
@Injectable()
export class MilestoneWatchRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async listTargets(after: { scopeType: string; scopeCode: string; metric: string } | null, limit: number): Promise<WatchedTarget[]> {
    const rows: {
      scope_type: ScopeType;
      scope_code: string;
      metric: TargetMetric;
      target_fiscal_year: number;
      target_value: string;
      baseline_date: string;
      baseline_value: string;
      milestones: { fiscalYear: number; value: number }[];
    }[] = await this.dataSource.query(
      `SELECT scope_type, scope_code, metric, target_fiscal_year, target_value, baseline_date::text AS baseline_date, baseline_value, milestones
         FROM count_targets
        WHERE ($1::text IS NULL OR (scope_type, scope_code, metric) > ($1::text, $2::text, $3::text))
        ORDER BY scope_type, scope_code, metric LIMIT $4`,
      [after?.scopeType ?? null, after?.scopeCode ?? null, after?.metric ?? null, limit],
    );
    return rows.map((r) => ({
      scopeType: r.scope_type,
      scopeCode: r.scope_code,
      metric: r.metric,
      targetFiscalYear: r.target_fiscal_year,
      targetValue: Number(r.target_value),
      baselineDate: r.baseline_date,
      baselineValue: Number(r.baseline_value),
      milestones: r.milestones,
    }));
  }

  /** Records the milestone unless it already was; true when this call recorded it. */
  async recordReached(m: EntityManager, r: ReachedMilestone): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO kpi_milestones_reached (scope_type, scope_code, metric, fiscal_year, milestone_value, years, actual, reached_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ON CONSTRAINT pk_kpi_milestones_reached DO NOTHING RETURNING 1`,
      [r.scopeType, r.scopeCode, r.metric, r.fiscalYear, r.milestoneValue, r.years, r.actual, r.reachedOn],
    );
    return rows.length > 0;
  }
}

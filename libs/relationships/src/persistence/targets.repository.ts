import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ScopeType } from '../domain/metrics';
import type { TargetDefinition } from '../domain/targets';

export type TargetMetric = 'real_persons' | 'cumulative_persons';

export interface StoredTarget extends TargetDefinition {
  metric: TargetMetric;
  updatedAt: string;
}

/** Per-scope KPI targets. Every query takes the scope. */
@Injectable()
export class TargetsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async findForScope(scopeType: ScopeType, scopeCode: string): Promise<StoredTarget[]> {
    const rows: {
      metric: TargetMetric;
      target_fiscal_year: number;
      target_value: string;
      baseline_date: string;
      baseline_value: string;
      milestones: { fiscalYear: number; value: number }[];
      updated_at: Date;
    }[] = await this.dataSource.query(
      `SELECT metric, target_fiscal_year, target_value, baseline_date::text, baseline_value, milestones, updated_at
         FROM count_targets WHERE scope_type = $1 AND scope_code = $2 ORDER BY metric DESC`,
      [scopeType, scopeCode],
    );
    return rows.map((r) => ({
      metric: r.metric,
      targetFiscalYear: r.target_fiscal_year,
      targetValue: Number(r.target_value),
      baselineDate: r.baseline_date,
      baselineValue: Number(r.baseline_value),
      milestones: r.milestones,
      updatedAt: r.updated_at.toISOString(),
    }));
  }

  async upsert(m: EntityManager, scopeType: ScopeType, scopeCode: string, t: StoredTarget | Omit<StoredTarget, 'updatedAt'>, userId: string): Promise<void> {
    await m.query(
      `INSERT INTO count_targets (scope_type, scope_code, metric, target_fiscal_year, target_value, baseline_date, baseline_value, milestones, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9)
       ON CONFLICT ON CONSTRAINT pk_count_targets DO UPDATE SET target_fiscal_year = EXCLUDED.target_fiscal_year,
         target_value = EXCLUDED.target_value, baseline_date = EXCLUDED.baseline_date, baseline_value = EXCLUDED.baseline_value,
         milestones = EXCLUDED.milestones, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [scopeType, scopeCode, t.metric, t.targetFiscalYear, t.targetValue, t.baselineDate, t.baselineValue, JSON.stringify(t.milestones), userId],
    );
  }
}

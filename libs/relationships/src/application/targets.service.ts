import { Injectable } from '@nestjs/common';
import { AuditLogService, type Actor } from '@app/identity';
import { AppError } from '@app/platform/errors';
import { fiscalYearOf, tokyoDay, type Day } from '../domain/calendar';
import { METRICS } from '../domain/metrics';
import { milestoneSchedule, progress, suppressProgress } from '../domain/targets';
import { TargetsRepository, type TargetMetric } from '../persistence/targets.repository';
import { RelationshipsErrorCode } from '../relationships.errors';
import { CountsQueryService } from './counts-query.service';
import { StatsService } from './stats.service';

export interface TargetInput {
  metric: TargetMetric;
  targetFiscalYear: number;
  targetValue: number;
  /** 工程表 values for 1, 3 and 5 years after the baseline year (optional; default straight line). */
  milestones?: { fiscalYear: number; value: number }[];
}

/** KPI targets per scope and progress against the straight-line path (national ones seeded). */
@Injectable()
export class TargetsService {
  constructor(
    private readonly targets: TargetsRepository,
    private readonly stats: StatsService,
    private readonly query: CountsQueryService,
    private readonly audit: AuditLogService,
  ) {}

  async get(actor: Actor, scopeType: string, code: string, date: Day) {
    const scope = await this.stats.resolveScope(actor, scopeType, code);
    const targets = await this.targets.findForScope(scope.type, scope.code);
    if (targets.length === 0) throw new AppError(RelationshipsErrorCode.STATS_TARGET_NOT_FOUND);
    const suppress = this.stats.primaryApplies(actor, scope.type, false);
    const items = await Promise.all(
      targets.map(async (t) => {
        const actual = await this.query.value(t.metric, scope.type, scope.code, { date });
        const item = {
          metric: METRICS[t.metric].id,
          version: METRICS[t.metric].version,
          targetFiscalYear: t.targetFiscalYear,
          targetValue: t.targetValue,
          baselineDate: t.baselineDate,
          baselineValue: t.baselineValue,
          milestones: milestoneSchedule(t),
          ...progress(t, actual, date),
          updatedAt: t.updatedAt,
        };
        return suppress ? suppressProgress(item, this.stats.k) : item;
      }),
    );
    return { scope: { type: scope.type, code: scope.code, name: scope.name }, date, fiscalYear: fiscalYearOf(date), targets: items };
  }

  /** Admins set any scope; staff only their own (not nation or regions); hq_analyst reads only. */
  async set(actor: Actor, scopeType: string, code: string, input: TargetInput) {
    const scope = await this.stats.resolveScope(actor, scopeType, code);
    if (actor.role !== 'admin' && (scope.type === 'nation' || scope.type === 'chiho8' || scope.type === 'kouiki')) {
      throw new AppError(RelationshipsErrorCode.STATS_SCOPE_NOT_FOUND, { scopeType, code });
    }
    const today = tokyoDay(new Date());
    const baselineValue = await this.query.value(input.metric, scope.type, scope.code, { date: today });
    await this.targets.transaction(async (m) => {
      await this.targets.upsert(
        m,
        scope.type,
        scope.code,
        {
          metric: input.metric,
          targetFiscalYear: input.targetFiscalYear,
          targetValue: input.targetValue,
          baselineDate: today,
          baselineValue,
          milestones: input.milestones ?? [],
        },
        actor.userId,
      );
      await this.audit.record(
        { actorId: actor.userId, requestId: actor.requestId, action: 'stats.target.set', targetType: 'scope', targetId: `${scope.type}:${scope.code}`, metadata: { ...input } },
        m,
      );
    });
    return this.get(actor, scopeType, code, today);
  }
}

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { OutboxService } from '@app/platform/outbox';
import { RegionsService } from '@app/regions';
import { tokyoDay } from '../domain/calendar';
import { METRICS, NATION_CODE, type ScopeType } from '../domain/metrics';
import { milestoneSchedule } from '../domain/targets';
import { KPI_MILESTONE_REACHED_TOPIC, MilestoneWatchQueue, type KpiMilestoneReachedPayload } from '../jobs/milestone-watch.jobs';
import { MilestoneWatchRepository, type WatchedTarget } from '../persistence/milestone-watch.repository';
import { CountsQueryService } from './counts-query.service';

/** Every hour at :20, Japan time. */
export const MILESTONE_WATCH_PATTERN = '20 * * * *';
const PAGE = 200;

/**
 * KPI milestones reached (PRODUCT.md §3.8): periodically, every target's 1/3/5-year milestones
 * (工程表, explicit or straight-line) are compared with the current count read through
 * `CountsQueryService`. A milestone above the baseline that the count now meets is recorded in
 * `kpi_milestones_reached` and `relationships.kpi_milestone_reached` is published in the same
 * transaction — once per target and milestone, however often the watch runs. Notifications tells
 * the scope's staff and HQ.
 */
@Injectable()
export class MilestoneWatchService implements OnApplicationBootstrap {
  private readonly logger = new Logger(MilestoneWatchService.name);

  constructor(
    private readonly repository: MilestoneWatchRepository,
    private readonly counts: CountsQueryService,
    private readonly outbox: OutboxService,
    private readonly regions: RegionsService,
    @InjectQueue(MilestoneWatchQueue.queue) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.MILESTONE_WATCH === 'off') return;
    try {
      await this.queue.upsertJobScheduler(
        'relationships-milestone-watch',
        { pattern: MILESTONE_WATCH_PATTERN, tz: 'Asia/Tokyo' },
        { name: 'relationships.milestone-watch', data: {}, opts: { attempts: 3, backoff: { type: 'exponential', delay: 60_000 } } },
      );
    } catch (e) {
      this.logger.warn(`milestone watch scheduler not registered: ${(e as Error).message}`);
    }
  }

  /** Checks every target on `now`'s Japan date; returns how many milestones were newly reached. */
  async check(now: Date = new Date()): Promise<number> {
    const date = tokyoDay(now);
    let reached = 0;
    let after: WatchedTarget | null = null;
    for (;;) {
      const targets = await this.repository.listTargets(after, PAGE);
      if (targets.length === 0) return reached;
      const actuals = await this.counts.batch(targets.map((t) => ({ metric: t.metric, scopeType: t.scopeType, code: t.scopeCode, date })));
      for (let i = 0; i < targets.length; i++) {
        const t = targets[i];
        const due = milestoneSchedule(t).filter((m) => m.value > t.baselineValue && actuals[i] >= m.value);
        if (due.length === 0) continue;
        const scopeName = await this.scopeName(t.scopeType, t.scopeCode);
        reached += await this.repository.transaction(async (m) => {
          let n = 0;
          for (const ms of due) {
            const fresh = await this.repository.recordReached(m, {
              scopeType: t.scopeType,
              scopeCode: t.scopeCode,
              metric: t.metric,
              fiscalYear: ms.fiscalYear,
              milestoneValue: ms.value,
              years: ms.years,
              actual: actuals[i],
              reachedOn: date,
            });
            if (!fresh) continue;
            const payload: KpiMilestoneReachedPayload = {
              scopeType: t.scopeType,
              scopeCode: t.scopeCode,
              scopeName,
              metric: t.metric,
              metricVersion: METRICS[t.metric].version,
              years: ms.years,
              fiscalYear: ms.fiscalYear,
              milestoneValue: ms.value,
              actual: actuals[i],
              reachedOn: date,
            };
            await this.outbox.publish(m, {
              topic: KPI_MILESTONE_REACHED_TOPIC,
              key: `kpi:${t.scopeType}:${t.scopeCode}:${t.metric}:${ms.fiscalYear}:${ms.value}`,
              payload: payload as unknown as Record<string, unknown>,
            });
            n++;
          }
          return n;
        });
      }
      if (targets.length < PAGE) return reached;
      after = targets[targets.length - 1];
    }
  }

  private async scopeName(type: ScopeType, code: string): Promise<string | null> {
    try {
      if (type === 'nation') return code === NATION_CODE ? '全国' : null;
      if (type === 'prefecture') return (await this.regions.getPrefecture(code)).name;
      if (type === 'municipality') return (await this.regions.resolveMunicipality(code)).municipality.name;
    } catch {
      // An unknown code keeps the notice readable with the template's fallback.
    }
    return null;
  }
}

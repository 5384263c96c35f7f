import { getQueueToken } from '@nestjs/bullmq';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformObservabilityModule } from '@app/platform/observability';
import { PlatformOutboxModule } from '@app/platform/outbox';
import { PlatformQueueModule, PlatformRedisModule } from '@app/platform/queue';
import { createTestDatabase, eventually, uniqueQueuePrefix, type TestDatabase } from '@app/platform/testing';
import { fiscalYearOf, tokyoDay } from '../domain/calendar';
import { KPI_MILESTONE_REACHED_TOPIC, MilestoneWatchQueue } from '../jobs/milestone-watch.jobs';
import { RelationshipsWorkerModule } from '../relationships.module';
import { CountsQueryService } from './counts-query.service';
import { MILESTONE_WATCH_PATTERN, MilestoneWatchService } from './milestone-watch.service';
import { RelationshipsService } from './relationships.service';

jest.setTimeout(60_000);

@Module({
  imports: [PlatformConfigModule, PlatformDatabaseModule, PlatformRedisModule, PlatformQueueModule, PlatformObservabilityModule, PlatformOutboxModule, RelationshipsWorkerModule],
})
class MilestoneTestModule {}

describe('KPI milestone watch (integration: PostgreSQL, Redis)', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, { DATABASE_URL: db.url, QUEUE_PREFIX: uniqueQueuePrefix() });
    app = await NestFactory.createApplicationContext(MilestoneTestModule, { logger: false });
    await app.init();
    ds = app.get<DataSource>(getDataSourceToken());
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const events = (): Promise<{ payload: Record<string, unknown> }[]> =>
    ds.query(`SELECT payload FROM outbox_events WHERE topic = $1 ORDER BY id`, [KPI_MILESTONE_REACHED_TOPIC]);

  it('publishes relationships.kpi_milestone_reached once when a count first meets a milestone above the baseline', async () => {
    const today = tokyoDay(new Date());
    const base = fiscalYearOf(today);
    const target = (scopeType: string, code: string, baselineValue: number, milestones: { fiscalYear: number; value: number }[]) =>
      ds.query(
        `INSERT INTO count_targets (scope_type, scope_code, metric, target_fiscal_year, target_value, baseline_date, baseline_value, milestones)
         VALUES ($1, $2, 'real_persons', $3, 10, $4, $5, $6::jsonb)`,
        [scopeType, code, base + 5, today, baselineValue, JSON.stringify(milestones)],
      );
    await target('municipality', '132012', 0, [{ fiscalYear: base + 1, value: 2 }, { fiscalYear: base + 3, value: 5 }]);
    // A milestone at or below the baseline is no news: never published.
    await target('prefecture', '13', 2, [{ fiscalYear: base + 1, value: 2 }]);

    const watch = app.get(MilestoneWatchService);
    expect(await watch.check()).toBe(0);

    const relationships = app.get(RelationshipsService);
    const registeredAt = new Date(Date.now() - 86_400_000).toISOString();
    for (let i = 0; i < 2; i++) {
      await relationships.recordRegistration({ registrationId: randomUUID(), userId: randomUUID(), municipalityCode: '132012', registeredAt });
    }
    const counts = app.get(CountsQueryService);
    await eventually(async () => (await counts.value('real_persons', 'municipality', '132012', { date: today })) >= 2, 10_000);
    expect(await counts.value('real_persons', 'municipality', '132012', { date: today })).toBe(2);

    expect(await watch.check()).toBe(1);
    expect(await watch.check()).toBe(0);
    const published = await events();
    expect(published).toHaveLength(1);
    expect(published[0].payload).toMatchObject({
      scopeType: 'municipality',
      scopeCode: '132012',
      scopeName: '八王子市',
      metric: 'real_persons',
      years: 1,
      fiscalYear: base + 1,
      milestoneValue: 2,
      actual: 2,
      reachedOn: today,
    });
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM kpi_milestones_reached`);
    expect(n).toBe(1);

    const schedulers = await app.get<Queue>(getQueueToken(MilestoneWatchQueue.queue)).getJobSchedulers();
    expect(schedulers.find((j) => j.key === 'relationships-milestone-watch')).toMatchObject({ pattern: MILESTONE_WATCH_PATTERN, tz: 'Asia/Tokyo' });
  });
});

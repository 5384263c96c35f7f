import { defineQueue } from '@app/platform/queue';

/**
 * The KPI milestone watch: a periodic job (BullMQ job scheduler) that compares each target's
 * 1/3/5-year milestones with the current count. A queue of its own, so the counting queue's
 * handlers stay as they are. Names never change once shipped.
 */
export const MilestoneWatchQueue = defineQueue('relationships-milestones', ['relationships.milestone-watch'] as const);
export type MilestoneWatchJobName = (typeof MilestoneWatchQueue.jobs)[number];

/** The topic published (through the outbox) when a milestone is first reached. */
export const KPI_MILESTONE_REACHED_TOPIC = 'relationships.kpi_milestone_reached';

/** Payload of `relationships.kpi_milestone_reached`: aggregates only, no personal data. */
export interface KpiMilestoneReachedPayload {
  scopeType: string;
  scopeCode: string;
  scopeName: string | null;
  metric: string;
  metricVersion: number;
  years: number;
  fiscalYear: number;
  milestoneValue: number;
  actual: number;
  reachedOn: string;
}

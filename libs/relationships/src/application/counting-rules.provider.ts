import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import { REGION_DEFINITIONS } from '@app/regions';
import { buildRegionIndex, type RegionIndex } from '../domain/metrics';
import type { CountingRules } from '../domain/person-history';

export const COUNTING_RULES = Symbol('COUNTING_RULES');
export const REGION_INDEX = Symbol('REGION_INDEX');

export interface CountingConfig extends CountingRules {
  suppressionK: number;
}

/** RELATIONSHIP_ACTIVITY_MONTHS and SUPPRESSION_K come from configuration, never constants. */
export const countingRulesProvider = {
  provide: COUNTING_RULES,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Env, true>): CountingConfig => ({
    activityMonths: Number(config.get('RELATIONSHIP_ACTIVITY_MONTHS', { infer: true }) ?? 12),
    suppressionK: Number(config.get('SUPPRESSION_K', { infer: true }) ?? 10),
  }),
};

/** Prefecture → 八地方区分 and 広域地方計画区域 scopes (facts shipped with the regions context). */
export const regionIndexProvider = {
  provide: REGION_INDEX,
  useFactory: (): RegionIndex => buildRegionIndex(REGION_DEFINITIONS),
};

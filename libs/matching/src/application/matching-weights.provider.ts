import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import { parseWeightOverrides, resolveWeights, type MatchingWeights } from '../domain/weights';

export const MATCHING_WEIGHTS = Symbol('MATCHING_WEIGHTS');

/** domain/weights.ts defaults, overridden by the MATCHING_WEIGHTS JSON (a bad value stops start-up). */
export const matchingWeightsProvider = {
  provide: MATCHING_WEIGHTS,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Env, true>): MatchingWeights =>
    resolveWeights(parseWeightOverrides(config.get('MATCHING_WEIGHTS', { infer: true }))),
};

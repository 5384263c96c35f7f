import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import type { RegistrationRules } from '../domain/furusato-registration';

export const REGISTRATION_RULES = Symbol('REGISTRATION_RULES');

/** Caps and thresholds come from configuration (REGISTRATION_BASIC_CAP, PREMIUM_*), never constants. */
export const registrationRulesProvider = {
  provide: REGISTRATION_RULES,
  inject: [ConfigService],
  useFactory: (config: ConfigService<Env, true>): RegistrationRules => ({
    basicCap: config.get('REGISTRATION_BASIC_CAP', { infer: true }) ?? null,
    premiumMinActivities: config.get('PREMIUM_MIN_ACTIVITIES', { infer: true }),
    premiumMaxMunicipalities: config.get('PREMIUM_MAX_MUNICIPALITIES', { infer: true }),
  }),
};

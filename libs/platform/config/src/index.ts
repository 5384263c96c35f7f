export { PlatformConfigModule } from './config.module';
export { EnvSchema, validateEnv, EnvValidationError } from './env.schema';
export type { Env } from './env.schema';

import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { validateEnv } from './env.schema';

/**
 * Validates the environment when the application is created (not when this file is imported,
 * which `ConfigModule.forRoot` would do) and exposes it through `ConfigService<Env, true>`.
 * A bad or missing value stops the process and names the variable.
 */
@Global()
@Module({
  providers: [
    {
      provide: ConfigService,
      useFactory: () => new ConfigService({ ...validateEnv(process.env) }),
    },
  ],
  exports: [ConfigService],
})
export class PlatformConfigModule {}

import { Module } from '@nestjs/common';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { RegionsModule } from '@app/regions';
import { DemoSeeder } from './demo.seeder';

/** Operator commands: migrate, seed, import, recount… (no HTTP, no queue consumers). */
@Module({
  imports: [PlatformConfigModule, PlatformDatabaseModule, RegionsModule],
  providers: [DemoSeeder],
})
export class CliModule {}

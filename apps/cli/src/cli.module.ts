import { Module } from '@nestjs/common';
import { PlatformConfigModule } from '@app/platform/config';
import { PlatformDatabaseModule } from '@app/platform/database';
import { PlatformOutboxModule } from '@app/platform/outbox';
import { RegionsModule } from '@app/regions';
import { ProjectsModule } from '@app/projects';
import { RelationshipsCoreModule } from '@app/relationships';
import { IdentityModule } from '@app/identity';
import { OrganizationsModule } from '@app/organizations';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoRelationshipsSeeder } from './demo-relationships.seeder';
import { DemoSeeder } from './demo.seeder';

/** Operator commands: migrate, seed, import, recount… (no HTTP, no queue consumers). */
@Module({
  imports: [PlatformConfigModule, PlatformDatabaseModule, RegionsModule, PlatformOutboxModule, RelationshipsCoreModule, IdentityModule, OrganizationsModule, ProjectsModule],
  providers: [DemoSeeder, DemoAccountsSeeder, DemoRelationshipsSeeder],
})
export class CliModule {}

import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import { RegionsService } from '@app/regions';
import { ProjectsDemoSeeder } from '@app/projects';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoRelationshipsSeeder } from './demo-relationships.seeder';

/** Demo data for a fresh platform; idempotent, safe to run on every start. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly config: ConfigService<Env, true>,
    private readonly regions: RegionsService,
    private readonly projects: ProjectsDemoSeeder,
    private readonly accounts: DemoAccountsSeeder,
    private readonly demoRelationships: DemoRelationshipsSeeder,
  ) {}

  async run(): Promise<void> {
    const result = await this.regions.syncMasterData();
    this.logger.log(`regions: ${result.prefectures} prefectures, ${result.municipalities} municipalities`);
    // Test databases start without demo data (each test creates what it asserts on), and
    // production gets master data only unless SEED_DEMO=true.
    const nodeEnv = this.config.get('NODE_ENV', { infer: true });
    const explicit = this.config.get('SEED_DEMO', { infer: true });
    const demo = explicit === undefined ? nodeEnv === 'development' : explicit === 'true';
    if (demo) {
      const projects = await this.projects.seed();
      this.logger.log(`projects: ${projects.inserted} demo projects added (${projects.total} in the demo set)`);
      await this.accounts.seed();
      await this.demoRelationships.seed();
    }
  }
}

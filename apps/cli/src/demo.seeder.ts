import { Injectable, Logger } from '@nestjs/common';
import { RegionsService } from '@app/regions';
import { ProjectsDemoSeeder } from '@app/projects';
import { DemoAccountsSeeder } from './demo-accounts.seeder';
import { DemoRelationshipsSeeder } from './demo-relationships.seeder';

/** Demo data for a fresh platform; idempotent, safe to run on every start. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly regions: RegionsService,
    private readonly projects: ProjectsDemoSeeder,
    private readonly accounts: DemoAccountsSeeder,
    private readonly demoRelationships: DemoRelationshipsSeeder,
  ) {}

  async run(): Promise<void> {
    const result = await this.regions.syncMasterData();
    this.logger.log(`regions: ${result.prefectures} prefectures, ${result.municipalities} municipalities`);
    // Test databases start without demo projects: each test creates the projects it asserts on.
    if (process.env.NODE_ENV !== 'test') {
      const projects = await this.projects.seed();
      this.logger.log(`projects: ${projects.inserted} demo projects added (${projects.total} in the demo set)`);
      await this.accounts.seed();
      await this.demoRelationships.seed();
    }
  }
}

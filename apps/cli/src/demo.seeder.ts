import { Injectable, Logger } from '@nestjs/common';
import { RegionsService } from '@app/regions';

/** Demo data for a fresh platform; idempotent, safe to run on every start. */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(private readonly regions: RegionsService) {}

  async run(): Promise<void> {
    const result = await this.regions.syncMasterData();
    this.logger.log(`regions: ${result.prefectures} prefectures, ${result.municipalities} municipalities`);
  }
}

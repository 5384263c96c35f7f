import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ParticipantsModule } from '@app/participants';
import { IdentityModule } from '@app/identity';
import { OrganizationsModule } from '@app/organizations';
import { RegionsModule } from '@app/regions';
import { TargetsService } from './application/targets.service';
import { ExportService } from './application/export.service';
import { TargetsController } from './http/targets.controller';
import { TargetsRepository } from './persistence/targets.repository';
import { StatsService } from './application/stats.service';
import { StatsController } from './http/stats.controller';
import { CustomRegionsController } from './http/custom-regions.controller';
import { CustomRegionsService } from './application/custom-regions.service';
import { CountsCompactorService } from './application/counts-compactor.service';
import { PendingApplierService } from './application/pending-applier.service';
import { CountsQueryService } from './application/counts-query.service';
import { countingRulesProvider, regionIndexProvider } from './application/counting-rules.provider';
import { RecountService } from './application/recount.service';
import { RelationshipsService } from './application/relationships.service';
import { RelationshipsProcessor } from './jobs/relationships.processor';
import { RelationshipsQueue } from './jobs/relationships.jobs';
import { MilestoneWatchService } from './application/milestone-watch.service';
import { MilestoneWatchQueue } from './jobs/milestone-watch.jobs';
import { MilestoneWatchProcessor } from './jobs/milestone-watch.processor';
import { MilestoneWatchRepository } from './persistence/milestone-watch.repository';
import { CountsRepository } from './persistence/counts.repository';
import { LedgerRepository } from './persistence/ledger.repository';
import { CustomRegionsRepository } from './persistence/custom-regions.repository';
import { RegionIndexRegistry } from './application/region-index.registry';
import './relationships.errors';

const core = [
  LedgerRepository,
  CustomRegionsRepository,
  RegionIndexRegistry,
  CountsRepository,
  countingRulesProvider,
  regionIndexProvider,
  RelationshipsService,
  CountsQueryService,
  RecountService,
];

/** The counting engine without HTTP or queue consumers (CLI, tests, benchmarks). */
@Module({
  imports: [ParticipantsModule],
  providers: core,
  exports: core,
})
export class RelationshipsCoreModule {}

/** Worker side: consumes registrations, activities and deletions; folds deltas. */
@Module({
  imports: [RelationshipsCoreModule, BullModule.registerQueue({ name: RelationshipsQueue.queue }), RegionsModule, BullModule.registerQueue({ name: MilestoneWatchQueue.queue })],
  providers: [RelationshipsProcessor, CountsCompactorService, PendingApplierService, MilestoneWatchRepository, MilestoneWatchService, MilestoneWatchProcessor],
})
export class RelationshipsWorkerModule {}

/** API side: HQ statistics and targets. */
@Module({
  imports: [RelationshipsCoreModule, RegionsModule, IdentityModule, OrganizationsModule],
  controllers: [StatsController, TargetsController, CustomRegionsController],
  providers: [StatsService, TargetsService, TargetsRepository, ExportService, CustomRegionsService],
})
export class RelationshipsModule {}

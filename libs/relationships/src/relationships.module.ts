import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ParticipantsModule } from '@app/participants';
import { CountsCompactorService } from './application/counts-compactor.service';
import { CountsQueryService } from './application/counts-query.service';
import { countingRulesProvider, regionIndexProvider } from './application/counting-rules.provider';
import { RecountService } from './application/recount.service';
import { RelationshipsService } from './application/relationships.service';
import { RelationshipsProcessor } from './jobs/relationships.processor';
import { RelationshipsQueue } from './jobs/relationships.jobs';
import { CountsRepository } from './persistence/counts.repository';
import { LedgerRepository } from './persistence/ledger.repository';
import './relationships.errors';

const core = [
  LedgerRepository,
  CountsRepository,
  countingRulesProvider,
  regionIndexProvider,
  RelationshipsService,
  CountsQueryService,
  RecountService,
  CountsCompactorService,
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
  imports: [RelationshipsCoreModule, BullModule.registerQueue({ name: RelationshipsQueue.queue })],
  providers: [RelationshipsProcessor],
})
export class RelationshipsWorkerModule {}

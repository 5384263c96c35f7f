/** Relationships context: the counting engine (関係人口 実人数/延べ人数), HQ statistics and targets. */
import './relationships.errors';
export { RelationshipsCoreModule, RelationshipsModule, RelationshipsWorkerModule } from './relationships.module';
export { RelationshipsService } from './application/relationships.service';
export type {
  ActivityInput,
  ApplyResult,
  EndPersonInput,
  PremiumInput,
  ProfileHint,
  RecordResult,
  RegistrationInput,
  WithdrawalInput,
} from './application/relationships.service';
export { CountsQueryService } from './application/counts-query.service';
export type { Period } from './application/counts-query.service';
export { RecountService } from './application/recount.service';
export type { VerifyReport, CountDifference } from './application/recount.service';
export { CountsCompactorService } from './application/counts-compactor.service';
export { PendingApplierService } from './application/pending-applier.service';
export { RelationshipsQueue, RelationshipInputTopics } from './jobs/relationships.jobs';
export type { RelationshipsJobName } from './jobs/relationships.jobs';
export { RelationshipsProcessor } from './jobs/relationships.processor';
export { RelationshipsErrorCode, relationshipsErrors } from './relationships.errors';
export { METRICS, METRIC_IDS, SCOPE_TYPES, NATION_CODE } from './domain/metrics';
export type { MetricId, ScopeType, ScopeRef } from './domain/metrics';
export { tokyoDay, fiscalYearOf } from './domain/calendar';

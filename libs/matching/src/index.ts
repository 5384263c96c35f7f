/** Matching context: recommendations with reasons (PRODUCT.md §3.4). */
import './matching.errors';
export { MatchingModule } from './matching.module';
export { RecommendationsService, CANDIDATE_CAP } from './application/recommendations.service';
export type { Recommendation } from './application/recommendations.service';
export { NewProjectMatchesService } from './application/new-project-matches.service';
export type { NewProjectMatch } from './application/new-project-matches.service';
export { scoreCandidate, rankCandidates, normalizeSkill, prefectureOf, REASON_CODES } from './domain/scoring';
export type { MatchProfile, MatchCandidate, MatchReason, MatchResult, ReasonCode, RankedCandidate } from './domain/scoring';
export { DEFAULT_MATCHING_WEIGHTS, parseWeightOverrides, resolveWeights } from './domain/weights';
export type { MatchingWeights } from './domain/weights';
export { MatchingErrorCode, matchingErrors, ScoutingErrorCode, scoutingErrors } from './matching.errors';
export { SCOUT_INVITATION_CREATED_TOPIC, SCOUT_INVITATION_ANSWERED_TOPIC } from './application/scouting.service';
export type { ScoutCandidate, StaffInvitationView, MyInvitationView } from './application/scouting.service';

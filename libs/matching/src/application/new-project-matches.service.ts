import { Inject, Injectable } from '@nestjs/common';
import { ParticipantsService, type ProfileView } from '@app/participants';
import { ParticipationService } from '@app/participation';
import { ProjectsService, type ProjectForMatching } from '@app/projects';
import { scoreCandidate, scoreOnly, type MatchCandidate, type MatchProfile, type ReasonCode } from '../domain/scoring';
import type { MatchingWeights } from '../domain/weights';
import { MATCHING_WEIGHTS } from './matching-weights.provider';

/** Open projects read per call: the newest published first, so a week's new ones are all among them. */
const NEW_PROJECTS_CAP = 5000;

/**
 * Reasons that say the project fits the person (their skills, interests, places, way of taking
 * part). Urgency and freshness are about the project and fit everyone, so alone they are no match.
 */
const PERSONAL_REASONS: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'skill_match',
  'interest_category',
  'hometown',
  'hometown_area',
  'past_activity',
  'past_activity_area',
  'registered',
  'interest_region',
  'near_residence',
  'remote_ok',
]);

export interface NewProjectMatch {
  projectId: string;
  title: string;
  score: number;
  /** Personal reasons, strongest first (ja/en labels as in recommendations). */
  reasons: { code: ReasonCode; ja: string; en: string }[];
}

type Candidate = MatchCandidate & { title: string };

function toMatchProfile(p: ProfileView): MatchProfile {
  return {
    skills: p.skills,
    interests: p.interests,
    residenceMunicipalityCode: p.residenceMunicipalityCode,
    hometownMunicipalityCode: p.hometownMunicipalityCode,
    interestPrefectureCodes: p.interestRegionCodes,
    modes: p.modes,
    availability: p.availability,
    participantType: p.participantType,
    activityCounts: {},
    registeredMunicipalityCodes: [],
  };
}

/**
 * New projects for many participants at once (the weekly digest of notifications): open projects
 * published in [since, until), with seats left, that fit each person's profile by at least one
 * personal reason. One read of the projects, one of the profiles and one of the seats per call,
 * whatever the number of participants; scoring is in memory with the recommendation weights.
 */
@Injectable()
export class NewProjectMatchesService {
  constructor(
    private readonly participants: ParticipantsService,
    private readonly participation: ParticipationService,
    private readonly projects: ProjectsService,
    @Inject(MATCHING_WEIGHTS) private readonly weights: MatchingWeights,
  ) {}

  /**
   * For each participant with a profile and at least one match: up to `limit` matching projects,
   * best first, leaving out projects they have already applied to. Participants with none are
   * absent from the map (no empty digests).
   */
  async matchNewProjects(
    userIds: readonly string[],
    window: { since: Date; until: Date },
    limit: number,
    now = new Date(),
  ): Promise<Map<string, NewProjectMatch[]>> {
    const result = new Map<string, NewProjectMatch[]>();
    if (userIds.length === 0) return result;
    const open = await this.projects.listOpenForMatching({ prefectureCodes: [], categories: [], skills: [], includeRemote: false }, now, NEW_PROJECTS_CAP);
    const fresh = open.filter((p) => p.publishedAt && p.publishedAt >= window.since && p.publishedAt < window.until);
    if (fresh.length === 0) return result;
    const freshIds = fresh.map((p) => p.id);
    const [profiles, taken, applied] = await Promise.all([
      this.participants.getProfiles(userIds),
      this.participation.seatsTakenFor(freshIds),
      this.participation.appliedPairs(userIds, freshIds),
    ]);
    const candidates: Candidate[] = fresh
      .map((p: ProjectForMatching) => ({ ...p, seatsLeft: p.capacity - (taken.get(p.id) ?? 0) }))
      .filter((c) => c.seatsLeft > 0);
    const max = Math.max(1, limit);
    for (const profile of profiles) {
      const mp = toMatchProfile(profile);
      // Score everything cheaply, best first; explain (build reasons) only until `limit` fit.
      const ranked = candidates
        .map((c) => ({ c, score: scoreOnly(mp, c, now, this.weights) }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score || (a.c.id < b.c.id ? -1 : 1));
      const matches: NewProjectMatch[] = [];
      for (const { c, score } of ranked) {
        if (applied.has(`${profile.userId}:${c.id}`)) continue; // already applied: nothing new to them
        const personal = scoreCandidate(mp, c, now, this.weights).reasons.filter((x) => PERSONAL_REASONS.has(x.code));
        if (personal.length > 0) matches.push({ projectId: c.id, title: c.title, score, reasons: personal.map(({ code, ja, en }) => ({ code, ja, en })) });
        if (matches.length === max) break;
      }
      if (matches.length > 0) result.set(profile.userId, matches);
    }
    return result;
  }
}

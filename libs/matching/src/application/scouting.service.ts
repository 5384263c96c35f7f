import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AuditLogService, type Actor } from '@app/identity';
import type { Env } from '@app/platform/config';
import { isUniqueViolation } from '@app/platform/database';
import { AppError } from '@app/platform/errors';
import { OutboxService } from '@app/platform/outbox';
import { ParticipantsService, type ProfileView } from '@app/participants';
import { ProjectsService } from '@app/projects';
import { prefectureOf, scoreCandidate, type MatchCandidate, type MatchReason } from '../domain/scoring';
import type { MatchingWeights } from '../domain/weights';
import { ScoutingErrorCode } from '../matching.errors';
import type { ScoutInvitationEntity, ScoutInvitationStatus } from '../persistence/scout-invitation.entity';
import { ScoutInvitationsRepository } from '../persistence/scout-invitations.repository';
import { CandidatePseudonyms } from './candidate-pseudonyms';
import { MATCHING_WEIGHTS } from './matching-weights.provider';

export const SCOUT_INVITATION_CREATED_TOPIC = 'matching.invitation.created';
export const SCOUT_INVITATION_ANSWERED_TOPIC = 'matching.invitation.answered';

export interface ScoutCandidate {
  candidateId: string;
  pseudonym: string;
  score: number;
  reasons: MatchReason[];
  skills: string[];
  interests: string[];
  modes: string[];
  availability: string[];
  participantType: string;
  residencePrefectureCode: string;
}

export interface StaffInvitationView {
  id: string;
  projectId: string;
  pseudonym: string;
  status: ScoutInvitationStatus;
  createdAt: Date;
  respondedAt: Date | null;
  /** Only once the participant accepted. */
  participant: { userId: string; displayName: string } | null;
}

export interface MyInvitationView {
  id: string;
  projectId: string;
  projectTitle: string;
  message: string | null;
  status: ScoutInvitationStatus;
  createdAt: Date;
  respondedAt: Date | null;
}

const CANDIDATE_POOL = 500;

/**
 * Scouting (PRODUCT.md §3.4): host staff see pseudonymous candidates among participants who
 * consented to be scouted, invite them (rate-limited per project), and learn who they are only
 * when the participant accepts.
 */
@Injectable()
export class ScoutingService {
  private readonly pseudonyms: CandidatePseudonyms;
  private readonly perDay: number;

  constructor(
    private readonly repository: ScoutInvitationsRepository,
    private readonly projects: ProjectsService,
    private readonly participants: ParticipantsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditLogService,
    @Inject(MATCHING_WEIGHTS) private readonly weights: MatchingWeights,
    config: ConfigService<Env, true>,
  ) {
    this.pseudonyms = new CandidatePseudonyms(config.get('JWT_SECRET', { infer: true }));
    this.perDay = config.get('SCOUT_INVITATIONS_PER_PROJECT_PER_DAY', { infer: true });
  }

  async listCandidates(actor: Actor, projectId: string, limit: number, now = new Date()): Promise<ScoutCandidate[]> {
    await this.projects.assertStaffCanManage(actor, projectId);
    const project = await this.projects.getVisible(projectId, actor);
    const [profiles, invited] = await Promise.all([
      this.participants.listScoutableProfiles(
        { prefectureCodes: project.prefectureCodes, skills: project.requiredSkills, categories: [project.category] },
        CANDIDATE_POOL,
      ),
      this.repository.invitedParticipantIds(projectId),
    ]);
    const skip = new Set(invited);
    const candidate: MatchCandidate = {
      id: project.id,
      category: project.category,
      tags: project.tags,
      requiredSkills: project.requiredSkills,
      mode: project.mode,
      municipalityCodes: [project.hostMunicipalityCode, ...project.coHostMunicipalityCodes],
      prefectureCodes: project.prefectureCodes,
      startsAt: new Date(project.startsAt),
      endsAt: new Date(project.endsAt),
      applicationDeadline: new Date(project.applicationDeadline),
      capacity: project.capacity,
      seatsLeft: project.capacity, // seats do not change a person's fit
      publishedAt: project.publishedAt ? new Date(project.publishedAt) : null,
    };
    return profiles
      .filter((p) => !skip.has(p.userId) && p.userId !== actor.userId)
      .map((p) => ({ p, result: scoreCandidate(toMatchProfile(p), candidate, now, this.weights) }))
      .filter((x) => x.result.score > 0)
      .sort((a, b) => b.result.score - a.result.score)
      .slice(0, limit)
      .map(({ p, result }) => ({
        candidateId: this.pseudonyms.seal(projectId, p.userId),
        pseudonym: this.pseudonyms.label(projectId, p.userId),
        score: result.score,
        // Urgency reasons are about the project, not the person.
        reasons: result.reasons.filter((r) => !['deadline_soon', 'few_seats_left', 'new'].includes(r.code)),
        skills: p.skills,
        interests: p.interests,
        modes: p.modes,
        availability: p.availability,
        participantType: p.participantType,
        residencePrefectureCode: prefectureOf(p.residenceMunicipalityCode),
      }));
  }

  async invite(actor: Actor, projectId: string, candidateId: string, message: string | null, now = new Date()): Promise<StaffInvitationView> {
    await this.projects.assertStaffCanManage(actor, projectId);
    const project = await this.projects.getProjectForParticipation(projectId);
    if (!project || project.status !== 'published') throw new AppError(ScoutingErrorCode.SCOUT_PROJECT_NOT_OPEN);
    const participantId = this.pseudonyms.open(projectId, candidateId);
    if (!participantId || !(await this.participants.isScoutable(participantId))) {
      throw new AppError(ScoutingErrorCode.SCOUT_CANDIDATE_NOT_FOUND);
    }
    const row = await this.repository.transaction(async (m) => {
      await this.repository.lockProject(m, projectId);
      const sent = await this.repository.countSentSince(m, projectId, new Date(now.getTime() - 86_400_000));
      if (sent >= this.perDay) throw new AppError(ScoutingErrorCode.SCOUT_RATE_LIMITED, { limit: this.perDay });
      let inserted: ScoutInvitationEntity | null;
      try {
        inserted = await this.repository.insertIfAbsent(m, { projectId, participantId, invitedBy: actor.userId, message });
      } catch (e) {
        if (isUniqueViolation(e)) inserted = null;
        else throw e;
      }
      if (!inserted) throw new AppError(ScoutingErrorCode.SCOUT_ALREADY_INVITED);
      await this.outbox.publish(m, {
        topic: SCOUT_INVITATION_CREATED_TOPIC,
        key: inserted.id,
        payload: { invitationId: inserted.id, projectId, participantId, projectTitle: project.title },
      });
      return inserted;
    });
    return this.staffView(row, null);
  }

  async listInvitations(actor: Actor, projectId: string, limit: number): Promise<StaffInvitationView[]> {
    await this.projects.assertStaffCanManage(actor, projectId);
    const rows = await this.repository.listForProject(projectId, limit);
    const views: StaffInvitationView[] = [];
    const revealed: string[] = [];
    for (const r of rows) {
      let participant: StaffInvitationView['participant'] = null;
      if (r.status === 'accepted') {
        const profile = await this.participants.getProfile(r.participantId);
        participant = { userId: r.participantId, displayName: profile?.displayName ?? '' };
        revealed.push(r.participantId);
      }
      views.push(this.staffView(r, participant));
    }
    if (revealed.length > 0) {
      await this.audit.record({
        actorId: actor.userId,
        requestId: actor.requestId,
        action: 'matching.scouted_participants.viewed',
        targetType: 'project',
        targetId: projectId,
        metadata: { participantIds: revealed },
      });
    }
    return views;
  }

  async listMine(participantId: string, limit: number): Promise<MyInvitationView[]> {
    const rows = await this.repository.listForParticipant(participantId, limit);
    return Promise.all(rows.map((r) => this.myView(r)));
  }

  async answer(participantId: string, invitationId: string, status: 'accepted' | 'declined'): Promise<MyInvitationView> {
    if (!/^[0-9a-f-]{36}$/i.test(invitationId)) throw new AppError(ScoutingErrorCode.SCOUT_INVITATION_NOT_FOUND);
    const row = await this.repository.transaction(async (m) => {
      const updated = await this.repository.answer(m, participantId, invitationId, status);
      if (!updated) return null;
      await this.outbox.publish(m, {
        topic: SCOUT_INVITATION_ANSWERED_TOPIC,
        key: `${updated.id}:${status}`,
        payload: { invitationId: updated.id, projectId: updated.projectId, participantId, status },
      });
      return updated;
    });
    if (row) return this.myView(row);
    const own = await this.repository.findOwn(participantId, invitationId);
    throw new AppError(own ? ScoutingErrorCode.SCOUT_INVITATION_ALREADY_ANSWERED : ScoutingErrorCode.SCOUT_INVITATION_NOT_FOUND);
  }

  private staffView(r: ScoutInvitationEntity, participant: StaffInvitationView['participant']): StaffInvitationView {
    return {
      id: r.id,
      projectId: r.projectId,
      pseudonym: this.pseudonyms.label(r.projectId, r.participantId),
      status: r.status,
      createdAt: r.createdAt,
      respondedAt: r.respondedAt,
      participant,
    };
  }

  private async myView(r: ScoutInvitationEntity): Promise<MyInvitationView> {
    const project = await this.projects.getProjectForParticipation(r.projectId);
    return {
      id: r.id,
      projectId: r.projectId,
      projectTitle: project?.title ?? '',
      message: r.message,
      status: r.status,
      createdAt: r.createdAt,
      respondedAt: r.respondedAt,
    };
  }
}

function toMatchProfile(p: ProfileView) {
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

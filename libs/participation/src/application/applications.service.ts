import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError } from '@app/platform/errors';
import { isUniqueViolation } from '@app/platform/database';
import { OutboxService } from '@app/platform/outbox';
import { AuditLogService, IdentityService, type Actor, type AuditEntry } from '@app/identity';
import { ParticipantsService } from '@app/participants';
import { ProjectsService } from '@app/projects';
import type { ApplicationState } from '../domain/application-state';
import { applyRefusal, projectMunicipalities, type ProjectSnapshot } from '../domain/apply-policy';
import { ApplicationRepository, type ApplicationRecord } from '../persistence/application.repository';
import { IdempotencyRepository, type StoredResponse } from '../persistence/idempotency.repository';
import { ParticipationErrorCode } from '../participation.errors';
import { applicationStateEvent } from './application-events';
import { ApplicationLifecycleService } from './application-lifecycle.service';
import {
  applicationViewFromJson,
  decodeCursor,
  encodeCursor,
  toApplicationView,
  type ApplicationView,
  type Page,
  type StaffApplicationView,
} from './application-views';

export interface ApplyResult {
  status: number;
  body: ApplicationView;
  /** True when the response was replayed from a stored Idempotency-Key record. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,255}$/;

/** Applying (idempotent), reading and listing applications. */
@Injectable()
export class ApplicationsService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly idempotency: IdempotencyRepository,
    private readonly lifecycle: ApplicationLifecycleService,
    private readonly outbox: OutboxService,
    private readonly projects: ProjectsService,
    private readonly participants: ParticipantsService,
    private readonly identity: IdentityService,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * A participant applies to a published project before its deadline. With an Idempotency-Key,
   * a repeated request (also a concurrent one) gets the first request's status and body.
   */
  async apply(actor: Actor, projectId: string, input: { motivation?: string | null }, idempotencyKey?: string): Promise<ApplyResult> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new AppError(ParticipationErrorCode.IDEMPOTENCY_KEY_INVALID);
    }
    const motivation = input.motivation ?? null;
    // Only a keyed request is ever compared with a stored one.
    const requestHash = idempotencyKey ? createHash('sha256').update(JSON.stringify({ projectId, motivation })).digest('hex') : '';
    if (idempotencyKey) {
      const stored = await this.idempotency.findLive(actor.userId, idempotencyKey);
      if (stored) return replay(stored, requestHash);
    }
    try {
      return await this.applications.transaction(async (m) => {
        if (idempotencyKey && !(await this.idempotency.claim(m, actor.userId, idempotencyKey, requestHash))) {
          // A concurrent duplicate committed first: we waited for it on the key, now replay it.
          const stored = await this.idempotency.findLive(actor.userId, idempotencyKey, m);
          if (!stored) throw new AppError(ParticipationErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS);
          return replay(stored, requestHash);
        }
        const app = await this.applications.insertApplied(m, { projectId, participantId: actor.userId, motivation });
        // Read after the insert took the project's apply lock: a cancellation committed before
        // is seen here (and this transaction rolls back); one committed later sweeps this
        // application, because its sweep waits for the lock.
        assertAcceptingApplications(await this.lifecycle.project(projectId, m), new Date());
        await this.outbox.publish(m, applicationStateEvent(app, null, 'participant'));
        const body = toApplicationView(app);
        if (idempotencyKey) await this.idempotency.saveResponse(m, actor.userId, idempotencyKey, 201, body);
        return { status: 201, body, replayed: false };
      });
    } catch (e) {
      if (isUniqueViolation(e, 'uq_applications_project_id_participant_id')) {
        throw new AppError(ParticipationErrorCode.ALREADY_APPLIED);
      }
      throw e;
    }
  }

  /** The owner or staff who can manage the project; anyone else gets 404. */
  async getForActor(actor: Actor, applicationId: string): Promise<ApplicationView> {
    const app = await this.applications.findById(applicationId);
    if (!app) throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);
    if (app.participantId === actor.userId) return toApplicationView(app);
    if (actor.role === 'participant' || actor.role === 'company_admin' || actor.role === 'hq_analyst') {
      throw new AppError(ParticipationErrorCode.APPLICATION_NOT_FOUND);
    }
    await this.assertStaffScope(actor, app.projectId);
    return toApplicationView(app);
  }

  async listMine(actor: Actor, query: { cursor?: string; limit: number }): Promise<Page<ApplicationView>> {
    const rows = await this.applications.listByParticipant(actor.userId, decodeCursor(query.cursor), query.limit + 1);
    return page(rows, query.limit, toApplicationView);
  }

  /**
   * Applicants of a project for its host/co-host staff. Contact data (email, display name) only
   * where the participant consented to share it with one of the project's municipalities in the
   * reader's scope; every such read is audit-logged (`personal_data.read`).
   */
  async listForStaff(
    actor: Actor,
    projectId: string,
    query: { cursor?: string; limit: number; state?: ApplicationState },
  ): Promise<Page<StaffApplicationView>> {
    await this.assertStaffScope(actor, projectId);
    const project = await this.lifecycle.project(projectId);
    if (!project) throw new AppError(ParticipationErrorCode.APPLICATION_PROJECT_NOT_FOUND);
    const rows = await this.applications.listByProject(projectId, decodeCursor(query.cursor), query.limit + 1, query.state);
    const items = rows.slice(0, query.limit);
    const hosts = projectMunicipalities(project);
    const mine = hosts.filter((c) => actor.municipalityCodes.includes(c));
    const consentCodes = mine.length > 0 ? mine : [project.hostMunicipalityCode];
    // A page costs a constant number of queries: consents, contacts and audit rows in one each.
    const consented = await this.participants.getContactConsents([...new Set(items.map((a) => a.participantId))], consentCodes);
    const contacts = await this.identity.getContacts([...consented].filter(([, code]) => code !== null).map(([id]) => id));
    const reads: AuditEntry[] = [];
    const views = items.map((app): StaffApplicationView => {
      const view = toApplicationView(app);
      const consentedCode = consented.get(app.participantId);
      const contact = contacts.get(app.participantId);
      if (!consentedCode || !contact) return { ...view, contactShared: false, contact: null };
      reads.push({
        actorId: actor.userId,
        requestId: actor.requestId,
        action: 'personal_data.read',
        targetType: 'participant',
        targetId: app.participantId,
        metadata: { projectId, applicationId: app.id, municipalityCode: consentedCode, fields: ['email', 'displayName'] },
      });
      return { ...view, contactShared: true, contact: { email: contact.email, displayName: contact.displayName } };
    });
    await this.audit.recordMany(reads);
    return { items: views, nextCursor: rows.length > query.limit ? encodeCursor(items[items.length - 1]) : null };
  }

  /** Throws 404 (projects' error) when the project is outside the staff member's scope. */
  async assertStaffScope(actor: Actor, projectId: string): Promise<void> {
    await this.projects.assertStaffCanManage(actor, projectId);
  }
}

function replay(stored: StoredResponse, requestHash: string): ApplyResult {
  if (stored.requestHash !== requestHash) throw new AppError(ParticipationErrorCode.IDEMPOTENCY_KEY_REUSED);
  if (stored.status === null) throw new AppError(ParticipationErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS);
  return { status: stored.status, body: applicationViewFromJson(stored.body as Record<string, unknown>), replayed: true };
}

function page<T>(rows: ApplicationRecord[], limit: number, map: (a: ApplicationRecord) => T): Page<T> {
  const items = rows.slice(0, limit);
  return { items: items.map(map), nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null };
}

/** Refuses an application to a project that is missing, a draft, not published or past its deadline. */
function assertAcceptingApplications(project: ProjectSnapshot | null, now: Date): void {
  if (!project || project.status === 'draft') throw new AppError(ParticipationErrorCode.APPLICATION_PROJECT_NOT_FOUND);
  const refusal = applyRefusal(project, now);
  if (refusal === 'not_published') {
    throw new AppError(ParticipationErrorCode.PROJECT_NOT_ACCEPTING_APPLICATIONS, { status: project.status });
  }
  if (refusal === 'deadline_passed') {
    throw new AppError(ParticipationErrorCode.APPLICATION_DEADLINE_PASSED, {
      deadline: new Date(project.applicationDeadline as string).toISOString(),
    });
  }
}

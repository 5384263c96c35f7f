import { Injectable } from '@nestjs/common';
import type { OutboxJob } from '@app/platform/outbox';
import { IdentityService } from '@app/identity';
import { OrganizationsService } from '@app/organizations';
import { ProjectsService } from '@app/projects';
import { RegionsService } from '@app/regions';
import type { NotificationEventType } from '../domain/event-types';
import type { ProjectReminderJobData } from '../jobs/notifications.jobs';
import { AudienceRepository, OPEN_AUDIENCE_STATES } from '../persistence/audience.repository';
import { NotificationsRepository } from '../persistence/notifications.repository';
import { NotificationsService } from './notifications.service';
import { ReminderPlanner } from './reminder-planner.service';

interface ApplicationChangedPayload {
  applicationId: string;
  projectId: string;
  participantId: string;
  state: string;
  previousState?: string | null;
}

interface ProjectChangedPayload {
  projectId: string;
  changedFields?: string[];
  changes?: { field: string; from: unknown; to: unknown }[];
}

/** Payload of `relationships.kpi_milestone_reached` (published by relationships' milestone watch). */
interface KpiMilestonePayload {
  scopeType: string;
  scopeCode: string;
  scopeName?: string | null;
  metric: string;
  years: number;
  fiscalYear: number;
  milestoneValue: number;
  actual: number;
}

const KPI_METRIC_LABELS: Record<string, { ja: string; en: string }> = {
  real_persons: { ja: '実人数', en: 'Real persons' },
  cumulative_persons: { ja: '延べ人数', en: 'Cumulative persons' },
};

/** What the participant hears when their application enters a state (none for their own actions). */
function participantEvent(state: string, previousState: string | null | undefined): NotificationEventType | null {
  switch (state) {
    case 'accepted':
      // A waitlisted applicant moved up when a seat freed: 繰り上げ.
      return previousState === 'waitlisted' ? 'application.offered' : 'application.accepted';
    case 'rejected':
      return 'application.rejected';
    case 'waitlisted':
      return 'application.waitlisted';
    case 'cancelled':
      return 'application.cancelled';
    default:
      return null;
  }
}

function jst(d: Date): string {
  return new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

/**
 * Other contexts' outbox events → notification requests, each in its own transaction and keyed by
 * the source event id, so a redelivered job stores nothing twice. Project titles and dates come
 * from `ProjectsService`; applicants from notifications' own audience table, fed by these events.
 */
@Injectable()
export class NotificationEventsHandler {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly repository: NotificationsRepository,
    private readonly audience: AudienceRepository,
    private readonly projects: ProjectsService,
    private readonly reminders: ReminderPlanner,
    private readonly regions: RegionsService,
    private readonly organizations: OrganizationsService,
    private readonly identity: IdentityService,
  ) {}

  /** `participation.application.<state>`: decisions reach the participant; acceptance plans the reminder. */
  async onApplicationChanged(job: OutboxJob): Promise<number> {
    const p = job.payload as unknown as ApplicationChangedPayload;
    if (!p.participantId || !p.projectId) return 0;
    const project = await this.projects.getProjectForParticipation(p.projectId);
    let eventType = participantEvent(p.state, p.previousState);
    // Applications cancelled because the project was cancelled: the project notice says it once.
    if (eventType === 'application.cancelled' && project?.status === 'cancelled') eventType = null;
    // A new application (not a state re-entered): the host's and co-hosts' staff hear of it.
    const staff = p.state === 'applied' && p.previousState !== 'applied' && project ? await this.staffOf(project) : [];
    const occurredAt = job.occurredAt ? new Date(job.occurredAt) : new Date();
    const created = await this.repository.transaction(async (m) => {
      await this.audience.record(m, p.projectId, p.participantId, p.state, Number.isNaN(occurredAt.getTime()) ? new Date() : occurredAt);
      let n = 0;
      for (const staffUserId of staff) {
        const r = await this.notifications.request(m, {
          recipientUserId: staffUserId,
          eventType: 'application.received',
          params: { projectId: p.projectId, applicationId: p.applicationId, projectTitle: project?.title ?? null },
          dedupeKey: `event:${job.eventId}`,
        });
        if (r.notificationId) n++;
      }
      if (!eventType) return n;
      const r = await this.notifications.request(m, {
        recipientUserId: p.participantId,
        eventType,
        params: { projectId: p.projectId, applicationId: p.applicationId, projectTitle: project?.title ?? null },
        dedupeKey: `event:${job.eventId}`,
      });
      return n + (r.notificationId ? 1 : 0);
    });
    if (p.state === 'accepted' && project) await this.reminders.plan(p.projectId, p.participantId, project.startsAt);
    else if (p.previousState === 'accepted') await this.reminders.cancel(p.projectId, p.participantId);
    return created;
  }

  /** Active staff of the host and co-host municipalities, each once. */
  async staffOf(project: { hostMunicipalityCode: string; coHostMunicipalityCodes?: string[] | null }): Promise<string[]> {
    const byCode = await this.organizations.listStaffUserIdsByMunicipality([project.hostMunicipalityCode, ...(project.coHostMunicipalityCodes ?? [])]);
    return [...new Set([...byCode.values()].flat())];
  }

  /** `projects.project.changed`: open applicants are told; a moved start re-plans reminders. */
  async onProjectChanged(job: OutboxJob): Promise<number> {
    const p = job.payload as unknown as ProjectChangedPayload;
    const project = await this.projects.getProjectForParticipation(p.projectId);
    if (!project) return 0;
    const audience = await this.audience.listForProject(p.projectId, OPEN_AUDIENCE_STATES);
    let created = 0;
    for (const a of audience) {
      const r = await this.repository.transaction((m) =>
        this.notifications.request(m, {
          recipientUserId: a.userId,
          eventType: 'project.changed',
          params: { projectId: p.projectId, projectTitle: project.title, changedFields: (p.changedFields ?? []).join(',') },
          dedupeKey: `event:${job.eventId}`,
        }),
      );
      if (r.notificationId) created++;
    }
    if ((p.changedFields ?? []).includes('startsAt')) {
      for (const a of audience.filter((x) => x.state === 'accepted')) await this.reminders.plan(p.projectId, a.userId, project.startsAt);
    }
    return created;
  }

  /** `projects.project.cancelled`: every open applicant is told (urgent: no quiet hours, no digest). */
  async onProjectCancelled(job: OutboxJob): Promise<number> {
    const p = job.payload as { projectId: string; title?: string };
    const audience = await this.audience.listForProject(p.projectId, OPEN_AUDIENCE_STATES);
    const title = p.title ?? (await this.projects.getProjectForParticipation(p.projectId))?.title ?? null;
    let created = 0;
    for (const a of audience) {
      const r = await this.repository.transaction((m) =>
        this.notifications.request(m, {
          recipientUserId: a.userId,
          eventType: 'project.cancelled',
          params: { projectId: p.projectId, projectTitle: title },
          dedupeKey: `event:${job.eventId}`,
          urgency: 'urgent',
        }),
      );
      if (r.notificationId) created++;
      await this.reminders.cancel(p.projectId, a.userId);
    }
    return created;
  }

  /** The delayed reminder: sent only if the person is still accepted and the project has not moved. */
  async onProjectReminder(data: ProjectReminderJobData): Promise<number> {
    const [project, state] = await Promise.all([this.projects.getProjectForParticipation(data.projectId), this.audience.stateOf(data.projectId, data.userId)]);
    if (!project || state !== 'accepted' || project.status === 'cancelled') return 0;
    if (project.startsAt.toISOString() !== data.startsAt) return 0;
    const r = await this.repository.transaction((m) =>
      this.notifications.request(m, {
        recipientUserId: data.userId,
        eventType: 'project.reminder',
        params: { projectId: data.projectId, projectTitle: project.title, startsAt: jst(project.startsAt) },
        dedupeKey: `reminder:${data.projectId}:${data.startsAt}`,
        urgency: 'urgent',
      }),
    );
    return r.notificationId ? 1 : 0;
  }

  /** `participants.registration.*`: the participant (payload `participantId` or `userId`). */
  async onRegistration(job: OutboxJob, eventType: 'registration.confirmed' | 'registration.premium_granted'): Promise<number> {
    const p = job.payload as { participantId?: string; userId?: string; municipalityCode?: string; municipalityName?: string };
    const userId = p.userId ?? p.participantId;
    if (!userId) return 0;
    const municipalityName =
      p.municipalityName ?? (p.municipalityCode ? await this.regions.resolveMunicipality(p.municipalityCode).then((x) => x.municipality.name, () => null) : null);
    const r = await this.repository.transaction((m) =>
      this.notifications.request(m, {
        recipientUserId: userId,
        eventType,
        params: { municipalityCode: p.municipalityCode ?? null, municipalityName },
        dedupeKey: `event:${job.eventId}`,
      }),
    );
    return r.notificationId ? 1 : 0;
  }
  /** `matching.invitation.created`: the invited participant hears of it (who invited them stays on the project page). */
  async onScoutInvited(job: OutboxJob): Promise<number> {
    const p = job.payload as { invitationId?: string; projectId?: string; participantId?: string; projectTitle?: string };
    if (!p.participantId || !p.projectId) return 0;
    const title = p.projectTitle ?? (await this.projects.getProjectForParticipation(p.projectId))?.title ?? null;
    const r = await this.repository.transaction((m) =>
      this.notifications.request(m, {
        recipientUserId: p.participantId!,
        eventType: 'scout.invited',
        params: { projectId: p.projectId!, invitationId: p.invitationId ?? null, projectTitle: title },
        dedupeKey: `event:${job.eventId}`,
      }),
    );
    return r.notificationId ? 1 : 0;
  }

  /**
   * `relationships.kpi_milestone_reached`: the scope's own staff (a municipality's or a
   * prefecture's organization) and every HQ analyst. Aggregates only, no personal data.
   */
  async onKpiMilestoneReached(job: OutboxJob): Promise<number> {
    const p = job.payload as unknown as KpiMilestonePayload;
    if (!p.scopeType || !p.scopeCode) return 0;
    const [scopeStaff, analysts] = await Promise.all([
      p.scopeType === 'municipality'
        ? this.organizations.listStaffUserIds(p.scopeCode)
        : p.scopeType === 'prefecture'
          ? this.organizations.listPrefectureStaffUserIds(p.scopeCode)
          : Promise.resolve([] as string[]),
      this.identity.listActiveUserIdsByRole('hq_analyst'),
    ]);
    const recipients = [...new Set([...scopeStaff, ...analysts])];
    if (recipients.length === 0) return 0;
    const metric = KPI_METRIC_LABELS[p.metric] ?? { ja: p.metric, en: p.metric };
    const params = {
      scopeType: p.scopeType,
      scopeCode: p.scopeCode,
      scopeName: p.scopeName ?? null,
      metric: p.metric,
      metricJa: metric.ja,
      metricEn: metric.en,
      years: p.years,
      fiscalYear: p.fiscalYear,
      milestoneValue: p.milestoneValue,
      actual: p.actual,
    };
    const result = await this.repository.transaction((m) =>
      this.notifications.requestMany(
        m,
        recipients.map((userId) => ({ recipientUserId: userId, eventType: 'kpi.milestone_reached' as const, params, dedupeKey: `event:${job.eventId}` })),
      ),
    );
    return [...result.values()].filter((id) => id !== null).length;
  }
}

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/identity';
import { AppError } from '@app/platform/errors';
import { OutboxService } from '@app/platform/outbox';
import { RegionsService } from '@app/regions';
import { diffProjectFields, type Compensation, type ProjectCategory, type ProjectFields, type ProjectMode } from '../domain/project';
import { assertEditable, nextStatus, type ProjectAction } from '../domain/project-lifecycle';
import { assertValidSchedule, type ProjectSchedule } from '../domain/project-schedule';
import type { ProjectEntity } from '../persistence/project.entity';
import { ProjectsRepository, type ProjectPatchRow, type StatusTimestamps } from '../persistence/projects.repository';
import { ProjectsErrorCode } from '../projects.errors';
import { staffScopeOf } from './project-scope';
import { toProjectView, type ProjectView } from './project-views';
import {
  ProjectTopics,
  type ProjectCancelledPayload,
  type ProjectCapacityChangedPayload,
  type ProjectChangedPayload,
  type ProjectPublishedPayload,
} from './projects.topics';

export interface ProjectCreateInput {
  title: string;
  description: string;
  hostMunicipalityCode: string;
  coHostMunicipalityCodes?: string[];
  category: ProjectCategory;
  tags?: string[];
  requiredSkills?: string[];
  mode: ProjectMode;
  startsAt: Date;
  endsAt: Date;
  applicationDeadline: Date;
  capacity: number;
  compensation: Compensation;
}

export type ProjectUpdateInput = Partial<Omit<ProjectCreateInput, 'hostMunicipalityCode'>>;

function cleanTags(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.normalize('NFKC').trim()).filter((v) => v.length > 0))];
}

/** Staff use cases: create, edit and move projects through their lifecycle (one transaction each). */
@Injectable()
export class ProjectCommandsService {
  constructor(
    private readonly repository: ProjectsRepository,
    private readonly regions: RegionsService,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, input: ProjectCreateInput, now = new Date()): Promise<ProjectView> {
    const host = (await this.regions.resolveMunicipality(input.hostMunicipalityCode)).municipality;
    const scope = staffScopeOf(actor);
    if (scope.kind !== 'all' && !scope.codes.includes(host.code)) {
      throw new AppError(ProjectsErrorCode.PROJECT_HOST_OUT_OF_SCOPE, { code: host.code });
    }
    const coHosts = await this.resolveCoHosts(host.code, input.coHostMunicipalityCodes ?? []);
    assertValidSchedule(input, { now });
    const project = await this.repository.transaction((m) =>
      this.repository.insert(m, {
        title: input.title.trim(),
        description: input.description,
        hostMunicipalityCode: host.code,
        hostPrefectureCode: host.prefectureCode,
        coHostMunicipalityCodes: coHosts.map((c) => c.code),
        municipalityCodes: [host.code, ...coHosts.map((c) => c.code)],
        prefectureCodes: [...new Set([host.prefectureCode, ...coHosts.map((c) => c.prefectureCode)])],
        category: input.category,
        tags: cleanTags(input.tags),
        requiredSkills: cleanTags(input.requiredSkills),
        mode: input.mode,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        applicationDeadline: input.applicationDeadline,
        capacity: input.capacity,
        compensation: input.compensation,
        createdBy: actor.userId,
      }),
    );
    return toProjectView(project);
  }

  async update(actor: Actor, projectId: string, input: ProjectUpdateInput, now = new Date()): Promise<ProjectView> {
    if (Object.values(input).every((v) => v === undefined)) throw new AppError(ProjectsErrorCode.PROJECT_EMPTY_UPDATE);
    const coHosts = input.coHostMunicipalityCodes !== undefined ? await this.resolveCoHostsLater(input.coHostMunicipalityCodes) : undefined;
    return this.repository.transaction(async (m) => {
      const current = await this.lockManageable(m, actor, projectId);
      assertEditable(current.status);
      const patch: Partial<ProjectFields> = {
        ...input,
        title: input.title?.trim(),
        tags: input.tags !== undefined ? cleanTags(input.tags) : undefined,
        requiredSkills: input.requiredSkills !== undefined ? cleanTags(input.requiredSkills) : undefined,
      };
      const row: ProjectPatchRow = {};
      if (coHosts) {
        const valid = this.checkCoHosts(current.hostMunicipalityCode, coHosts);
        patch.coHostMunicipalityCodes = valid.map((c) => c.code);
        row.municipalityCodes = [current.hostMunicipalityCode, ...valid.map((c) => c.code)];
        row.prefectureCodes = [...new Set([current.hostPrefectureCode, ...valid.map((c) => c.prefectureCode)])];
      }
      const changes = diffProjectFields(current, patch);
      if (changes.length === 0) return toProjectView(current);
      const schedule: ProjectSchedule = {
        startsAt: patch.startsAt ?? current.startsAt,
        endsAt: patch.endsAt ?? current.endsAt,
        applicationDeadline: patch.applicationDeadline ?? current.applicationDeadline,
      };
      // Only dates being moved must lie in the future; untouched ones may already have passed.
      const moved = changes.map((c) => c.field).filter((f): f is keyof ProjectSchedule => f in schedule);
      assertValidSchedule(schedule, { now, futureFields: moved });
      for (const c of changes) (row as Record<string, unknown>)[c.field] = patch[c.field];
      const updated = await this.repository.update(m, current.id, row);
      if (current.status === 'published') await this.publishChanges(m, current, updated, changes, now);
      return toProjectView(updated);
    });
  }

  async transition(actor: Actor, projectId: string, action: ProjectAction, reason?: string, now = new Date()): Promise<ProjectView> {
    return this.repository.transaction(async (m) => {
      const current = await this.lockManageable(m, actor, projectId);
      const status = nextStatus(current.status, action);
      if (action === 'publish') assertValidSchedule(current, { now });
      const stamps: StatusTimestamps = {};
      if (action === 'publish') stamps.publishedAt = now;
      if (action === 'close') stamps.closedAt = now;
      if (action === 'complete') stamps.completedAt = now;
      if (action === 'cancel') {
        stamps.cancelledAt = now;
        stamps.cancelReason = reason?.trim() || null;
      }
      const updated = await this.repository.setStatus(m, current.id, status, stamps);
      await this.publishTransition(m, current, updated, action, now);
      return toProjectView(updated);
    });
  }

  private async lockManageable(m: EntityManager, actor: Actor, projectId: string): Promise<ProjectEntity> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(projectId);
    const p = isUuid ? await this.repository.findManageableForUpdate(m, projectId, staffScopeOf(actor)) : null;
    if (!p) throw new AppError(ProjectsErrorCode.PROJECT_NOT_FOUND, { id: projectId });
    return p;
  }

  private async resolveCoHostsLater(codes: string[]): Promise<{ code: string; prefectureCode: string }[]> {
    const out: { code: string; prefectureCode: string }[] = [];
    for (const code of codes) {
      const { municipality } = await this.regions.resolveMunicipality(code);
      out.push({ code: municipality.code, prefectureCode: municipality.prefectureCode });
    }
    return out;
  }

  private async resolveCoHosts(hostCode: string, codes: string[]): Promise<{ code: string; prefectureCode: string }[]> {
    return this.checkCoHosts(hostCode, await this.resolveCoHostsLater(codes));
  }

  /** Wards resolve to their city, so two inputs may name one municipality: refused, as is the host. */
  private checkCoHosts<T extends { code: string }>(hostCode: string, coHosts: T[]): T[] {
    const seen = new Set<string>([hostCode]);
    for (const c of coHosts) {
      if (seen.has(c.code)) throw new AppError(ProjectsErrorCode.PROJECT_CO_HOST_INVALID, { code: hostCode });
      seen.add(c.code);
    }
    return coHosts;
  }

  private async publishChanges(
    m: EntityManager,
    before: ProjectEntity,
    after: ProjectEntity,
    changes: ReturnType<typeof diffProjectFields>,
    now: Date,
  ): Promise<void> {
    const payload: ProjectChangedPayload = {
      projectId: after.id,
      status: after.status,
      changedFields: changes.map((c) => c.field),
      // Payloads stay small: a changed description is named, not copied (subscribers re-read the project).
      changes: changes.map((c) => (c.field === 'description' ? { field: c.field, from: null, to: null } : c)),
      version: after.version,
      changedAt: now.toISOString(),
    };
    await this.outbox.publish(m, { topic: ProjectTopics.changed, key: `${after.id}:${after.version}`, payload: { ...payload } });
    if (before.capacity !== after.capacity) {
      const cap: ProjectCapacityChangedPayload = {
        projectId: after.id,
        previousCapacity: before.capacity,
        capacity: after.capacity,
        version: after.version,
        changedAt: now.toISOString(),
      };
      await this.outbox.publish(m, { topic: ProjectTopics.capacityChanged, key: `${after.id}:${after.version}`, payload: { ...cap } });
    }
  }

  private async publishTransition(m: EntityManager, before: ProjectEntity, p: ProjectEntity, action: ProjectAction, now: Date): Promise<void> {
    const at = now.toISOString();
    if (action === 'publish') {
      const payload: ProjectPublishedPayload = {
        projectId: p.id,
        hostMunicipalityCode: p.hostMunicipalityCode,
        coHostMunicipalityCodes: p.coHostMunicipalityCodes,
        title: p.title,
        category: p.category,
        tags: p.tags,
        requiredSkills: p.requiredSkills,
        mode: p.mode,
        startsAt: p.startsAt.toISOString(),
        endsAt: p.endsAt.toISOString(),
        applicationDeadline: p.applicationDeadline.toISOString(),
        capacity: p.capacity,
        publishedAt: at,
      };
      await this.outbox.publish(m, { topic: ProjectTopics.published, key: p.id, payload: { ...payload } });
    } else if (action === 'close') {
      await this.outbox.publish(m, { topic: ProjectTopics.closed, key: p.id, payload: { projectId: p.id, closedAt: at } });
    } else if (action === 'complete') {
      await this.outbox.publish(m, { topic: ProjectTopics.completed, key: p.id, payload: { projectId: p.id, completedAt: at } });
    } else {
      const payload: ProjectCancelledPayload = {
        projectId: p.id,
        hostMunicipalityCode: p.hostMunicipalityCode,
        coHostMunicipalityCodes: p.coHostMunicipalityCodes,
        title: p.title,
        previousStatus: before.status,
        reason: p.cancelReason,
        cancelledAt: at,
      };
      await this.outbox.publish(m, { topic: ProjectTopics.cancelled, key: p.id, payload: { ...payload } });
    }
  }
}

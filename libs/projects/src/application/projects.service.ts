import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@app/identity';
import { AppError } from '@app/platform/errors';
import { RegionsService } from '@app/regions';
import type { ProjectCategory, ProjectMode, ProjectStatus } from '../domain/project';
import { expandSynonyms, parseSearchQuery } from '../domain/search-grams';
import type { ProjectEntity } from '../persistence/project.entity';
import {
  ProjectsRepository,
  type DiscoveryFilter,
  type DiscoveryHit,
  type MatchingCandidateFilter,
  type PageCursor,
} from '../persistence/projects.repository';
import { ProjectsErrorCode } from '../projects.errors';
import { toProjectView, type ProjectForMatching, type ProjectForParticipation, type ProjectPage, type ProjectView } from './project-views';
import { decodeCursor, encodeCursor, staffScopeOf } from './project-scope';
import { SearchSynonymsService } from './search-synonyms.service';

export interface DiscoveryQuery {
  prefectureCode?: string;
  municipalityCode?: string;
  category?: ProjectCategory;
  tag?: string;
  mode?: ProjectMode;
  startsFrom?: Date;
  startsTo?: Date;
  skills?: string[];
  q?: string;
  cursor?: string;
  limit: number;
}

/**
 * Reading projects: public discovery, staff lists, and the facade other contexts call
 * (participation asks for a project's capacity and dates, and whether staff may manage it).
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly repository: ProjectsRepository,
    private readonly regions: RegionsService,
    private readonly synonyms: SearchSynonymsService,
  ) {}

  /**
   * The facts participation needs about a project (any state), or null when it does not exist.
   * Pass the caller's transaction manager to read on its connection (inside its transaction).
   */
  async getProjectForParticipation(projectId: string, manager?: EntityManager): Promise<ProjectForParticipation | null> {
    if (!isUuid(projectId)) return null;
    return this.repository.findForParticipation(projectId, manager);
  }

  /** `getProjectForParticipation` for many projects in one query; unknown or malformed ids are absent. */
  async getProjectsForParticipation(projectIds: readonly string[]): Promise<Map<string, ProjectForParticipation>> {
    const rows = await this.repository.findManyForParticipation([...new Set(projectIds.filter(isUuid))]);
    return new Map(rows.map((p) => [p.id, p]));
  }

  /**
   * Candidate projects for recommendations (matching): published, deadline after `now`, in one of
   * `prefectureCodes`, or of one of `categories`, or requiring one of `skills`, or (with
   * `includeRemote`) remote/hybrid; newest
   * published first, at most `limit` (capped at 5,000). Seats are participation's business.
   */
  async listOpenForMatching(filter: MatchingCandidateFilter, now: Date, limit: number): Promise<ProjectForMatching[]> {
    // The repository already builds fresh objects of exactly this shape (no entity hydration).
    return this.repository.findOpenForMatching(filter, now, Math.min(Math.max(1, limit), 5000));
  }

  /**
   * Throws PROJECT_NOT_FOUND (404) unless the actor is an admin or staff of the project's host or
   * a co-host municipality.
   */
  async assertStaffCanManage(actor: Actor, projectId: string): Promise<void> {
    const p = isUuid(projectId) ? await this.repository.findManageable(projectId, staffScopeOf(actor)) : null;
    if (!p) throw new AppError(ProjectsErrorCode.PROJECT_NOT_FOUND, { id: projectId });
  }

  /** Public when published/closed/completed; drafts and cancelled ones only to their staff. */
  async getVisible(projectId: string, actor: Actor | null): Promise<ProjectView> {
    const scope = actor ? staffScopeOf(actor) : null;
    const p = isUuid(projectId) ? await this.repository.findVisible(projectId, scope) : null;
    if (!p) throw new AppError(ProjectsErrorCode.PROJECT_NOT_FOUND, { id: projectId });
    return toProjectView(p);
  }

  async discover(query: DiscoveryQuery): Promise<ProjectPage> {
    const filter: DiscoveryFilter = {
      prefectureCode: query.prefectureCode,
      municipalityCode: query.municipalityCode
        ? (await this.regions.resolveMunicipality(query.municipalityCode)).municipality.code
        : undefined,
      category: query.category,
      tag: query.tag,
      mode: query.mode,
      startsFrom: query.startsFrom,
      startsTo: query.startsTo,
      skills: query.skills?.map((s) => s.normalize('NFKC').trim()).filter(Boolean),
      search: null,
    };
    const parsed = parseSearchQuery(query.q);
    if (parsed) filter.search = expandSynonyms(parsed, await this.synonyms.dictionary());
    // A text search pages by relevance, so its cursor carries one; a cursor of the other kind is refused.
    const after = this.cursor(query.cursor);
    if (after && (after.relevance !== undefined) !== (filter.search !== null)) throw new AppError(ProjectsErrorCode.PROJECT_INVALID_CURSOR);
    const hits = await this.repository.searchPublished(filter, after, query.limit + 1);
    return this.toHitPage(hits, query.limit);
  }

  async listForStaff(actor: Actor, query: { status?: ProjectStatus; cursor?: string; limit: number }): Promise<ProjectPage> {
    const after = this.cursor(query.cursor);
    if (after?.relevance !== undefined) throw new AppError(ProjectsErrorCode.PROJECT_INVALID_CURSOR);
    const rows = await this.repository.listForStaff(staffScopeOf(actor), query.status, after, query.limit + 1);
    return this.toPage(rows, query.limit);
  }

  private cursor(cursor: string | undefined): PageCursor | undefined {
    if (!cursor) return undefined;
    const decoded = decodeCursor(cursor);
    if (!decoded) throw new AppError(ProjectsErrorCode.PROJECT_INVALID_CURSOR);
    return decoded;
  }

  private toHitPage(hits: DiscoveryHit[], limit: number): ProjectPage {
    const items = hits.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((h) => toProjectView(h.project)),
      nextCursor: hits.length > limit && last ? encodeCursor(last.project.startsAt, last.project.id, last.relevance) : null,
    };
  }

  private toPage(rows: ProjectEntity[], limit: number): ProjectPage {
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(toProjectView), nextCursor: rows.length > limit && last ? encodeCursor(last.startsAt, last.id) : null };
  }
}

function isUuid(v: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}

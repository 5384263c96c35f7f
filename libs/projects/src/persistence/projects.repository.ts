import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { ProjectCategory, ProjectMode, ProjectStatus } from '../domain/project';
import { termGrams, type SearchQuery } from '../domain/search-grams';
import { ProjectEntity } from './project.entity';

/**
 * Whose projects a staff query may touch: every one (admin) or those hosted or co-hosted by one
 * of the given municipalities. Required by every staff-scoped method.
 */
export type StaffScope = { kind: 'all' } | { kind: 'municipalities'; codes: readonly string[] };

export interface PageCursor {
  startsAt: Date;
  id: string;
  /** Text searches only: the relevance of the last row seen (pages are ordered by relevance first). */
  relevance?: number;
}

/** A discovery result; `relevance` is set for text searches (title matches score above description-only ones). */
export interface DiscoveryHit {
  project: ProjectEntity;
  relevance: number | null;
}

export interface DiscoveryFilter {
  prefectureCode?: string;
  municipalityCode?: string;
  category?: ProjectCategory;
  tag?: string;
  mode?: ProjectMode;
  startsFrom?: Date;
  startsTo?: Date;
  skills?: string[];
  search?: SearchQuery | null;
}

/** Which open projects the recommender considers (any of the three clauses). */
export interface MatchingCandidateFilter {
  prefectureCodes: readonly string[];
  categories: readonly string[];
  /** Projects requiring any of these skills (exact, NFKC-normalized spelling). */
  skills: readonly string[];
  includeRemote: boolean;
}

export type MatchingCandidateRow = Pick<
  ProjectEntity,
  | 'id' | 'title' | 'category' | 'tags' | 'requiredSkills' | 'mode' | 'hostMunicipalityCode' | 'municipalityCodes' | 'prefectureCodes'
  | 'startsAt' | 'endsAt' | 'applicationDeadline' | 'capacity' | 'compensation' | 'publishedAt'
>;

interface RawMatchingRow {
  id: string;
  title: string;
  category: ProjectCategory;
  mode: ProjectMode;
  capacity: number;
  compensation: ProjectEntity['compensation'];
  tags: string;
  skills: string;
  munis: string;
  prefs: string;
  starts: number;
  ends: number;
  deadline: number;
  published: number | null;
}

export type NewProjectRow = Omit<
  ProjectEntity,
  'id' | 'status' | 'version' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'closedAt' | 'completedAt' | 'cancelledAt' | 'cancelReason'
>;

export type ProjectPatchRow = Partial<
  Pick<
    ProjectEntity,
    | 'title' | 'description' | 'coHostMunicipalityCodes' | 'municipalityCodes' | 'prefectureCodes' | 'category' | 'tags'
    | 'requiredSkills' | 'mode' | 'startsAt' | 'endsAt' | 'applicationDeadline' | 'capacity' | 'compensation'
  >
>;

export type StatusTimestamps = Partial<Pick<ProjectEntity, 'publishedAt' | 'closedAt' | 'completedAt' | 'cancelledAt' | 'cancelReason'>>;

@Injectable()
export class ProjectsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, row: NewProjectRow): Promise<ProjectEntity> {
    const result = await manager.createQueryBuilder().insert().into(ProjectEntity).values(row).returning('*').execute();
    return manager.getRepository(ProjectEntity).create(result.generatedMaps[0] as ProjectEntity);
  }

  /** Inserts rows with given ids (demo seed); existing ids are left alone. Returns rows inserted. */
  async insertIfAbsent(
    manager: EntityManager,
    rows: (NewProjectRow & Pick<ProjectEntity, 'id' | 'status' | 'publishedAt'>)[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await manager.createQueryBuilder().insert().into(ProjectEntity).values(rows).orIgnore().returning(['id']).execute();
    return (result.raw as unknown[]).length;
  }

  /** The project if the scope may manage it, row-locked until the transaction ends. */
  findManageableForUpdate(manager: EntityManager, id: string, scope: StaffScope): Promise<ProjectEntity | null> {
    const qb = manager.getRepository(ProjectEntity).createQueryBuilder('p').where('p.id = :id', { id }).setLock('pessimistic_write');
    return this.applyScope(qb, scope).getOne();
  }

  findManageable(id: string, scope: StaffScope): Promise<ProjectEntity | null> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p').where('p.id = :id', { id });
    return this.applyScope(qb, scope).getOne();
  }

  /** Published, closed or completed projects are public; drafts and cancelled ones only within `scope`. */
  findVisible(id: string, scope: StaffScope | null): Promise<ProjectEntity | null> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p').where('p.id = :id', { id });
    if (scope?.kind === 'all') return qb.getOne();
    if (scope) {
      qb.andWhere(`(p.status IN ('published', 'closed', 'completed') OR p.municipality_codes && :codes::text[])`, {
        codes: [...scope.codes],
      });
    } else {
      qb.andWhere(`p.status IN ('published', 'closed', 'completed')`);
    }
    return qb.getOne();
  }

  /** For other contexts (participation): any state, no scope. */
  /** Many projects by id in one query (unknown ids are absent). */
  findByIds(ids: readonly string[]): Promise<ProjectEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p').where('p.id = ANY(:ids::uuid[])', { ids: [...ids] }).getMany();
  }

  findById(id: string): Promise<ProjectEntity | null> {
    return this.dataSource.getRepository(ProjectEntity).findOneBy({ id });
  }

  async update(manager: EntityManager, id: string, patch: ProjectPatchRow): Promise<ProjectEntity> {
    await manager
      .createQueryBuilder()
      .update(ProjectEntity)
      .set({ ...patch, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
    return (await manager.getRepository(ProjectEntity).findOneBy({ id }))!;
  }

  async setStatus(manager: EntityManager, id: string, status: ProjectStatus, stamps: StatusTimestamps): Promise<ProjectEntity> {
    await manager
      .createQueryBuilder()
      .update(ProjectEntity)
      .set({ ...stamps, status, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
    return (await manager.getRepository(ProjectEntity).findOneBy({ id }))!;
  }

  /**
   * Public discovery: published projects, `limit` rows after `after`. Without a text query ordered
   * by (starts_at, id); with one by relevance first (see `relevanceSql`), then (starts_at, id), so
   * a page boundary is a total order and keyset pages neither skip nor repeat rows.
   */
  async searchPublished(filter: DiscoveryFilter, after: PageCursor | undefined, limit: number): Promise<DiscoveryHit[]> {
    const qb = this.discoveryQuery(filter, after, limit);
    if (!filter.search) return (await qb.getMany()).map((project) => ({ project, relevance: null }));
    const { entities, raw } = await qb.getRawAndEntities<{ relevance: number }>();
    return entities.map((project, i) => ({ project, relevance: Number(raw[i].relevance) }));
  }

  /** The SQL and parameters of a discovery search (first page), for EXPLAIN in tests and benchmarks. */
  searchPublishedSql(filter: DiscoveryFilter, limit: number, after?: PageCursor): [string, unknown[]] {
    return this.discoveryQuery(filter, after, limit).getQueryAndParameters();
  }

  private discoveryQuery(filter: DiscoveryFilter, after: PageCursor | undefined, limit: number): SelectQueryBuilder<ProjectEntity> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p').where(`p.status = 'published'`);
    this.applyDiscoveryFilter(qb, filter);
    if (!filter.search) return this.page(qb, after, limit);
    const relevance = relevanceSql(filter.search);
    qb.addSelect(relevance, 'relevance');
    if (after) {
      // Descending relevance, then ascending (starts_at, id): one row comparison on the negated relevance.
      qb.andWhere(`(-(${relevance}), p.starts_at, p.id) > (:afterNegRelevance, :afterStartsAt, :afterId)`, {
        afterNegRelevance: -(after.relevance ?? 0),
        afterStartsAt: after.startsAt,
        afterId: after.id,
      });
    }
    return qb.orderBy(relevance, 'DESC').addOrderBy('p.starts_at', 'ASC').addOrderBy('p.id', 'ASC').limit(limit);
  }

  /**
   * Recommendation candidates: published, deadline after `now`, and in one of the prefectures, or
   * of one of the categories, or requiring one of the skills, or remote/hybrid when asked; newest published first, at most `limit`.
   */
  async findOpenForMatching(filter: MatchingCandidateFilter, now: Date, limit: number): Promise<MatchingCandidateRow[]> {
    const params: unknown[] = [now, limit];
    const clauses: string[] = [];
    if (filter.prefectureCodes.length) clauses.push(`prefecture_codes && $${params.push([...filter.prefectureCodes])}::text[]`);
    if (filter.categories.length) clauses.push(`category = ANY($${params.push([...filter.categories])}::text[])`);
    if (filter.skills.length) clauses.push(`required_skills && $${params.push([...filter.skills])}::text[]`);
    if (filter.includeRemote) clauses.push(`mode IN ('remote', 'hybrid')`);
    // Raw rows without entity hydration, arrays as joined strings and times as epoch milliseconds:
    // this returns up to a few thousand rows per request and the driver's array/date parsing
    // dominated its cost (measured: about half the time of the plain column list).
    const rows: RawMatchingRow[] = await this.dataSource.query(
      `SELECT id, title, category, mode, capacity, compensation,
              array_to_string(tags, E'\\x1f') AS tags, array_to_string(required_skills, E'\\x1f') AS skills,
              array_to_string(municipality_codes, ',') AS munis, array_to_string(prefecture_codes, ',') AS prefs,
              (extract(epoch FROM starts_at) * 1000)::float8 AS starts, (extract(epoch FROM ends_at) * 1000)::float8 AS ends,
              (extract(epoch FROM application_deadline) * 1000)::float8 AS deadline, (extract(epoch FROM published_at) * 1000)::float8 AS published
         FROM projects
        WHERE status = 'published' AND application_deadline > $1 ${clauses.length ? `AND (${clauses.join(' OR ')})` : ''}
        ORDER BY published_at DESC, id DESC
        LIMIT $2`,
      params,
    );
    const split = (v: string, sep: string) => (v ? v.split(sep) : []);
    return rows.map((r) => {
      const municipalityCodes = split(r.munis, ',');
      return {
        id: r.id,
        title: r.title,
        category: r.category,
        tags: split(r.tags, '\x1f'),
        requiredSkills: split(r.skills, '\x1f'),
        mode: r.mode,
        hostMunicipalityCode: municipalityCodes[0],
        municipalityCodes,
        prefectureCodes: split(r.prefs, ','),
        startsAt: new Date(r.starts),
        endsAt: new Date(r.ends),
        applicationDeadline: new Date(r.deadline),
        capacity: r.capacity,
        compensation: r.compensation,
        publishedAt: r.published === null ? null : new Date(r.published),
      };
    });
  }

  /** Staff list: projects hosted or co-hosted within `scope`, any state (or one state). */
  listForStaff(scope: StaffScope, status: ProjectStatus | undefined, after: PageCursor | undefined, limit: number): Promise<ProjectEntity[]> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p');
    this.applyScope(qb, scope);
    if (status) qb.andWhere('p.status = :status', { status });
    return this.page(qb, after, limit).getMany();
  }

  private applyScope(qb: SelectQueryBuilder<ProjectEntity>, scope: StaffScope): SelectQueryBuilder<ProjectEntity> {
    if (scope.kind === 'all') return qb;
    return qb.andWhere('p.municipality_codes && :scopeCodes::text[]', { scopeCodes: [...scope.codes] });
  }

  private applyDiscoveryFilter(qb: SelectQueryBuilder<ProjectEntity>, f: DiscoveryFilter): void {
    if (f.prefectureCode) qb.andWhere('p.prefecture_codes @> ARRAY[:pref]::text[]', { pref: f.prefectureCode });
    if (f.municipalityCode) qb.andWhere('p.municipality_codes @> ARRAY[:muni]::text[]', { muni: f.municipalityCode });
    if (f.category) qb.andWhere('p.category = :category', { category: f.category });
    if (f.tag) qb.andWhere('p.tags @> ARRAY[:tag]::text[]', { tag: f.tag });
    if (f.mode) qb.andWhere('p.mode = :mode', { mode: f.mode });
    if (f.startsFrom) qb.andWhere('p.starts_at >= :startsFrom', { startsFrom: f.startsFrom });
    if (f.startsTo) qb.andWhere('p.starts_at <= :startsTo', { startsTo: f.startsTo });
    if (f.skills?.length) qb.andWhere('p.required_skills && :skills::text[]', { skills: f.skills });
    if (f.search) {
      // Index part (GIN containment), then the exact substring recheck on the normalized text.
      // A term with synonyms is satisfied by any of its spellings: an OR of (containment AND recheck)
      // per spelling, which PostgreSQL answers with a BitmapOr over the same GIN index.
      const { terms, synonyms } = f.search;
      const plain = terms.filter((_, i) => !synonyms?.[i]?.length);
      if (plain.length) qb.andWhere('p.search_grams @> :grams::text[]', { grams: [...new Set(plain.flatMap(termGrams))] });
      terms.forEach((term, i) => {
        const others = synonyms?.[i] ?? [];
        qb.setParameter(`term${i}`, term);
        others.forEach((o, j) => qb.setParameter(`syn${i}_${j}`, o));
        if (!others.length) {
          qb.andWhere(`position(:term${i} in p.search_text) > 0`);
          return;
        }
        const arms = [term, ...others].map((spelling, j) => {
          const name = `grams${i}_${j}`;
          qb.setParameter(name, termGrams(spelling));
          return `(p.search_grams @> :${name}::text[] AND position(${j === 0 ? `:term${i}` : `:syn${i}_${j - 1}`} in p.search_text) > 0)`;
        });
        qb.andWhere(`(${arms.join(' OR ')})`);
      });
    }
  }

  private page(qb: SelectQueryBuilder<ProjectEntity>, after: PageCursor | undefined, limit: number): SelectQueryBuilder<ProjectEntity> {
    if (after) qb.andWhere('(p.starts_at, p.id) > (:afterStartsAt, :afterId)', { afterStartsAt: after.startsAt, afterId: after.id });
    return qb.orderBy('p.starts_at', 'ASC').addOrderBy('p.id', 'ASC').limit(limit);
  }
}

/**
 * Relevance of a published project for a text query, from the normalized title only (every row
 * here already matched each term somewhere in title + description): per term 2 when the title
 * contains the term itself, 1 when it contains only one of the term's synonyms, else 0; summed.
 * So title matches rank above description-only matches. Uses the parameters `applyDiscoveryFilter`
 * set (`term<i>`, `syn<i>_<j>`).
 */
function relevanceSql(search: SearchQuery): string {
  const title = `projects_search_text(p.title, '')`;
  return `(${search.terms
    .map((_, i) => {
      const others = search.synonyms?.[i] ?? [];
      const viaSynonym = others.length
        ? ` WHEN ${others.map((_o, j) => `position(:syn${i}_${j} in ${title}) > 0`).join(' OR ')} THEN 1`
        : '';
      return `(CASE WHEN position(:term${i} in ${title}) > 0 THEN 2${viaSynonym} ELSE 0 END)`;
    })
    .join(' + ')})`;
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '@app/platform/database';
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

/** A project as other contexts (participation) read it: `findForParticipation`. */
export type ParticipationRow = Pick<
  ProjectEntity,
  | 'id' | 'status' | 'capacity' | 'hostMunicipalityCode' | 'coHostMunicipalityCodes' | 'applicationDeadline' | 'startsAt' | 'endsAt'
  | 'title' | 'category'
>;

const PARTICIPATION_COLUMNS = `id, status, capacity, host_municipality_code, co_host_municipality_codes, application_deadline,
  starts_at, ends_at, title, category`;

interface RawParticipationRow {
  id: string;
  status: ProjectStatus;
  capacity: number;
  host_municipality_code: string;
  co_host_municipality_codes: string[];
  application_deadline: Date;
  starts_at: Date;
  ends_at: Date;
  title: string;
  category: ProjectCategory;
}

function toParticipationRow(r: RawParticipationRow): ParticipationRow {
  return {
    id: r.id,
    status: r.status,
    capacity: r.capacity,
    hostMunicipalityCode: r.host_municipality_code,
    coHostMunicipalityCodes: r.co_host_municipality_codes,
    applicationDeadline: r.application_deadline,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    title: r.title,
    category: r.category,
  };
}

/** Separators of the candidates read: never present in its fields (see findOpenForMatching). */
const RECORD_SEP = '\x1d';
const FIELD_SEP = '\x1f';

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

  /**
   * For other contexts (participation): the few columns they need, any state, no scope. Plain SQL
   * without entity hydration: every apply reads this once.
   */
  async findForParticipation(id: string, manager?: EntityManager): Promise<ParticipationRow | null> {
    // Read in every apply and state change: a named prepared statement skips parse and plan.
    const rows = await preparedQuery<RawParticipationRow>(
      manager ?? this.dataSource.manager,
      'projects.for_participation',
      `SELECT ${PARTICIPATION_COLUMNS} FROM projects WHERE id = $1`,
      [id],
    );
    return rows.length > 0 ? toParticipationRow(rows[0]) : null;
  }

  /** `findForParticipation` for many projects in one query (unknown ids are absent). */
  async findManyForParticipation(ids: readonly string[]): Promise<ParticipationRow[]> {
    if (ids.length === 0) return [];
    const rows: RawParticipationRow[] = await this.dataSource.query(
      `SELECT ${PARTICIPATION_COLUMNS} FROM projects WHERE id = ANY($1::uuid[])`,
      [[...ids]],
    );
    return rows.map(toParticipationRow);
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
    if (isSingleTerm(filter)) return this.searchSingleTerm(filter, after, limit);
    const qb = this.discoveryQuery(filter, after, limit);
    if (!filter.search) return (await qb.getMany()).map((project) => ({ project, relevance: null }));
    const { entities, raw } = await qb.getRawAndEntities<{ relevance: number }>();
    return entities.map((project, i) => ({ project, relevance: Number(raw[i].relevance) }));
  }

  /**
   * The SQL and parameters of a discovery search, for EXPLAIN in tests and benchmarks: the first
   * query `searchPublished` issues (for one term, that of the cursor's tier, the title tier first).
   */
  searchPublishedSql(filter: DiscoveryFilter, limit: number, after?: PageCursor): [string, unknown[]] {
    if (isSingleTerm(filter)) return this.singleTermTier(filter, Math.min(2, after?.relevance ?? 2), after, limit).getQueryAndParameters();
    return this.discoveryQuery(filter, after, limit).getQueryAndParameters();
  }

  /**
   * One term: its relevance is 2 (the term in the title), 1 (only a synonym in the title) or 0, so
   * the order is "title matches in start order, then synonym-in-title matches, then the rest".
   * Plain filter + start-order + LIMIT queries, one per tier, each only when the page is not full
   * yet, can stop early on the start-order index when the term is frequent, where one
   * relevance-ordered query has to rank every match (measured on 100k projects: a term in every
   * title, 3.6 ms this way against 200 ms). Same keyset semantics as the relevance order.
   */
  private async searchSingleTerm(filter: DiscoveryFilter, after: PageCursor | undefined, limit: number): Promise<DiscoveryHit[]> {
    const hits: DiscoveryHit[] = [];
    const from = after?.relevance ?? Number.POSITIVE_INFINITY;
    const tiers = filter.search!.synonyms?.[0]?.length ? [2, 1, 0] : [2, 0];
    for (const relevance of tiers) {
      if (hits.length >= limit || from < relevance) continue;
      const rows = await this.singleTermTier(filter, relevance, from === relevance ? after : undefined, limit - hits.length).getMany();
      hits.push(...rows.map((project) => ({ project, relevance })));
    }
    return hits;
  }

  private singleTermTier(filter: DiscoveryFilter, relevance: number, after: PageCursor | undefined, limit: number): SelectQueryBuilder<ProjectEntity> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p').where(`p.status = 'published'`);
    this.applyDiscoveryFilter(qb, filter);
    const title = `projects_search_text(p.title, '')`;
    const termInTitle = `position(:term0 in ${title}) > 0`;
    const synonymInTitle = (filter.search!.synonyms?.[0] ?? []).map((_s, j) => `position(:syn0_${j} in ${title}) > 0`).join(' OR ') || 'false';
    if (relevance === 2) qb.andWhere(termInTitle);
    else if (relevance === 1) qb.andWhere(`NOT (${termInTitle}) AND (${synonymInTitle})`);
    else qb.andWhere(`NOT (${termInTitle}) AND NOT (${synonymInTitle})`);
    return this.page(qb, after, limit);
  }

  private discoveryQuery(filter: DiscoveryFilter, after: PageCursor | undefined, limit: number): SelectQueryBuilder<ProjectEntity> {
    const projects = this.dataSource.getRepository(ProjectEntity);
    const qb = projects.createQueryBuilder('p').where(`p.status = 'published'`);
    this.applyDiscoveryFilter(qb, filter);
    if (!filter.search) {
      // The page's ids first, from idx_projects_published_discovery alone (the filter columns are
      // included in it: rows the filters reject are never read), then those rows.
      const ids = this.page(qb.select('p.id'), after, limit);
      return projects
        .createQueryBuilder('hit')
        .where(`hit.id IN (${ids.getQuery()})`)
        .setParameters(ids.getParameters())
        .orderBy('hit.starts_at', 'ASC')
        .addOrderBy('hit.id', 'ASC');
    }
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
    // Up to a few thousand rows per request, so they come back as ONE text value (one record per
    // candidate, fixed field order) that Node splits, instead of rows the driver parses field by
    // field (measured: most of this read's Node CPU) or a json_agg (twice the database time of
    // string_agg). The separators cannot occur in a field: id is a uuid, category/mode/compensation
    // are CHECK-constrained words, codes are digits, times are numbers, and the free texts (title,
    // tags, skills) are JSON-encoded, which escapes every control character. The inner query reads
    // only columns of idx_projects_open_matching (index-only scan); date_part is float8 (extract is
    // numeric since PostgreSQL 14, measurably slower over a thousand rows).
    const [{ rows }]: { rows: string | null }[] = await this.dataSource.query(
      `SELECT string_agg(concat_ws(E'\\x1f', id, category, mode, capacity, compensation,
                array_to_string(municipality_codes, ','), array_to_string(prefecture_codes, ','),
                date_part('epoch', starts_at) * 1000, date_part('epoch', ends_at) * 1000, date_part('epoch', application_deadline) * 1000,
                coalesce((date_part('epoch', published_at) * 1000)::text, ''), to_json(title), to_json(tags), to_json(required_skills)),
              E'\\x1d' ORDER BY published_at DESC, id DESC) AS rows
         FROM (SELECT id, title, category, mode, capacity, compensation, tags, required_skills, municipality_codes, prefecture_codes,
                      starts_at, ends_at, application_deadline, published_at
                 FROM projects
                WHERE status = 'published' AND application_deadline > $1 ${clauses.length ? `AND (${clauses.join(' OR ')})` : ''}
                ORDER BY published_at DESC, id DESC
                LIMIT $2) AS candidate`,
      params,
    );
    if (!rows) return [];
    return rows.split(RECORD_SEP).map((record) => {
      const [id, category, mode, capacity, compensation, munis, prefs, starts, ends, deadline, published, title, tags, skills] = record.split(FIELD_SEP);
      const municipalityCodes = munis ? munis.split(',') : [];
      return {
        id,
        title: JSON.parse(title) as string,
        category: category as ProjectCategory,
        tags: JSON.parse(tags) as string[],
        requiredSkills: JSON.parse(skills) as string[],
        mode: mode as ProjectMode,
        hostMunicipalityCode: municipalityCodes[0],
        municipalityCodes,
        prefectureCodes: prefs ? prefs.split(',') : [],
        startsAt: new Date(Number(starts)),
        endsAt: new Date(Number(ends)),
        applicationDeadline: new Date(Number(deadline)),
        capacity: Number(capacity),
        compensation: compensation as ProjectEntity['compensation'],
        publishedAt: published === '' ? null : new Date(Number(published)),
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
    // Equality filters and skills are elements of the generated discovery_facets array (see the
    // AddProjectsCoveringIndexes migration): one GIN containment answers any combination.
    const facets = discoveryFacets(f);
    if (facets.length) qb.andWhere('p.discovery_facets @> :facets::text[]', { facets });
    if (f.skills?.length) qb.andWhere('p.discovery_facets && :skillFacets::text[]', { skillFacets: f.skills.map((s) => `s:${s}`) });
    if (f.startsFrom) qb.andWhere('p.starts_at >= :startsFrom', { startsFrom: f.startsFrom });
    if (f.startsTo) qb.andWhere('p.starts_at <= :startsTo', { startsTo: f.startsTo });
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

/** The discovery_facets elements a filter requires (all of them): p:/u:/c:/t:/m: prefixed values. */
function discoveryFacets(f: DiscoveryFilter): string[] {
  const facets: string[] = [];
  if (f.prefectureCode) facets.push(`p:${f.prefectureCode}`);
  if (f.municipalityCode) facets.push(`u:${f.municipalityCode}`);
  if (f.category) facets.push(`c:${f.category}`);
  if (f.tag) facets.push(`t:${f.tag}`);
  if (f.mode) facets.push(`m:${f.mode}`);
  return facets;
}

/** A text search of exactly one term (the common case, searched tier by tier). */
function isSingleTerm(f: DiscoveryFilter): boolean {
  return f.search !== null && f.search !== undefined && f.search.terms.length === 1;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Compensation, ProjectCategory, ProjectMode, ProjectStatus } from '../domain/project';

/** A project posted by a municipality (optionally co-hosted: 広域). */
@Entity({ name: 'projects' })
// GIN and partial indexes live in the migrations (CreateProjects, AddProjectsCoveringIndexes).
@Index('idx_projects_search_grams', { synchronize: false })
@Index('idx_projects_municipality_codes', { synchronize: false })
@Index('idx_projects_prefecture_codes', { synchronize: false })
@Index('idx_projects_published_discovery', { synchronize: false })
@Index('idx_projects_host_municipality_code', { synchronize: false })
@Index('idx_projects_open_matching', { synchronize: false })
@Index('idx_projects_discovery_facets', { synchronize: false })
export class ProjectEntity {
  @PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })
  id: string;

  @Column({ type: 'text', default: 'draft' })
  status: ProjectStatus;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'char', length: 6 })
  hostMunicipalityCode: string;

  @Column({ type: 'char', length: 2 })
  hostPrefectureCode: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  coHostMunicipalityCodes: string[];

  /** Host first, then co-hosts: the staff scope and the municipality filter read this. */
  @Column({ type: 'text', array: true })
  municipalityCodes: string[];

  @Column({ type: 'text', array: true })
  prefectureCodes: string[];

  @Column({ type: 'text' })
  category: ProjectCategory;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredSkills: string[];

  @Column({ type: 'text' })
  mode: ProjectMode;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'timestamptz' })
  applicationDeadline: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'text' })
  compensation: Compensation;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  // search_text, search_grams and discovery_facets are STORED generated columns: never written, never selected.
}

import type { Compensation, ProjectCategory, ProjectMode, ProjectStatus } from '../domain/project';
import type { ProjectEntity } from '../persistence/project.entity';

/** A project as the api returns it. */
export interface ProjectView {
  id: string;
  status: ProjectStatus;
  title: string;
  description: string;
  hostMunicipalityCode: string;
  coHostMunicipalityCodes: string[];
  prefectureCodes: string[];
  category: ProjectCategory;
  tags: string[];
  requiredSkills: string[];
  mode: ProjectMode;
  startsAt: string;
  endsAt: string;
  applicationDeadline: string;
  capacity: number;
  compensation: Compensation;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  cancelledAt: string | null;
}

/** What participation needs to decide about an application. */
export interface ProjectForParticipation {
  id: string;
  status: ProjectStatus;
  capacity: number;
  hostMunicipalityCode: string;
  coHostMunicipalityCodes: string[];
  applicationDeadline: Date;
  startsAt: Date;
  endsAt: Date;
  title: string;
  /** The project's category (published with verified activities: statistics by category). */
  category: ProjectCategory;
}

/** An open project as the recommender (matching) needs it. */
export interface ProjectForMatching {
  id: string;
  title: string;
  category: ProjectCategory;
  tags: string[];
  requiredSkills: string[];
  mode: ProjectMode;
  hostMunicipalityCode: string;
  /** Host first, then co-hosts. */
  municipalityCodes: string[];
  prefectureCodes: string[];
  startsAt: Date;
  endsAt: Date;
  applicationDeadline: Date;
  capacity: number;
  compensation: Compensation;
  publishedAt: Date | null;
}

export interface ProjectPage {
  items: ProjectView[];
  nextCursor: string | null;
}

export function toProjectView(p: ProjectEntity): ProjectView {
  return {
    id: p.id,
    status: p.status,
    title: p.title,
    description: p.description,
    hostMunicipalityCode: p.hostMunicipalityCode,
    coHostMunicipalityCodes: p.coHostMunicipalityCodes,
    prefectureCodes: p.prefectureCodes,
    category: p.category,
    tags: p.tags,
    requiredSkills: p.requiredSkills,
    mode: p.mode,
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    applicationDeadline: p.applicationDeadline.toISOString(),
    capacity: p.capacity,
    compensation: p.compensation,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    publishedAt: p.publishedAt?.toISOString() ?? null,
    cancelledAt: p.cancelledAt?.toISOString() ?? null,
  };
}

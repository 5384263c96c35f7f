/** Projects context: municipality projects (広域 co-hosting), their lifecycle and public discovery. */
import './projects.errors';
export { ProjectsModule } from './projects.module';
export { ProjectsService } from './application/projects.service';
export { ProjectsDemoSeeder } from './application/projects-demo.seeder';
export type { DiscoveryQuery } from './application/projects.service';
export type { ProjectForParticipation, ProjectForMatching, ProjectView, ProjectPage } from './application/project-views';
export type { MatchingCandidateFilter } from './persistence/projects.repository';
export { ProjectTopics } from './application/projects.topics';
export type {
  ProjectTopic,
  ProjectPublishedPayload,
  ProjectChangedPayload,
  ProjectCapacityChangedPayload,
  ProjectClosedPayload,
  ProjectCompletedPayload,
  ProjectCancelledPayload,
} from './application/projects.topics';
export { ProjectsErrorCode, projectsErrors } from './projects.errors';
export {
  PROJECT_STATUSES,
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_LABELS,
  SECTOR_TAGS,
  PROJECT_MODES,
  COMPENSATIONS,
} from './domain/project';
export type { ProjectStatus, ProjectCategory, ProjectMode, Compensation, SectorTag } from './domain/project';

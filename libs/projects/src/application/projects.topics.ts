/** Outbox topics the projects context publishes; names never change once shipped. */
export const ProjectTopics = {
  published: 'projects.project.published',
  changed: 'projects.project.changed',
  capacityChanged: 'projects.project.capacity_changed',
  closed: 'projects.project.closed',
  completed: 'projects.project.completed',
  cancelled: 'projects.project.cancelled',
} as const;
export type ProjectTopic = (typeof ProjectTopics)[keyof typeof ProjectTopics];

export interface ProjectPublishedPayload {
  projectId: string;
  hostMunicipalityCode: string;
  coHostMunicipalityCodes: string[];
  title: string;
  category: string;
  tags: string[];
  requiredSkills: string[];
  mode: string;
  startsAt: string;
  endsAt: string;
  applicationDeadline: string;
  capacity: number;
  publishedAt: string;
}

export interface ProjectChangedPayload {
  projectId: string;
  status: string;
  /** Names of changed fields, e.g. ['startsAt', 'title']. */
  changedFields: string[];
  /** Old and new values (null for `description`, which is only named). */
  changes: { field: string; from: unknown; to: unknown }[];
  version: number;
  changedAt: string;
}

export interface ProjectCapacityChangedPayload {
  projectId: string;
  previousCapacity: number;
  capacity: number;
  version: number;
  changedAt: string;
}

export interface ProjectClosedPayload {
  projectId: string;
  closedAt: string;
}

export interface ProjectCompletedPayload {
  projectId: string;
  completedAt: string;
}

export interface ProjectCancelledPayload {
  projectId: string;
  hostMunicipalityCode: string;
  coHostMunicipalityCodes: string[];
  title: string;
  previousStatus: string;
  reason: string | null;
  cancelledAt: string;
}

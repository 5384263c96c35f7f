/** What the participation context knows about a project when someone applies (from @app/projects). */
export interface ProjectSnapshot {
  id: string;
  status: 'draft' | 'published' | 'closed' | 'completed' | 'cancelled';
  capacity: number;
  hostMunicipalityCode: string;
  coHostMunicipalityCodes: string[];
  applicationDeadline: Date | string | null;
  startsAt: Date | string | null;
  endsAt: Date | string | null;
  title: string;
  /** Project category (carried into `activity.verified` for statistics by category). */
  category?: string | null;
}

export type ApplyRefusal = 'not_published' | 'deadline_passed';

/** A project takes applications while published and before its application deadline. */
export function applyRefusal(project: ProjectSnapshot, now: Date): ApplyRefusal | null {
  if (project.status !== 'published') return 'not_published';
  const deadline = project.applicationDeadline ? new Date(project.applicationDeadline) : null;
  if (deadline && deadline.getTime() < now.getTime()) return 'deadline_passed';
  return null;
}

/** Host first, then co-hosts, without duplicates: the municipalities an activity counts for. */
export function projectMunicipalities(project: Pick<ProjectSnapshot, 'hostMunicipalityCode' | 'coHostMunicipalityCodes'>): string[] {
  return [...new Set([project.hostMunicipalityCode, ...(project.coHostMunicipalityCodes ?? [])])];
}

/** A freed seat is offered only while the project can still take place. */
export function seatsCanBeOffered(project: ProjectSnapshot | null, now: Date): boolean {
  if (!project) return false;
  if (project.status !== 'published' && project.status !== 'closed') return false;
  const ends = project.endsAt ? new Date(project.endsAt) : null;
  return !ends || ends.getTime() > now.getTime();
}

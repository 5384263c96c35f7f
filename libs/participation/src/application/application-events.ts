import type { DomainEvent } from '@app/platform/outbox';
import type { ApplicationState } from '../domain/application-state';
import {
  PARTICIPATION_TOPICS,
  type ActivityVerifiedPayload,
  type ApplicationStateChangedPayload,
} from '../jobs/participation.jobs';
import type { ActivityRecord } from '../persistence/activity.repository';
import type { ActorKind, ApplicationRecord } from '../persistence/application.repository';

export function applicationStateEvent(app: ApplicationRecord, previousState: ApplicationState | null, actorKind: ActorKind): DomainEvent {
  const payload: ApplicationStateChangedPayload = {
    applicationId: app.id,
    projectId: app.projectId,
    participantId: app.participantId,
    state: app.state,
    previousState,
    version: app.version,
    actorKind,
  };
  return {
    topic: PARTICIPATION_TOPICS.applicationState(app.state),
    key: `${app.id}:${app.version}`,
    payload: payload as unknown as Record<string, unknown>,
  };
}

export function activityVerifiedEvent(activity: ActivityRecord, category: string | null = null): DomainEvent {
  const payload: ActivityVerifiedPayload = {
    activityId: activity.id,
    applicationId: activity.applicationId,
    participantId: activity.participantId,
    projectId: activity.projectId,
    municipalityCodes: activity.municipalityCodes,
    verifiedAt: activity.verifiedAt.toISOString(),
    verifiedBy: activity.verifiedBy,
    category,
  };
  return { topic: PARTICIPATION_TOPICS.activityVerified, key: activity.id, payload: payload as unknown as Record<string, unknown> };
}

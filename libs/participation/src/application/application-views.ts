import { AppError } from '@app/platform/errors';
import type { ApplicationState } from '../domain/application-state';
import type { ActivityRecord } from '../persistence/activity.repository';
import type { ApplicationCursor, ApplicationRecord } from '../persistence/application.repository';
import { ParticipationErrorCode } from '../participation.errors';

/** An application as the API shows it (JSON-safe: dates as ISO strings). */
export interface ApplicationView {
  id: string;
  projectId: string;
  participantId: string;
  state: ApplicationState;
  motivation: string | null;
  version: number;
  appliedAt: string;
  acceptedAt: string | null;
  rejectedAt: string | null;
  waitlistedAt: string | null;
  attendedAt: string | null;
  noShowAt: string | null;
  withdrawnAt: string | null;
  cancelledAt: string | null;
  updatedAt: string;
}

export interface ApplicantContact {
  email: string;
  displayName: string | null;
}

/** What host staff see: the application, plus contact data only where the participant consented. */
export interface StaffApplicationView extends ApplicationView {
  contactShared: boolean;
  contact: ApplicantContact | null;
}

export interface ActivityView {
  id: string;
  applicationId: string;
  participantId: string;
  projectId: string;
  municipalityCodes: string[];
  verifiedAt: string;
  verifiedBy: 'staff' | 'check_in_code';
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toApplicationView(a: ApplicationRecord): ApplicationView {
  return {
    id: a.id,
    projectId: a.projectId,
    participantId: a.participantId,
    state: a.state,
    motivation: a.motivation,
    version: a.version,
    appliedAt: a.appliedAt.toISOString(),
    acceptedAt: iso(a.acceptedAt),
    rejectedAt: iso(a.rejectedAt),
    waitlistedAt: iso(a.waitlistedAt),
    attendedAt: iso(a.attendedAt),
    noShowAt: iso(a.noShowAt),
    withdrawnAt: iso(a.withdrawnAt),
    cancelledAt: iso(a.cancelledAt),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/**
 * An ApplicationView read back from JSON storage (jsonb reorders keys), with its fields in the
 * same order as a fresh response, so a replayed response is byte-for-byte the original.
 */
export function applicationViewFromJson(o: Record<string, unknown>): ApplicationView {
  const v = o as unknown as ApplicationView;
  return {
    id: v.id,
    projectId: v.projectId,
    participantId: v.participantId,
    state: v.state,
    motivation: v.motivation,
    version: v.version,
    appliedAt: v.appliedAt,
    acceptedAt: v.acceptedAt,
    rejectedAt: v.rejectedAt,
    waitlistedAt: v.waitlistedAt,
    attendedAt: v.attendedAt,
    noShowAt: v.noShowAt,
    withdrawnAt: v.withdrawnAt,
    cancelledAt: v.cancelledAt,
    updatedAt: v.updatedAt,
  };
}

export function toActivityView(a: ActivityRecord): ActivityView {
  return { ...a, verifiedAt: a.verifiedAt.toISOString() };
}

export function encodeCursor(a: ApplicationRecord): string {
  return Buffer.from(JSON.stringify({ t: a.appliedAt.toISOString(), id: a.id })).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string | undefined): ApplicationCursor | null {
  if (!cursor) return null;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { t?: unknown; id?: unknown };
    if (typeof parsed.t === 'string' && !Number.isNaN(Date.parse(parsed.t)) && typeof parsed.id === 'string' && UUID.test(parsed.id)) {
      return { appliedAt: parsed.t, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw new AppError(ParticipationErrorCode.APPLICATION_CURSOR_INVALID);
}

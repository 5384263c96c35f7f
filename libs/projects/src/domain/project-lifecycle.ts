import { AppError } from '@app/platform/errors';
import { ProjectsErrorCode } from '../projects.errors';
import type { ProjectStatus } from './project';

/** draft → published → closed → completed; cancelled from draft, published or closed. */
export type ProjectAction = 'publish' | 'close' | 'complete' | 'cancel';

const TRANSITIONS: Record<ProjectAction, { from: readonly ProjectStatus[]; to: ProjectStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  complete: { from: ['closed'], to: 'completed' },
  cancel: { from: ['draft', 'published', 'closed'], to: 'cancelled' },
};

export const STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: '下書き',
  published: '募集中',
  closed: '募集終了',
  completed: '実施済み',
  cancelled: '中止',
};

const ACTION_LABELS: Record<ProjectAction, string> = {
  publish: '公開',
  close: '募集終了に',
  complete: '実施済みに',
  cancel: '中止',
};

export function canTransition(from: ProjectStatus, action: ProjectAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

/** The next status, or a 409 PROJECT_ILLEGAL_TRANSITION with a Japanese message. */
export function nextStatus(from: ProjectStatus, action: ProjectAction): ProjectStatus {
  if (!canTransition(from, action)) {
    throw new AppError(ProjectsErrorCode.PROJECT_ILLEGAL_TRANSITION, {
      from,
      action,
      fromLabel: STATUS_LABELS[from],
      actionLabel: ACTION_LABELS[action],
    });
  }
  return TRANSITIONS[action].to;
}

/** Drafts and open projects may be edited; closed/completed/cancelled ones are history. */
export function assertEditable(status: ProjectStatus): void {
  if (status !== 'draft' && status !== 'published') {
    throw new AppError(ProjectsErrorCode.PROJECT_NOT_EDITABLE, { status, statusLabel: STATUS_LABELS[status] });
  }
}

/** Audiences exist only once published: drafts change silently. */
export function isPublic(status: ProjectStatus): boolean {
  return status === 'published' || status === 'closed' || status === 'completed';
}

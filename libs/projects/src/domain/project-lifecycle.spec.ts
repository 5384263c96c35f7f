import { AppError, lookupError, formatMessage } from '@app/platform/errors';
import { ProjectsErrorCode } from '../projects.errors';
import { assertEditable, canTransition, nextStatus, type ProjectAction } from './project-lifecycle';
import { PROJECT_STATUSES, type ProjectStatus } from './project';

describe('project lifecycle', () => {
  const legal: [ProjectStatus, ProjectAction, ProjectStatus][] = [
    ['draft', 'publish', 'published'],
    ['published', 'close', 'closed'],
    ['closed', 'complete', 'completed'],
    ['draft', 'cancel', 'cancelled'],
    ['published', 'cancel', 'cancelled'],
    ['closed', 'cancel', 'cancelled'],
  ];

  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it('refuses every other transition with a 409 in Japanese', () => {
    const actions: ProjectAction[] = ['publish', 'close', 'complete', 'cancel'];
    let refused = 0;
    for (const from of PROJECT_STATUSES) {
      for (const action of actions) {
        if (legal.some(([f, a]) => f === from && a === action)) continue;
        expect(canTransition(from, action)).toBe(false);
        try {
          nextStatus(from, action);
          throw new Error('expected refusal');
        } catch (e) {
          expect(e).toBeInstanceOf(AppError);
          const err = e as AppError;
          expect(err.code).toBe(ProjectsErrorCode.PROJECT_ILLEGAL_TRANSITION);
          const msg = lookupError(err.code)!;
          expect(msg.status).toBe(409);
          expect(formatMessage(msg.ja, err.params)).toMatch(/のプロジェクトは.+できません/);
        }
        refused++;
      }
    }
    expect(refused).toBe(20 - legal.length);
  });

  it('names the states in Japanese: a completed project cannot be published', () => {
    try {
      nextStatus('completed', 'publish');
    } catch (e) {
      expect(formatMessage(lookupError((e as AppError).code)!.ja, (e as AppError).params)).toBe('「実施済み」のプロジェクトは公開できません。');
    }
    expect.assertions(1);
  });

  it('lets drafts and published projects be edited, not the others', () => {
    expect(() => assertEditable('draft')).not.toThrow();
    expect(() => assertEditable('published')).not.toThrow();
    for (const s of ['closed', 'completed', 'cancelled'] as const) {
      expect(() => assertEditable(s)).toThrow(expect.objectContaining({ code: ProjectsErrorCode.PROJECT_NOT_EDITABLE }));
    }
  });
});

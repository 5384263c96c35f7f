/**
 * Application lifecycle (PRODUCT.md §3.5, 応募の状態遷移):
 *
 *   applied    → accepted | rejected | waitlisted | withdrawn | cancelled
 *   accepted   → attended | no_show | withdrawn | cancelled
 *   waitlisted → accepted (staff, or the automatic offer of a freed seat) | withdrawn | cancelled
 *   rejected, attended, no_show, withdrawn, cancelled are final.
 *
 * `cancelled` is only reached when the project itself is cancelled. A freed seat is given to the
 * first waitlisted applicant directly (waitlisted → accepted, no separate "offered" state): the
 * participant is told by the `participation.application.accepted` event (previousState
 * `waitlisted`) and may withdraw if they can no longer come.
 */
export const APPLICATION_STATES = [
  'applied',
  'accepted',
  'rejected',
  'waitlisted',
  'attended',
  'no_show',
  'withdrawn',
  'cancelled',
] as const;

export type ApplicationState = (typeof APPLICATION_STATES)[number];

const TRANSITIONS: Readonly<Record<ApplicationState, readonly ApplicationState[]>> = {
  applied: ['accepted', 'rejected', 'waitlisted', 'withdrawn', 'cancelled'],
  accepted: ['attended', 'no_show', 'withdrawn', 'cancelled'],
  waitlisted: ['accepted', 'withdrawn', 'cancelled'],
  rejected: [],
  attended: [],
  no_show: [],
  withdrawn: [],
  cancelled: [],
};

/** Japanese labels, used in messages (e.g. 「現在の状態（承認済み）では…」). */
export const APPLICATION_STATE_LABELS_JA: Readonly<Record<ApplicationState, string>> = {
  applied: '応募中',
  accepted: '承認済み',
  rejected: '不採用',
  waitlisted: 'キャンセル待ち',
  attended: '参加済み',
  no_show: '欠席',
  withdrawn: '辞退済み',
  cancelled: '中止',
};

/** States that still hold a claim on the project (cancelled when the project is). */
export const OPEN_STATES: readonly ApplicationState[] = ['applied', 'accepted', 'waitlisted'];

export function isApplicationState(value: unknown): value is ApplicationState {
  return typeof value === 'string' && (APPLICATION_STATES as readonly string[]).includes(value);
}

export function canTransition(from: ApplicationState, to: ApplicationState): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: ApplicationState): readonly ApplicationState[] {
  return TRANSITIONS[from];
}

export function isOpen(state: ApplicationState): boolean {
  return OPEN_STATES.includes(state);
}

export function isFinal(state: ApplicationState): boolean {
  return TRANSITIONS[state].length === 0;
}

/** Whether this application holds one of the project's seats (counted in accepted_count). */
export function holdsSeat(state: ApplicationState): boolean {
  return state === 'accepted' || state === 'attended';
}

export type TransitionResult =
  | { ok: true; from: ApplicationState; to: ApplicationState; takesSeat: boolean; freesSeat: boolean }
  | { ok: false; from: ApplicationState; to: ApplicationState };

/**
 * Decides a transition. `takesSeat`: the use case must claim a seat (conditional increment);
 * `freesSeat`: it must release one and offer it to the first waitlisted applicant.
 */
export function decideTransition(from: ApplicationState, to: ApplicationState): TransitionResult {
  if (!canTransition(from, to)) return { ok: false, from, to };
  return {
    ok: true,
    from,
    to,
    takesSeat: !holdsSeat(from) && holdsSeat(to),
    freesSeat: holdsSeat(from) && !holdsSeat(to),
  };
}

import {
  APPLICATION_STATES,
  allowedTransitions,
  canTransition,
  decideTransition,
  holdsSeat,
  isFinal,
  isOpen,
  type ApplicationState,
} from './application-state';

// The full table of PRODUCT.md §3.5, written out independently of the implementation.
const LEGAL = new Set<string>([
  'applied>accepted',
  'applied>rejected',
  'applied>waitlisted',
  'applied>withdrawn',
  'applied>cancelled',
  'accepted>attended',
  'accepted>no_show',
  'accepted>withdrawn',
  'accepted>cancelled',
  'waitlisted>accepted',
  'waitlisted>withdrawn',
  'waitlisted>cancelled',
]);

const pairs: [ApplicationState, ApplicationState][] = APPLICATION_STATES.flatMap((from) =>
  APPLICATION_STATES.map((to) => [from, to] as [ApplicationState, ApplicationState]),
);

describe('application state machine', () => {
  it('has 8 states and checks all 64 pairs', () => {
    expect(APPLICATION_STATES).toHaveLength(8);
    expect(pairs).toHaveLength(64);
  });

  it.each(pairs)('%s → %s', (from, to) => {
    const legal = LEGAL.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(legal);
    const decision = decideTransition(from, to);
    expect(decision.ok).toBe(legal);
    expect(allowedTransitions(from).includes(to)).toBe(legal);
  });

  it('never allows staying in the same state', () => {
    for (const s of APPLICATION_STATES) expect(canTransition(s, s)).toBe(false);
  });

  it('marks final and open states', () => {
    expect(APPLICATION_STATES.filter(isFinal).sort()).toEqual(['attended', 'cancelled', 'no_show', 'rejected', 'withdrawn']);
    expect(APPLICATION_STATES.filter(isOpen).sort()).toEqual(['accepted', 'applied', 'waitlisted']);
  });

  it('every open state can be cancelled (project cancelled) and no final one can', () => {
    for (const s of APPLICATION_STATES) expect(canTransition(s, 'cancelled')).toBe(isOpen(s));
  });

  it('tells which transitions take and which free a seat', () => {
    const seatMoves = pairs
      .map(([f, t]) => decideTransition(f, t))
      .filter((d): d is Extract<typeof d, { ok: true }> => d.ok)
      .map((d) => `${d.from}>${d.to}:${d.takesSeat ? 'take' : ''}${d.freesSeat ? 'free' : ''}`)
      .filter((s) => !s.endsWith(':'))
      .sort();
    expect(seatMoves).toEqual([
      'accepted>cancelled:free',
      'accepted>no_show:free',
      'accepted>withdrawn:free',
      'applied>accepted:take',
      'waitlisted>accepted:take',
    ]);
    expect(holdsSeat('attended')).toBe(true);
  });
});

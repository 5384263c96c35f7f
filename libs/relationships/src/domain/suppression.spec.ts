import { suppressCells } from './suppression';

describe('suppressCells', () => {
  const cells = (vs: number[]) => vs.map((value, i) => ({ id: i, value: value as number | null }));

  it('hides 1 ≤ v < k, keeps 0 and values ≥ k', () => {
    const out = suppressCells(cells([0, 3, 10, 25, 4]), 10, () => true);
    expect(out.map((c) => c.value)).toEqual([0, null, 10, 25, null]);
    expect(out[1]).toMatchObject({ suppressed: true, label: '10未満' });
  });

  it('adds a secondary cell when only one is suppressed, so the total cannot reveal it', () => {
    const out = suppressCells(cells([5, 40, 12, 0]), 10, () => true);
    expect(out.map((c) => c.value)).toEqual([null, 40, null, 0]);
    // no cell with 1..9 remains visible
    expect(out.some((c) => c.value !== null && c.value >= 1 && c.value < 10)).toBe(false);
  });

  it('leaves cells alone when primary suppression does not apply (admin, prefecture level)', () => {
    expect(suppressCells(cells([5, 40]), 10, () => false).map((c) => c.value)).toEqual([5, 40]);
  });

  it('uses the configured k', () => {
    expect(suppressCells(cells([5, 7, 40]), 6, () => true).map((c) => c.value)).toEqual([null, null, 40]);
  });
});

/** A published number: metric id + version, and either a value or a suppression mark (秘匿). */
export interface PublishedValue {
  metric: string;
  version: number;
  value: number | null;
  suppressed?: true;
  label?: string;
}

export function suppressionLabel(k: number): string {
  return `${k}未満`;
}

/**
 * Primary suppression (1 ≤ v < k) of the cells that need it, then secondary suppression: when a
 * group (siblings sharing a shown total) has exactly one suppressed cell, the smallest other
 * non-zero cell is suppressed too, so no suppressed value can be recovered by subtraction.
 * Zero stays 0 (no person to protect); a suppressed cell is never shown as 0.
 */
export function suppressCells<T extends { value: number | null; suppressed?: true; label?: string }>(
  cells: T[],
  k: number,
  needsPrimary: (cell: T) => boolean,
): T[] {
  const label = suppressionLabel(k);
  const out = cells.map((c) => ({ ...c }));
  for (const c of out) {
    if (c.value !== null && c.value >= 1 && c.value < k && needsPrimary(c)) {
      c.value = null;
      c.suppressed = true;
      c.label = label;
    }
  }
  const suppressed = out.filter((c) => c.suppressed).length;
  if (suppressed === 1) {
    const candidates = out
      .map((c, i) => ({ c, v: cells[i].value ?? 0 }))
      .filter(({ c, v }) => !c.suppressed && v > 0)
      .sort((a, b) => a.v - b.v);
    if (candidates[0]) {
      candidates[0].c.value = null;
      candidates[0].c.suppressed = true;
      candidates[0].c.label = label;
    }
  }
  return out;
}

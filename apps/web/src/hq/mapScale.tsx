// Colour scale and legend shared by the tile-grid map and the boundary choropleth.
import { formatJaLarge } from '../format';
import { useI18n } from '../i18n';

// DADS primitive blues, light → dark; text switches to white from index 3 (contrast ≥ 4.5:1).
export const SCALE = ['var(--color-primitive-blue-50)', 'var(--color-primitive-blue-200)', 'var(--color-primitive-blue-400)', 'var(--color-primitive-blue-700)', 'var(--color-primitive-blue-1000)'];

export function suppressedLabel(t: (ja: string, en: string) => string): string {
  return t('10未満（秘匿）', '<10 (suppressed)');
}

/** Three class breaks at 25 / 50 / 75 % of the largest value (none when everything is 0). */
export function bucketsOf(values: number[]): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [];
  const round = (v: number) => (max >= 20 ? Math.round(v) : Math.round(v * 100) / 100);
  return [0.25, 0.5, 0.75].map((f) => round(max * f));
}

/** Index into SCALE for a value: 0 for zero, 1–4 by the breaks. */
export function shade(value: number, breaks: number[]): number {
  if (value <= 0) return 0;
  let i = 0;
  while (i < breaks.length && value > breaks[i]) i++;
  return Math.min(SCALE.length - 1, i + 1);
}

export function MapLegend({ breaks }: { breaks: number[] }) {
  const { t, lang } = useI18n();
  return (
    <ul className="map-legend" aria-label={t('凡例', 'Legend')}>
      {(breaks.length ? SCALE : SCALE.slice(0, 1)).map((c, i) => (
        <li key={c}>
          <span className="swatch" style={{ background: c }} aria-hidden="true" />
          {i === 0
            ? '0'
            : i === 1
              ? `1〜${formatJaLarge(breaks[0], lang)}`
              : i < SCALE.length - 1
                ? `${formatJaLarge(breaks[i - 2], lang)}${t('超', '<')}〜${formatJaLarge(breaks[i - 1], lang)}`
                : `${formatJaLarge(breaks[i - 2], lang)}${t('超', '+')}`}
        </li>
      ))}
      <li>
        <span className="swatch swatch--suppressed" aria-hidden="true" />
        {suppressedLabel(t)}
      </li>
    </ul>
  );
}

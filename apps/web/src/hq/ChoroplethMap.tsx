// True choropleth of the 47 prefectures from a configured boundary TopoJSON (format of
// shared/data/japan-prefectures.topo.json: object `prefectures`, geometry id = 2-digit code).
// Loaded lazily (topojson-client + d3-geo live only in this chunk); without boundaries configured
// the dashboard keeps the built-in tile-grid map.
import { useEffect, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { Loading, Notice } from '../components/ui';
import { formatJaLarge, formatNumber } from '../format';
import { useI18n } from '../i18n';
import { bucketsOf, MapLegend, SCALE, shade, suppressedLabel } from './mapScale';
import type { Cell } from './stats';

type PrefFeature = Feature<Geometry, { code?: string; name?: string } | null>;

const W = 640;
const H = 600;
const OKINAWA = '47';
// Okinawa as an inset in the top-left corner (open sea on a Mercator map of Japan).
const INSET: [[number, number], [number, number]] = [[8, 8], [176, 150]];

const cache = new Map<string, Promise<PrefFeature[]>>();

/** Fetches and decodes the boundaries once per URL (public, same-origin, no credentials needed). */
export function loadBoundaries(url: string): Promise<PrefFeature[]> {
  let p = cache.get(url);
  if (!p) {
    p = fetch(url, { headers: { accept: 'application/json' } })
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json() as Promise<Topology>;
      })
      .then((topo) => {
        const object = (topo.objects.prefectures ?? Object.values(topo.objects)[0]) as GeometryCollection | undefined;
        if (!object) throw new Error('no objects in topology');
        const fc = feature(topo, object) as unknown as FeatureCollection<Geometry, PrefFeature['properties']>;
        return fc.features.map((f) => ({ ...f, id: codeOf(f) }));
      });
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

function codeOf(f: PrefFeature): string {
  const raw = String(f.id ?? f.properties?.code ?? '');
  return raw.length === 1 ? `0${raw}` : raw.slice(0, 2);
}

// Fitted to fixed boxes (longitude, latitude) rather than to the shapes: 東京都's 小笠原 and
// 沖ノ鳥島 / 南鳥島 would otherwise shrink the main islands to a third of the map.
const MAIN_BOX: [number, number][] = [[128.4, 30.2], [145.9, 45.6]];
const OKINAWA_BOX: [number, number][] = [[122.9, 24.0], [131.4, 27.95]];

function projected(features: PrefFeature[]): Array<{ code: string; d: string; inset: boolean }> {
  const hasOkinawa = features.some((f) => f.id === OKINAWA);
  const fit = (box: [number, number][], extent: [[number, number], [number, number]]): GeoProjection =>
    geoMercator().fitExtent(extent, { type: 'MultiPoint', coordinates: box });
  const mainPath = geoPath(fit(MAIN_BOX, [[12, 12], [W - 12, H - 12]]));
  const okiPath = hasOkinawa ? geoPath(fit(OKINAWA_BOX, INSET)) : null;
  return features.map((f) => ({
    code: String(f.id),
    d: (f.id === OKINAWA && okiPath ? okiPath(f) : mainPath(f)) ?? '',
    inset: f.id === OKINAWA,
  }));
}

export function ChoroplethMap({
  url,
  cells,
  nameOf,
  metricName,
  selected,
  onSelect,
  fallback,
}: {
  url: string;
  cells: Map<string, Cell>;
  nameOf(code: string): string;
  metricName: string;
  selected: string | null;
  onSelect(code: string): void;
  fallback: ReactNode;
}) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<{ features: PrefFeature[] | null; failed: boolean }>({ features: null, failed: false });
  const [focus, setFocus] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadBoundaries(url).then(
      (features) => live && setState({ features, failed: false }),
      () => live && setState({ features: null, failed: true }),
    );
    return () => {
      live = false;
    };
  }, [url]);
  const shapes = useMemo(() => (state.features ? projected(state.features) : []), [state.features]);
  const breaks = bucketsOf([...cells.values()].map((c) => c.value ?? 0));

  if (state.failed) {
    return (
      <>
        <Notice tone="warning">{t('境界データを読み込めなかったため、タイル地図で表示しています。', 'Boundary data could not be loaded; showing the tile map.')}</Notice>
        {fallback}
      </>
    );
  }
  if (!state.features) return <Loading label={t('地図データを読み込み中…', 'Loading map data…')} />;

  const valueText = (code: string) => {
    const cell = cells.get(code);
    if (!cell) return t('データなし', 'no data');
    if (cell.suppressed) return suppressedLabel(t);
    return `${formatNumber(cell.value ?? 0)}${t('人', '')}`;
  };
  const onKey = (code: string) => (e: KeyboardEvent<SVGPathElement>) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(code);
    }
  };
  const highlighted = focus ?? selected;
  const highlight = shapes.find((s) => s.code === highlighted);

  return (
    <div className="choropleth">
      <button type="button" className="skip-inline" onClick={() => document.getElementById('choropleth-after')?.focus()}>
        {t('地図の47都道府県を飛ばす', 'Skip the 47 prefectures of the map')}
      </button>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="choropleth__svg"
        role="group"
        aria-label={t(`都道府県別の${metricName}（境界地図）。各都道府県を選ぶと市区町村別を表示します。`, `${metricName} by prefecture (boundary map). Select a prefecture for its municipalities.`)}
      >
        <rect x={INSET[0][0] - 4} y={INSET[0][1] - 4} width={INSET[1][0] - INSET[0][0] + 8} height={INSET[1][1] - INSET[0][1] + 8} className="choropleth__inset" aria-hidden="true" />
        {shapes.map((s) => {
          const cell = cells.get(s.code);
          const idx = !cell || cell.suppressed ? 0 : shade(cell.value ?? 0, breaks);
          return (
            <path
              key={s.code}
              d={s.d}
              role="button"
              tabIndex={0}
              aria-label={`${nameOf(s.code)}：${valueText(s.code)}`}
              aria-pressed={selected === s.code}
              data-prefecture={s.code}
              className={`choropleth__area${cell?.suppressed ? ' choropleth__area--suppressed' : ''}`}
              style={cell?.suppressed ? undefined : { fill: SCALE[idx] }}
              onClick={() => onSelect(s.code)}
              onKeyDown={onKey(s.code)}
              onFocus={() => setFocus(s.code)}
              onBlur={() => setFocus((f) => (f === s.code ? null : f))}
              onMouseEnter={() => setFocus(s.code)}
              onMouseLeave={() => setFocus((f) => (f === s.code ? null : f))}
            />
          );
        })}
        {highlight && (
          <g aria-hidden="true" className={focus ? 'choropleth__ring choropleth__ring--focus' : 'choropleth__ring'}>
            <path d={highlight.d} className="choropleth__halo" />
            <path d={highlight.d} className="choropleth__highlight" />
          </g>
        )}
        <pattern id="choropleth-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#fff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#b3b3b3" strokeWidth="3" />
        </pattern>
      </svg>
      <p className="choropleth__focus" id="choropleth-after" tabIndex={-1}>
        {highlighted ? `${nameOf(highlighted)}：${(() => {
          const cell = cells.get(highlighted);
          return !cell ? t('データなし', 'no data') : cell.suppressed ? suppressedLabel(t) : `${formatJaLarge(cell.value ?? 0, lang)}${t('人', '')}`;
        })()}` : t('都道府県にフォーカスまたはポインタを合わせると値を表示します。', 'Focus or point at a prefecture to see its value.')}
      </p>
      <MapLegend breaks={breaks} />
      <p className="muted choropleth__credit">{t('出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成', 'Source: National Land Numerical Information (administrative areas), MLIT; processed')}</p>
    </div>
  );
}

export default ChoroplethMap;

import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/problem';
import type { Prefecture } from '../api/types';
import { Button, ErrorState, Loading, PageTitle, SelectField, TextField, useAsync } from '../components/ui';
import { CsvExport } from '../components/CsvExport';
import { fiscalYearLabel, fiscalYearOf, formatJaLarge, formatNumber, formatPercent, straightLinePath, todayJst, type Lang } from '../format';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import { loadPrefectures } from '../regions';
import { Link } from '../router';
import { boundariesUrl } from './boundaries';
import { bucketsOf, MapLegend, SCALE, shade, suppressedLabel } from './mapScale';
import { cellsOf, loadCustomRegions, loadScope, loadSeries, loadSummary, type Cell, type MapMetric, type ScopeStats } from './stats';
import { TILE_COLS, TILE_ROWS, TILES } from './tiles';

// topojson-client + d3-geo load only when a boundary TopoJSON is configured and the map is shown.
const ChoroplethMap = lazy(() => import('./ChoroplethMap'));

const TARGET_FY = 2034;
const START_FY = 2025;
const METRICS: Record<MapMetric, [string, string]> = {
  real_persons: ['実人数', 'Real persons'],
  cumulative_persons: ['延べ人数', 'Cumulative persons'],
  real_persons_per1000: ['実人数（人口千人あたり）', 'Real persons per 1,000 residents'],
};
type MetricId = MapMetric;

function KpiCard({ title, actual, target, date, lang }: { title: string; actual: number; target: number; date: string; lang: Lang }) {
  const { t } = useI18n();
  const path = straightLinePath(target, date, START_FY, TARGET_FY);
  const gap = actual - path;
  return (
    <section className="card kpi" aria-label={title}>
      <h2 className="kpi__title">{title}</h2>
      <p className="kpi__value" data-testid={`kpi-${title}`}>
        <span className="kpi__number">{formatJaLarge(actual, lang)}</span>
        <span className="kpi__unit">{t('人', ' persons')}</span>
      </p>
      {actual >= 10000 && <p className="kpi__exact">{t(`${formatNumber(actual)}人`, `${formatNumber(actual)}`)}</p>}
      <div className="kpi__bar" aria-hidden="true">
        <span className="kpi__fill" style={{ width: `${Math.min(100, (actual / target) * 100)}%` }} />
        <span className="kpi__path" style={{ left: `${Math.min(100, (path / target) * 100)}%` }} />
      </div>
      <dl className="kpi__facts">
        <dt>{t(`目標（${fiscalYearLabel(TARGET_FY)}）`, `Target (FY${TARGET_FY})`)}</dt>
        <dd>{formatJaLarge(target, lang)}{t('人', '')}（{formatNumber(target)}）</dd>
        <dt>{t('達成率', 'Progress')}</dt>
        <dd>{formatPercent(actual / target)}</dd>
        <dt>{t('直線経路での想定値', 'Straight-line path')}</dt>
        <dd>{formatJaLarge(path, lang)}{t('人', '')}</dd>
        <dt>{t('経路との差', 'Gap to path')}</dt>
        <dd className={gap >= 0 ? 'good' : 'bad'}>
          {gap >= 0 ? '+' : '−'}
          {formatJaLarge(Math.abs(gap), lang)}
          {t('人', '')}
          {gap >= 0 ? t('（経路を上回る）', ' (ahead)') : t('（経路を下回る）', ' (behind)')}
        </dd>
      </dl>
    </section>
  );
}

/** Straight-line path from FY2025 to FY2034 with the actual value on the chosen date. */
function PathChart({ target, actual, date, title }: { target: number; actual: number; date: string; title: string }) {
  const { t, lang } = useI18n();
  const [asTable, setAsTable] = useState(false);
  const years = Array.from({ length: TARGET_FY - START_FY + 1 }, (_, i) => START_FY + i);
  const W = 640;
  const H = 240;
  const pad = { l: 64, r: 16, t: 16, b: 40 };
  const x = (fy: number) => pad.l + ((fy + 1 - START_FY) / (TARGET_FY + 1 - START_FY)) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / target) * (H - pad.t - pad.b);
  const fyNow = fiscalYearOf(date);
  const start = Date.parse(`${START_FY}-04-01`);
  const frac = (Date.parse(date) - start) / (Date.parse(`${TARGET_FY + 1}-04-01`) - start);
  const ax = pad.l + Math.max(0, Math.min(1, frac)) * (W - pad.l - pad.r);
  return (
    <section className="card" aria-labelledby="path-title">
      <div className="section-head">
        <h2 id="path-title">{title}</h2>
        <Button variant="secondary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t('グラフで見る', 'Show chart') : t('表で見る', 'Show table')}
        </Button>
      </div>
      {!asTable ? (
        <figure className="chart">
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t(`${title}：${fiscalYearLabel(TARGET_FY)}末に${formatJaLarge(target)}人へ向かう直線経路と、${date}時点の実績${formatJaLarge(actual)}人`, `${title}: straight-line path to ${formatJaLarge(target, 'en')} by FY${TARGET_FY}; actual ${formatJaLarge(actual, 'en')} on ${date}`)}>
            {[0, 0.25, 0.5, 0.75, 1].map((f) => (
              <g key={f}>
                <line x1={pad.l} x2={W - pad.r} y1={y(target * f)} y2={y(target * f)} className="chart__grid" />
                <text x={pad.l - 8} y={y(target * f) + 4} textAnchor="end" className="chart__label">{formatJaLarge(target * f, lang)}</text>
              </g>
            ))}
            {years.filter((fy) => (fy - START_FY) % 3 === 0 || fy === TARGET_FY).map((fy) => (
              <text key={fy} x={x(fy)} y={H - pad.b + 18} textAnchor="middle" className="chart__label">{lang === 'en' ? `FY${fy}` : `${fy}年度`}</text>
            ))}
            <line x1={pad.l} y1={y(0)} x2={x(TARGET_FY)} y2={y(target)} className="chart__path" />
            <circle cx={ax} cy={y(Math.min(actual, target))} r={6} className="chart__actual" />
          </svg>
          <figcaption className="legend">
            <span className="legend__item"><span className="legend__line" aria-hidden="true" />{t('直線経路（目標）', 'Straight-line path')}</span>
            <span className="legend__item"><span className="legend__dot" aria-hidden="true" />{t(`実績（${fiscalYearLabel(fyNow)}）`, `Actual (FY${fyNow})`)}</span>
          </figcaption>
        </figure>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption>{t(`${title}：年度末の経路値`, `${title}: path value at each fiscal year end`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('年度', 'Fiscal year')}</th>
                <th scope="col" className="num">{t('経路値（年度末）', 'Path at year end')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((fy) => (
                <tr key={fy}>
                  <th scope="row">{fiscalYearLabel(fy, lang)}</th>
                  <td className="num">{formatNumber(straightLinePath(target, `${fy + 1}-03-31`, START_FY, TARGET_FY))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TileMap({ cells, prefectures, metric, selected, onSelect }: { cells: Map<string, Cell>; prefectures: Map<string, Prefecture>; metric: MetricId; selected: string | null; onSelect(code: string): void }) {
  const { t, lang } = useI18n();
  const breaks = bucketsOf([...cells.values()].map((c) => c.value ?? 0));
  const metricName = METRICS[metric][lang === 'en' ? 1 : 0];
  return (
    <div>
      <div className="tilemap" style={{ gridTemplateColumns: `repeat(${TILE_COLS}, minmax(2.75rem, 1fr))`, gridTemplateRows: `repeat(${TILE_ROWS}, 2.75rem)` }} role="group" aria-label={t(`47都道府県のタイル地図（${metricName}）`, `Tile map of 47 prefectures (${metricName})`)}>
        {TILES.map((tile) => {
          const cell = cells.get(tile.code);
          const idx = cell?.suppressed || !cell ? 0 : shade(cell.value ?? 0, breaks);
          const name = prefectures.get(tile.code)?.name ?? tile.short;
          const valueText = !cell ? t('データなし', 'no data') : cell.suppressed ? suppressedLabel(t) : `${formatNumber(cell.value ?? 0)}${t('人', '')}`;
          return (
            <button
              key={tile.code}
              type="button"
              className={`tile tile--s${idx}${cell?.suppressed ? ' tile--suppressed' : ''}${selected === tile.code ? ' tile--selected' : ''}`}
              style={{ gridColumn: tile.col + 1, gridRow: tile.row + 1, background: cell?.suppressed ? undefined : SCALE[idx] }}
              aria-label={`${name}：${valueText}`}
              aria-pressed={selected === tile.code}
              data-prefecture={tile.code}
              onClick={() => onSelect(tile.code)}
            >
              <span className="tile__name">{lang === 'en' ? (prefectures.get(tile.code)?.nameEn ?? tile.short).slice(0, 5) : tile.short}</span>
              <span className="tile__value">{!cell ? '–' : cell.suppressed ? '秘匿' : formatJaLarge(cell.value ?? 0, lang)}</span>
            </button>
          );
        })}
      </div>
      <MapLegend breaks={breaks} />
    </div>
  );
}

function CellTable({ caption, rows, nameOf, testId = 'prefecture-table' }: { caption: string; rows: Cell[]; nameOf(code: string): string; testId?: string }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('地方公共団体コード', 'Code')}</th>
            <th scope="col">{t('名称', 'Name')}</th>
            <th scope="col" className="num">{t('人数', 'Persons')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.code}>
              <td>{r.code}</td>
              <th scope="row">{nameOf(r.code)}</th>
              <td className="num">{r.suppressed ? <abbr title={t('1以上10未満のため秘匿', 'Suppressed: between 1 and 9')}>{suppressedLabel(t)}</abbr> : r.value === null ? '—' : formatNumber(r.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HqDashboardPage() {
  const { t, lang } = useI18n();
  const [date, setDate] = useState(todayJst());
  const [metric, setMetric] = useState<MetricId>('real_persons');
  const boundaries = useMemo(() => boundariesUrl(), []);
  const [view, setView] = useState<'map' | 'tiles' | 'table'>('map');
  const { me } = useAuth();
  // Prefecture staff start on their own prefecture's municipalities.
  const [selected, setSelected] = useState<string | null>(me?.role === 'prefecture_staff' ? (me.scope.prefectureCodes[0] ?? null) : null);
  const [prefectures, setPrefectures] = useState<Map<string, Prefecture>>(new Map());
  useEffect(() => {
    loadPrefectures().then((ps) => setPrefectures(new Map(ps.map((p) => [p.code, p]))), () => undefined);
  }, []);
  const summary = useAsync(() => loadSummary(date), [date]);
  const nation = useAsync(() => loadScope('nation', 'JP', date), [date]);
  const prefecture = useAsync(() => (selected ? loadScope('prefecture', selected, date) : Promise.resolve(null)), [selected, date]);
  const children = { ...nation, data: nation.data ? cellsOf(nation.data, metric) : null };
  const drill = { ...prefecture, data: prefecture.data ? cellsOf(prefecture.data, metric) : null };
  const cells = useMemo(() => new Map((children.data ?? []).map((c) => [c.code.slice(0, 2), c])), [children.data]);
  const prefName = (code: string) => (lang === 'en' ? prefectures.get(code)?.nameEn : undefined) ?? prefectures.get(code)?.name ?? TILES.find((x) => x.code === code)?.short ?? code;
  const tableRows: Cell[] = TILES.map((x) => x.code).sort().map((code) => cells.get(code) ?? { code, name: '', value: null, suppressed: false });
  const metricName = METRICS[metric][lang === 'en' ? 1 : 0];
  const fy = fiscalYearOf(date);

  return (
    <section className="hq">
      <PageTitle>{t('関係人口ダッシュボード', 'Relationship population dashboard')}</PageTitle>
      <div className="card toolbar">
        <TextField id="hq-date" label={t('基準日', 'As of')} type="date" value={date} max={todayJst()} onChange={(e) => e.target.value && setDate(e.target.value)} hint={fiscalYearLabel(fy, lang)} />
      </div>
      {me && me.role !== 'municipality_staff' && (
        <p>
          <Link to="/hq/flows">{t('居住地から関わり先への人の流れ（東京圏 → 地方など）を見る', 'See flows from residence to related prefecture (Tokyo area → regions)')}</Link>
        </p>
      )}

      {summary.loading && <Loading label={t('全国の集計を読み込み中…', 'Loading national counts…')} />}
      {summary.error && <ErrorState error={summary.error} onRetry={summary.reload} />}
      {summary.data && (
        <>
          <div className="kpi-grid" data-testid="national-kpis">
            <KpiCard title={t('実人数', 'Real persons')} actual={summary.data.realPersons} target={summary.data.targets.realPersons} date={date} lang={lang} />
            <KpiCard title={t('延べ人数', 'Cumulative persons')} actual={summary.data.cumulativePersons} target={summary.data.targets.cumulativePersons} date={date} lang={lang} />
          </div>
          <PathChart
            title={t(`${metricName}：${fiscalYearLabel(TARGET_FY)}への直線経路`, `${metricName}: path to FY${TARGET_FY}`)}
            target={metric === 'real_persons' ? summary.data.targets.realPersons : summary.data.targets.cumulativePersons}
            actual={metric === 'real_persons' ? summary.data.realPersons : summary.data.cumulativePersons}
            date={date}
          />
          <SeriesSection metric={metric === 'cumulative_persons' ? 'cumulative_persons' : 'real_persons'} date={date} />
        </>
      )}

      <section className="card" aria-labelledby="map-title">
        <div className="section-head">
          <h2 id="map-title">{t('都道府県別', 'By prefecture')}</h2>
          <div className="segmented" role="group" aria-label={t('表示形式', 'View')}>
            <Button variant={view === 'map' ? 'primary' : 'secondary'} aria-pressed={view === 'map'} onClick={() => setView('map')}>{t('地図', 'Map')}</Button>
            {boundaries && <Button variant={view === 'tiles' ? 'primary' : 'secondary'} aria-pressed={view === 'tiles'} onClick={() => setView('tiles')}>{t('タイル地図', 'Tile map')}</Button>}
            <Button variant={view === 'table' ? 'primary' : 'secondary'} aria-pressed={view === 'table'} onClick={() => setView('table')}>{t('表', 'Table')}</Button>
          </div>
        </div>
        <div className="grid-2">
          <SelectField id="hq-metric" label={t('指標', 'Metric')} value={metric} onChange={(e) => setMetric(e.target.value as MetricId)} options={(Object.keys(METRICS) as MetricId[]).map((m) => ({ value: m, label: METRICS[m][lang === 'en' ? 1 : 0] }))} />
          {me?.role !== 'prefecture_staff' && me?.role !== 'municipality_staff' && (
            <CsvExport query={{ table: 'children', scopeType: 'nation', code: 'JP', date }} label={t('都道府県別CSVをダウンロード', 'Download prefectures CSV')} />
          )}
        </div>
        {children.loading && <Loading label={t('都道府県別の集計を読み込み中…', 'Loading prefectures…')} />}
        {children.error && <MapDataError error={children.error} onRetry={children.reload} />}
        {view === 'map' && boundaries ? (
          <Suspense fallback={<Loading label={t('地図を読み込み中…', 'Loading map…')} />}>
            <ChoroplethMap
              url={boundaries}
              cells={cells}
              nameOf={prefName}
              metricName={metricName}
              selected={selected}
              onSelect={(c) => setSelected(c === selected ? null : c)}
              fallback={<TileMap cells={cells} prefectures={prefectures} metric={metric} selected={selected} onSelect={(c) => setSelected(c === selected ? null : c)} />}
            />
          </Suspense>
        ) : view !== 'table' ? (
          <TileMap cells={cells} prefectures={prefectures} metric={metric} selected={selected} onSelect={(c) => setSelected(c === selected ? null : c)} />
        ) : (
          <CellTable caption={t(`都道府県別の${metricName}（${date}時点）`, `${metricName} by prefecture on ${date}`)} rows={tableRows} nameOf={prefName} />
        )}
        <p className="muted">{t('1以上10未満の値は個人の特定を防ぐため「10未満（秘匿）」と表示します。', 'Values from 1 to 9 are suppressed to protect individuals.')}</p>
      </section>

      {(me?.role === 'hq_analyst' || me?.role === 'admin') && <CustomRegionSection date={date} metric={metric} />}

      {selected && (
        <section className="card" aria-labelledby="drill-title">
          <h2 id="drill-title">{t(`${prefName(selected)}の市区町村別`, `${prefName(selected)} by municipality`)}</h2>
          {drill.loading && <Loading />}
          {drill.error && <MapDataError error={drill.error} onRetry={drill.reload} />}
          {drill.data && drill.data.length === 0 && <p>{t('データがありません', 'No data')}</p>}
          {drill.data && drill.data.length > 0 && (
            <>
              <CellTable caption={t(`${prefName(selected)}：市区町村別の${metricName}`, `${prefName(selected)}: ${metricName} by municipality`)} rows={drill.data} nameOf={(code) => drill.data?.find((c) => c.code === code)?.name ?? code} />
              <CsvExport query={{ table: 'children', scopeType: 'prefecture', code: selected, date }} label={t(`${prefName(selected)}の市区町村別CSVをダウンロード`, `Download ${prefName(selected)} municipalities CSV`)} />
            </>
          )}
        </section>
      )}
    </section>
  );
}

/** A scope's own figures (実人数 / 延べ人数), suppressed values as 「10未満（秘匿）」. */
function ScopeFigures({ stats }: { stats: ScopeStats }) {
  const { t, lang } = useI18n();
  const shown = stats.metrics.filter((m) => m.metric === 'real_persons' || m.metric === 'cumulative_persons');
  return (
    <dl className="count-grid" data-testid="region-figures">
      {shown.map((m) => (
        <div key={m.metric} className="count-grid__item">
          <dt>{METRICS[m.metric as MetricId][lang === 'en' ? 1 : 0]}</dt>
          <dd>{m.suppressed || m.value === null ? suppressedLabel(t) : `${formatNumber(m.value)}${t('人', '')}`}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 広域リージョン (admin-defined sets of municipalities): pick one, see its figures and its municipalities'. */
function CustomRegionSection({ date, metric }: { date: string; metric: MetricId }) {
  const { t, lang } = useI18n();
  const regions = useAsync(loadCustomRegions, []);
  const [code, setCode] = useState('');
  const scope = useAsync(() => (code ? loadScope('custom', code, date) : Promise.resolve(null)), [code, date]);
  const items = regions.data ?? [];
  if (regions.error) return <ErrorState error={regions.error} onRetry={regions.reload} />;
  if (items.length === 0) return null;
  const region = items.find((r) => r.code === code);
  const rows = scope.data ? cellsOf(scope.data, metric) : [];
  const metricName = METRICS[metric][lang === 'en' ? 1 : 0];
  return (
    <section className="card" aria-labelledby="region-title">
      <h2 id="region-title">{t('広域リージョン別', 'By wide-area region')}</h2>
      <SelectField
        id="hq-region"
        label={t('広域リージョン', 'Wide-area region')}
        hint={t('運営管理者が定義した市区町村のまとまり', 'Sets of municipalities defined by the administrators')}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        options={[{ value: '', label: t('選択してください', 'Choose') }, ...items.map((r) => ({ value: r.code, label: r.name }))]}
      />
      {code && scope.loading && <Loading />}
      {scope.error && <MapDataError error={scope.error} onRetry={scope.reload} />}
      {region && scope.data && (
        <>
          <h3>{t(`${region.name}（${date}時点）`, `${region.name} on ${date}`)}</h3>
          <ScopeFigures stats={scope.data} />
          {rows.length > 0 && (
            <>
              <CellTable testId="region-table" caption={t(`${region.name}：市区町村別の${metricName}`, `${region.name}: ${metricName} by municipality`)} rows={rows} nameOf={(c) => rows.find((r) => r.code === c)?.name ?? c} />
              <CsvExport query={{ table: 'children', scopeType: 'custom', code, date }} label={t(`${region.name}の市区町村別CSVをダウンロード`, `Download ${region.name} municipalities CSV`)} />
            </>
          )}
          <p className="muted">{t('1以上10未満の値は個人の特定を防ぐため「10未満（秘匿）」と表示します。', 'Values from 1 to 9 are suppressed to protect individuals.')}</p>
        </>
      )}
    </section>
  );
}

/** 月次 / 年度 series of the national value, as bars with a table alternative. */
function SeriesSection({ metric, date }: { metric: 'real_persons' | 'cumulative_persons'; date: string }) {
  const { t, lang } = useI18n();
  const [interval, setIntervalKind] = useState<'month' | 'fiscal_year'>('month');
  const [asTable, setAsTable] = useState(false);
  const fy = fiscalYearOf(date);
  const from = interval === 'month' ? `${fy}-04-01` : `${START_FY}-04-01`;
  const series = useAsync(() => loadSeries(metric, interval, from, date), [metric, interval, from, date]);
  const points = series.data?.points ?? [];
  const max = Math.max(1, ...points.map((p) => p.value ?? 0));
  // Periods are '2026-03' (month) or 'FY2025' (年度).
  const fyOf = (p: string) => Number(p.replace(/^FY/, ''));
  const periodLabel = (p: string) => (interval === 'fiscal_year' ? fiscalYearLabel(fyOf(p), lang) : lang === 'en' ? p : `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月`);
  const name = METRICS[metric][lang === 'en' ? 1 : 0];
  return (
    <section className="card" aria-labelledby="series-title">
      <div className="section-head">
        <h2 id="series-title">{interval === 'month' ? t(`${name}の月次推移（${fiscalYearLabel(fy)}）`, `${name} by month (FY${fy})`) : t(`${name}の年度推移`, `${name} by fiscal year`)}</h2>
        <div className="segmented" role="group" aria-label={t('集計単位', 'Interval')}>
          <Button variant={interval === 'month' ? 'primary' : 'secondary'} aria-pressed={interval === 'month'} onClick={() => setIntervalKind('month')}>{t('月次', 'Monthly')}</Button>
          <Button variant={interval === 'fiscal_year' ? 'primary' : 'secondary'} aria-pressed={interval === 'fiscal_year'} onClick={() => setIntervalKind('fiscal_year')}>{t('年度', 'Fiscal year')}</Button>
          <Button variant="secondary" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>{asTable ? t('グラフ', 'Chart') : t('表で見る', 'Table')}</Button>
        </div>
      </div>
      {series.loading && <Loading />}
      {series.error && <ErrorState error={series.error} onRetry={series.reload} />}
      {series.data && points.length === 0 && <p>{t('データがありません', 'No data')}</p>}
      {series.data && points.length > 0 && !asTable && (
        <ol className="bars" aria-label={t(`${name}の推移`, `${name} over time`)}>
          {points.map((p) => (
            <li key={p.period} className="bars__item">
              <span className="bars__bar" style={{ height: `${((p.value ?? 0) / max) * 100}%` }} aria-hidden="true" />
              <span className="bars__value">{p.suppressed ? '秘匿' : formatJaLarge(p.value ?? 0, lang)}</span>
              <span className="bars__label">{interval === 'month' ? `${Number(p.period.slice(5, 7))}${t('月', '')}` : lang === 'en' ? p.period : `${fyOf(p.period)}年度`}</span>
            </li>
          ))}
        </ol>
      )}
      {series.data && points.length > 0 && asTable && (
        <div className="table-wrap">
          <table className="table">
            <caption>{t(`${name}の推移`, `${name} over time`)}</caption>
            <thead>
              <tr>
                <th scope="col">{interval === 'month' ? t('月', 'Month') : t('年度', 'Fiscal year')}</th>
                <th scope="col" className="num">{name}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{periodLabel(p.period)}</th>
                  <td className="num">{p.suppressed ? t('10未満（秘匿）', '<10 (suppressed)') : formatNumber(p.value ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function MapDataError({ error, onRetry }: { error: ApiError; onRetry(): void }) {
  const { t } = useI18n();
  if (error.status === 404 || error.status === 403) {
    return (
      <div className="state state--empty" role="status">
        <p className="state__title">{t('この範囲の集計は表示できません', 'These counts are not available to you')}</p>
        {error.problem.detail && <p>{error.problem.detail}</p>}
      </div>
    );
  }
  return <ErrorState error={error} onRetry={onRetry} />;
}

// Municipality / prefecture staff: their own scope's counts (実人数, 延べ人数 …) and KPI progress
// against the targets they set (straight-line path from the baseline, 1/3/5-year milestones),
// with server-side CSV export. Numbers the Japanese way (万/億), 年度 with 和暦.
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';
import { useAuth } from '../auth';
import { CsvExport } from '../components/CsvExport';
import { Button, EmptyState, ErrorState, ErrorSummary, Loading, Notice, PageTitle, SelectField, TextField, useAsync, useSubmit } from '../components/ui';
import { fiscalYearLabel, fiscalYearOf, formatDate, formatJaLarge, formatNumber, formatPercent, todayJst, type Lang } from '../format';
import { useI18n } from '../i18n';
import { loadMunicipality, loadPrefectures } from '../regions';

type S = components['schemas'];
type ScopeStats = S['StatsScopeDto'];
type Targets = S['TargetsResponseDto'];
type Target = S['TargetProgressDto'];
type TargetPut = S['TargetPutDto'];
type Scope = { type: 'municipality' | 'prefecture'; code: string; name: string };
type T = (ja: string, en: string) => string;

const METRIC_NAMES: Record<string, [string, string]> = {
  real_persons: ['実人数', 'Real persons'],
  cumulative_persons: ['延べ人数', 'Cumulative persons'],
  registered_real_persons: ['登録実人数', 'Registered real persons'],
  registered_cumulative_persons: ['登録延べ人数', 'Registered cumulative persons'],
  premium_persons: ['プレミアム実人数', 'Premium persons'],
};
const metricName = (id: string, lang: Lang) => METRIC_NAMES[id]?.[lang === 'en' ? 1 : 0] ?? id;

/** 12,345 → 「1.2万人（12,345人）」; below 1万 just 「123人」. */
function persons(n: number, t: T, lang: Lang): string {
  if (Math.abs(n) < 10000) return `${formatNumber(n)}${t('人', '')}`;
  return t(`${formatJaLarge(n, lang)}人（${formatNumber(n)}人）`, `${formatJaLarge(n, lang)} (${formatNumber(n)})`);
}

function useMyScopes(): Scope[] | null {
  const { me } = useAuth();
  const [scopes, setScopes] = useState<Scope[] | null>(null);
  useEffect(() => {
    if (!me) return;
    let live = true;
    (async () => {
      const prefs = await loadPrefectures().catch(() => []);
      const out: Scope[] = me.scope.prefectureCodes.map((code) => ({ type: 'prefecture' as const, code, name: prefs.find((p) => p.code === code)?.name ?? code }));
      for (const code of me.scope.municipalityCodes) {
        const m = await loadMunicipality(code);
        out.push({ type: 'municipality', code, name: m ? `${prefs.find((p) => p.code === m.prefectureCode)?.name ?? ''}${m.name}` : code });
      }
      if (live) setScopes(out);
    })();
    return () => {
      live = false;
    };
  }, [me]);
  return scopes;
}

export function StaffKpiPage() {
  const { t, lang } = useI18n();
  const scopes = useMyScopes();
  const [key, setKey] = useState('');
  const [date, setDate] = useState(todayJst());
  const scope = scopes?.find((s) => `${s.type}:${s.code}` === key) ?? scopes?.[0] ?? null;
  const fy = fiscalYearOf(date);
  return (
    <section>
      <PageTitle>{t('関係人口の集計とKPI', 'Counts and KPIs')}</PageTitle>
      {!scopes && <Loading />}
      {scopes && scopes.length === 0 && (
        <EmptyState title={t('担当する自治体が登録されていません', 'No municipality or prefecture is assigned to you')}>
          <p>{t('管理者に担当範囲の設定を依頼してください。', 'Ask an administrator to assign your scope.')}</p>
        </EmptyState>
      )}
      {scope && (
        <>
          <div className="card grid-2">
            {scopes!.length > 1 ? (
              <SelectField id="kpi-scope" label={t('自治体', 'Municipality / prefecture')} value={`${scope.type}:${scope.code}`} onChange={(e) => setKey(e.target.value)} options={scopes!.map((s) => ({ value: `${s.type}:${s.code}`, label: s.name }))} />
            ) : (
              <div className="field">
                <span className="field__label">{t('自治体', 'Municipality / prefecture')}</span>
                <p className="kpi-scope-name">{scope.name}</p>
              </div>
            )}
            <TextField id="kpi-date" label={t('基準日', 'As of')} type="date" value={date} max={todayJst()} onChange={(e) => e.target.value && setDate(e.target.value)} hint={fiscalYearLabel(fy, lang)} />
          </div>
          <CountsSection key={`c-${scope.type}:${scope.code}`} scope={scope} date={date} />
          <TargetsSection key={`t-${scope.type}:${scope.code}`} scope={scope} date={date} />
          <SeriesSection key={`s-${scope.type}:${scope.code}`} scope={scope} date={date} />
        </>
      )}
    </section>
  );
}

function valueOf(m: { value: number | null; suppressed?: boolean; label?: string }, t: T, lang: Lang): string {
  if (m.suppressed || m.value === null) return t(`${m.label ?? '10未満'}（秘匿）`, '<10 (suppressed)');
  return persons(m.value, t, lang);
}

function CountsSection({ scope, date }: { scope: Scope; date: string }) {
  const { t, lang } = useI18n();
  const stats = useAsync(
    () => unwrap(api.GET('/api/v1/stats/scopes/{scopeType}/{code}', { params: { path: { scopeType: scope.type, code: scope.code }, query: { date } } })),
    [scope.type, scope.code, date],
  );
  return (
    <section className="card" aria-labelledby="kpi-counts-title">
      <h2 id="kpi-counts-title">{t(`${scope.name}の関係人口（${date}時点）`, `${scope.name}: relationship population on ${date}`)}</h2>
      {stats.loading && <Loading />}
      {stats.error && <ErrorState error={stats.error} onRetry={stats.reload} />}
      {stats.data && <Counts stats={stats.data} t={t} lang={lang} />}
      <CsvExport query={{ table: 'children', scopeType: scope.type, code: scope.code, date }} label={t('集計のCSVをダウンロード', 'Download counts CSV')} disabled={!stats.data} />
    </section>
  );
}

function Counts({ stats, t, lang }: { stats: ScopeStats; t: T; lang: Lang }) {
  const children = stats.children;
  return (
    <>
      <dl className="count-grid" data-testid="scope-counts">
        {stats.metrics.map((m) => (
          <div key={m.metric} className="count-grid__item">
            <dt>{metricName(m.metric, lang)}</dt>
            <dd>{valueOf(m, t, lang)}</dd>
          </div>
        ))}
      </dl>
      {stats.metrics.some((m) => m.suppressed) && <p className="muted">{t('1以上10未満の値は個人の特定を防ぐため「10未満（秘匿）」と表示します。', 'Values from 1 to 9 are suppressed to protect individuals.')}</p>}
      {children.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="scope-children">
            <caption>{t(`${stats.scope.name}：市区町村別`, `${stats.scope.name} by municipality`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('地方公共団体コード', 'Code')}</th>
                <th scope="col">{t('名称', 'Name')}</th>
                <th scope="col" className="num">{t('実人数', 'Real persons')}</th>
                <th scope="col" className="num">{t('延べ人数', 'Cumulative persons')}</th>
              </tr>
            </thead>
            <tbody>
              {children.map((c) => (
                <tr key={c.code}>
                  <td>{c.code}</td>
                  <th scope="row">{c.name}</th>
                  {['real_persons', 'cumulative_persons'].map((id) => {
                    const m = c.metrics.find((x) => x.metric === id);
                    return <td key={id} className="num">{m ? valueOf(m, t, lang) : '—'}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TargetsSection({ scope, date }: { scope: Scope; date: string }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const targets = useAsync<Targets | null>(
    () =>
      unwrap(api.GET('/api/v1/targets/{scopeType}/{code}', { params: { path: { scopeType: scope.type, code: scope.code }, query: { date } } })).catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 404 && e.problem.code === 'STATS_TARGET_NOT_FOUND') return null;
        throw e;
      }),
    [scope.type, scope.code, date],
  );
  const none = targets.data === null && !targets.loading && !targets.error;
  return (
    <section className="card" aria-labelledby="kpi-targets-title">
      <div className="section-head">
        <h2 id="kpi-targets-title">{t('KPIの進捗（目標と直線経路）', 'KPI progress (target and straight-line path)')}</h2>
        {targets.data && (
          <Button variant="secondary" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {editing ? t('目標の編集を閉じる', 'Close target editor') : t('目標を設定・変更する', 'Set or change a target')}
          </Button>
        )}
      </div>
      {saved && <Notice tone="success">{t('目標を保存しました。基準日は今日、基準値は今日の実績です。', 'Target saved. The baseline is today’s count.')}</Notice>}
      {targets.loading && <Loading />}
      {targets.error && <ErrorState error={targets.error} onRetry={targets.reload} />}
      {none && (
        <EmptyState title={t('目標がまだ設定されていません', 'No target is set yet')}>
          <p>{t('目標年度と目標値を設定すると、今日の実績を基準に直線経路と1・3・5年後の工程を示します。', 'Set a target year and value to track progress against the straight-line path and 1/3/5-year milestones.')}</p>
        </EmptyState>
      )}
      {(none || editing) && (
        <TargetForm
          scope={scope}
          onSaved={(data) => {
            targets.setData(data);
            setEditing(false);
            setSaved(true);
          }}
        />
      )}
      {targets.data?.targets.map((tg) => <TargetCard key={tg.metric} target={tg} date={targets.data!.date} />)}
    </section>
  );
}

function gapSentence(gap: number, t: T, lang: Lang): string {
  if (gap === 0) return t('直線経路どおりです', 'On the straight-line path');
  const n = persons(Math.abs(gap), t, lang);
  return gap > 0 ? t(`直線経路を ${n} 上回っています`, `${n} ahead of the straight-line path`) : t(`直線経路を ${n} 下回っています`, `${n} behind the straight-line path`);
}

/** A target whose counts are 秘匿: only the staff's own numbers (target, explicit milestones) are shown. */
function SuppressedTargetCard({ target: tg }: { target: Target }) {
  const { t, lang } = useI18n();
  const name = metricName(tg.metric, lang);
  const hidden = t(`${tg.label ?? '10未満'}（秘匿）`, '<10 (suppressed)');
  return (
    <article className="target" aria-labelledby={`target-${tg.metric}`} data-testid={`target-${tg.metric}`}>
      <h3 id={`target-${tg.metric}`}>{t(`${name}：${fiscalYearLabel(tg.targetFiscalYear)}までに${persons(tg.targetValue, t, lang)}`, `${name}: ${persons(tg.targetValue, t, lang)} by FY${tg.targetFiscalYear}`)}</h3>
      <p data-testid="target-suppressed">
        {t(
          `実績または基準の人数が${tg.label ?? '10未満'}のため、個人の特定を防ぐ目的で実績・基準・直線経路・差を秘匿しています。`,
          'The actual or baseline count is below 10, so the actual, baseline, path and gap are suppressed to protect individuals.',
        )}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid={`milestones-${tg.metric}`}>
          <caption>{t(`${name}の工程（1・3・5年後）`, `${name} milestones (1, 3 and 5 years)`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('時期', 'When')}</th>
              <th scope="col">{t('年度', 'Fiscal year')}</th>
              <th scope="col" className="num">{t('目標値（年度末）', 'Value at year end')}</th>
            </tr>
          </thead>
          <tbody>
            {tg.milestones.map((m) => (
              <tr key={m.years}>
                <th scope="row">{t(`${m.years}年後`, `${m.years} year${m.years > 1 ? 's' : ''}`)}</th>
                <td>{fiscalYearLabel(m.fiscalYear, lang)}</td>
                <td className="num">{m.value === null ? hidden : persons(m.value, t, lang)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('目標', 'Target')}</th>
              <td>{fiscalYearLabel(tg.targetFiscalYear, lang)}</td>
              <td className="num">{persons(tg.targetValue, t, lang)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </article>
  );
}

function TargetCard({ target, date }: { target: Target; date: string }) {
  const shown = visibleTarget(target);
  return shown ? <VisibleTargetCard target={shown} date={date} /> : <SuppressedTargetCard target={target} />;
}

type VisibleTarget = Omit<Target, 'actual' | 'planned' | 'gap' | 'baselineValue' | 'milestones'> & {
  actual: number;
  planned: number;
  gap: number;
  baselineValue: number;
  milestones: (Target['milestones'][number] & { value: number })[];
};

/** The target with every count present, or null when the API suppressed them (秘匿). */
function visibleTarget(tg: Target): VisibleTarget | null {
  if (tg.suppressed || tg.actual === null || tg.planned === null || tg.gap === null || tg.baselineValue === null) return null;
  if (tg.milestones.some((m) => m.value === null)) return null;
  return tg as VisibleTarget;
}

function VisibleTargetCard({ target: tg, date }: { target: VisibleTarget; date: string }) {
  const { t, lang } = useI18n();
  const name = metricName(tg.metric, lang);
  const endDate = `${tg.targetFiscalYear + 1}-03-31`;
  return (
    <article className="target" aria-labelledby={`target-${tg.metric}`} data-testid={`target-${tg.metric}`}>
      <h3 id={`target-${tg.metric}`}>{t(`${name}：${fiscalYearLabel(tg.targetFiscalYear)}までに${persons(tg.targetValue, t, lang)}`, `${name}: ${persons(tg.targetValue, t, lang)} by FY${tg.targetFiscalYear}`)}</h3>
      <p className={`target__gap ${tg.gap >= 0 ? 'good' : 'bad'}`} data-testid="target-gap">{gapSentence(tg.gap, t, lang)}</p>
      <dl className="kpi__facts">
        <dt>{t(`実績（${date}）`, `Actual (${date})`)}</dt>
        <dd>{persons(tg.actual, t, lang)}</dd>
        <dt>{t('直線経路での想定値', 'Straight-line path')}</dt>
        <dd>{persons(tg.planned, t, lang)}</dd>
        <dt>{t('経路との差', 'Gap to path')}</dt>
        <dd>{tg.gap >= 0 ? '+' : '−'}{persons(Math.abs(tg.gap), t, lang)}</dd>
        <dt>{t('達成率', 'Achievement')}</dt>
        <dd>{tg.achievementRate === null ? '—' : formatPercent(tg.achievementRate)}</dd>
        <dt>{t('基準', 'Baseline')}</dt>
        <dd>{t(`${formatDate(tg.baselineDate, lang)}時点 ${persons(tg.baselineValue, t, lang)}`, `${persons(tg.baselineValue, t, lang)} on ${formatDate(tg.baselineDate, lang)}`)}</dd>
      </dl>
      <ProgressChart target={tg} date={date} endDate={endDate} />
      <div className="table-wrap">
        <table className="table" data-testid={`milestones-${tg.metric}`}>
          <caption>{t(`${name}の工程（1・3・5年後）`, `${name} milestones (1, 3 and 5 years)`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('時期', 'When')}</th>
              <th scope="col">{t('年度', 'Fiscal year')}</th>
              <th scope="col" className="num">{t('目標値（年度末）', 'Value at year end')}</th>
              <th scope="col">{t('根拠', 'Source')}</th>
            </tr>
          </thead>
          <tbody>
            {tg.milestones.map((m) => (
              <tr key={m.years}>
                <th scope="row">{t(`${m.years}年後`, `${m.years} year${m.years > 1 ? 's' : ''}`)}</th>
                <td>{fiscalYearLabel(m.fiscalYear, lang)}</td>
                <td className="num">{persons(m.value, t, lang)}</td>
                <td>{m.explicit ? t('工程表で設定', 'Set in the plan') : t('直線経路から算出', 'From the straight-line path')}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('目標', 'Target')}</th>
              <td>{fiscalYearLabel(tg.targetFiscalYear, lang)}</td>
              <td className="num">{persons(tg.targetValue, t, lang)}</td>
              <td>{t('目標値', 'Target value')}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </article>
  );
}

/** Baseline → target line with the milestones and today's actual; the table beside it has the same numbers. */
function ProgressChart({ target: tg, date, endDate }: { target: VisibleTarget; date: string; endDate: string }) {
  const { t, lang } = useI18n();
  const W = 640;
  const H = 220;
  const pad = { l: 72, r: 16, t: 16, b: 36 };
  const t0 = Date.parse(tg.baselineDate);
  const t1 = Math.max(t0 + 86400_000, Date.parse(endDate));
  const vmax = Math.max(1, tg.targetValue, tg.actual, ...tg.milestones.map((m) => m.value));
  const x = (d: string) => pad.l + Math.max(0, Math.min(1, (Date.parse(d) - t0) / (t1 - t0))) * (W - pad.l - pad.r);
  const y = (v: number) => H - pad.b - (v / vmax) * (H - pad.t - pad.b);
  const name = metricName(tg.metric, lang);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={t(
          `${name}：基準${formatNumber(tg.baselineValue)}人（${tg.baselineDate}）から${fiscalYearLabel(tg.targetFiscalYear)}末の目標${formatNumber(tg.targetValue)}人への直線経路。${date}の実績は${formatNumber(tg.actual)}人、経路上の想定値は${formatNumber(tg.planned)}人。`,
          `${name}: straight line from ${formatNumber(tg.baselineValue)} (${tg.baselineDate}) to ${formatNumber(tg.targetValue)} at the end of FY${tg.targetFiscalYear}. Actual on ${date}: ${formatNumber(tg.actual)}; path: ${formatNumber(tg.planned)}.`,
        )}
      >
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={pad.l} x2={W - pad.r} y1={y(vmax * f)} y2={y(vmax * f)} className="chart__grid" />
            <text x={pad.l - 8} y={y(vmax * f) + 4} textAnchor="end" className="chart__label">{formatJaLarge(Math.round(vmax * f), lang)}</text>
          </g>
        ))}
        <line x1={x(tg.baselineDate)} y1={y(tg.baselineValue)} x2={x(endDate)} y2={y(tg.targetValue)} className="chart__path" />
        {tg.milestones.map((m) => (
          <g key={m.years}>
            <rect x={x(`${m.fiscalYear + 1}-03-31`) - 5} y={y(m.value) - 5} width={10} height={10} className="chart__milestone" />
            <text x={x(`${m.fiscalYear + 1}-03-31`)} y={H - pad.b + 18} textAnchor="middle" className="chart__label">{lang === 'en' ? `FY${m.fiscalYear}` : `${m.fiscalYear}年度`}</text>
          </g>
        ))}
        <circle cx={x(date)} cy={y(tg.actual)} r={6} className="chart__actual" />
      </svg>
      <figcaption className="legend">
        <span className="legend__item"><span className="legend__line" aria-hidden="true" />{t('直線経路', 'Straight-line path')}</span>
        <span className="legend__item"><span className="legend__square" aria-hidden="true" />{t('工程（1・3・5年後）', 'Milestones (1, 3, 5 years)')}</span>
        <span className="legend__item"><span className="legend__dot" aria-hidden="true" />{t('実績', 'Actual')}</span>
      </figcaption>
    </figure>
  );
}

const TARGET_FIELDS: Record<string, string> = {
  metric: 'kpi-metric',
  targetFiscalYear: 'kpi-target-fy',
  targetValue: 'kpi-target-value',
};

function TargetForm({ scope, onSaved }: { scope: Scope; onSaved(data: Targets): void }) {
  const { t, lang } = useI18n();
  const baseFy = fiscalYearOf(todayJst());
  const [form, setForm] = useState({ metric: 'real_persons', targetFiscalYear: String(baseFy + 5), targetValue: '', m1: '', m3: '', m5: '' });
  const { busy, error, onSubmit: submit } = useSubmit(async () => {
    const milestones = ([['m1', 1], ['m3', 3], ['m5', 5]] as const)
      .filter(([k]) => form[k].trim() !== '')
      .map(([k, years]) => ({ fiscalYear: baseFy + years, value: Number(form[k]) }));
    const body: TargetPut = {
      metric: form.metric as TargetPut['metric'],
      targetFiscalYear: Number(form.targetFiscalYear),
      targetValue: form.targetValue.trim() === '' ? Number.NaN : Number(form.targetValue),
      milestones: milestones.length ? milestones : undefined,
    };
    onSaved(await unwrap(api.PUT('/api/v1/targets/{scopeType}/{code}', { params: { path: { scopeType: scope.type, code: scope.code } }, body })));
  });
  const fe = error?.fieldErrors() ?? {};
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  const msError = Object.entries(fe).find(([k]) => k.startsWith('milestones'))?.[1];
  return (
    <form className="form target-form" onSubmit={submit} noValidate aria-labelledby="kpi-form-title">
      <h3 id="kpi-form-title">{t('目標の設定', 'Set a target')}</h3>
      <ErrorSummary error={error} fieldIds={TARGET_FIELDS} />
      <div className="grid-3">
        <SelectField id="kpi-metric" label={t('指標', 'Metric')} required value={form.metric} onChange={set('metric')} error={fe.metric} options={['real_persons', 'cumulative_persons'].map((m) => ({ value: m, label: metricName(m, lang) }))} />
        <TextField id="kpi-target-fy" label={t('目標年度（西暦）', 'Target fiscal year')} type="number" inputMode="numeric" required value={form.targetFiscalYear} onChange={set('targetFiscalYear')} error={fe.targetFiscalYear} hint={/^\d{4}$/.test(form.targetFiscalYear) ? fiscalYearLabel(Number(form.targetFiscalYear), lang) : undefined} />
        <TextField id="kpi-target-value" label={t('目標値（人）', 'Target value (persons)')} type="number" inputMode="numeric" min={0} required value={form.targetValue} onChange={set('targetValue')} error={fe.targetValue} />
      </div>
      <fieldset className="fieldset">
        <legend>{t('工程表（任意・空欄は直線経路から算出）', 'Milestones (optional; blank = straight-line path)')}</legend>
        <div className="grid-3">
          {([['m1', 1], ['m3', 3], ['m5', 5]] as const).map(([k, years]) => (
            <TextField key={k} id={`kpi-${k}`} label={t(`${years}年後（${fiscalYearLabel(baseFy + years)}末）`, `${years} year${years > 1 ? 's' : ''} (end of FY${baseFy + years})`)} type="number" inputMode="numeric" min={0} value={form[k]} onChange={set(k)} />
          ))}
        </div>
        {msError && <p className="field__error" role="alert">{msError}</p>}
      </fieldset>
      <Button type="submit" busy={busy}>{t('目標を保存する', 'Save target')}</Button>
    </form>
  );
}

function SeriesSection({ scope, date }: { scope: Scope; date: string }) {
  const { t, lang } = useI18n();
  const fy = fiscalYearOf(date);
  const from = `${Math.min(2025, fy)}-04-01`;
  const series = useAsync(
    () => unwrap(api.GET('/api/v1/stats/timeseries', { params: { query: { scopeType: scope.type, code: scope.code, metric: 'real_persons', interval: 'fiscal_year', from, to: date } } })),
    [scope.type, scope.code, from, date],
  );
  return (
    <section className="card" aria-labelledby="kpi-series-title">
      <h2 id="kpi-series-title">{t('実人数の年度推移', 'Real persons by fiscal year')}</h2>
      {series.loading && <Loading />}
      {series.error && <ErrorState error={series.error} onRetry={series.reload} />}
      {series.data && series.data.points.length === 0 && <EmptyState title={t('データがありません', 'No data')} />}
      {series.data && series.data.points.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="kpi-series">
            <caption>{t(`${scope.name}：実人数（各年度末または基準日）`, `${scope.name}: real persons (fiscal year end or as-of date)`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('年度', 'Fiscal year')}</th>
                <th scope="col" className="num">{t('実人数', 'Real persons')}</th>
              </tr>
            </thead>
            <tbody>
              {series.data.points.map((p) => (
                <tr key={p.period}>
                  <th scope="row">{fiscalYearLabel(fiscalYearOf(p.from), lang)}</th>
                  <td className="num">{valueOf(p, t, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CsvExport query={{ table: 'timeseries', scopeType: scope.type, code: scope.code, metric: 'real_persons', from, date }} label={t('年度推移のCSVをダウンロード', 'Download fiscal-year series CSV')} disabled={!series.data} />
    </section>
  );
}

import { useEffect, useMemo, useState } from 'react';
import type { Prefecture } from '../api/types';
import { CsvExport } from '../components/CsvExport';
import { Button, EmptyState, ErrorState, Loading, PageTitle, SelectField, TextField, useAsync } from '../components/ui';
import { fiscalYearLabel, fiscalYearOf, formatJaLarge, formatNumber, todayJst } from '../format';
import { useI18n } from '../i18n';
import { loadPrefectures } from '../regions';
import { Link } from '../router';
import { AREAS, areaFlows, areaOf, loadFlows, type AreaFlow, type AreaId, type FlowCell } from './flows';

type T = (ja: string, en: string) => string;

function cellText(c: FlowCell, t: T): string {
  if (c.suppressed || c.value === null) return t(`${c.label ?? '10未満'}（秘匿）`, `<10 (suppressed)`);
  return `${formatNumber(c.value)}${t('人', '')}`;
}

function areaText(f: AreaFlow, t: T): string {
  if (f.hidden === 0) return `${formatNumber(f.shown)}${t('人', '')}`;
  if (f.shown === 0) return t(`秘匿（10未満 × ${f.hidden}件）`, `suppressed (<10 × ${f.hidden})`);
  return t(`${formatNumber(f.shown)}人以上（秘匿 ${f.hidden}件を含む）`, `at least ${formatNumber(f.shown)} (incl. ${f.hidden} suppressed)`);
}

function areaShort(f: AreaFlow, t: T, lang: 'ja' | 'en'): string {
  if (f.hidden === 0) return `${formatJaLarge(f.shown, lang)}${t('人', '')}`;
  if (f.shown === 0) return t('秘匿', 'suppressed');
  return t(`${formatJaLarge(f.shown, lang)}人以上`, `≥ ${formatJaLarge(f.shown, lang)}`);
}

/** A horizontal bar list: each item names its pair and value in text; the bar is decoration. */
function BarList({ label, items, testId }: { label: string; items: Array<{ key: string; name: string; value: number; text: string; suppressed: boolean }>; testId: string }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ol className="hbars" aria-label={label} data-testid={testId}>
      {items.map((i) => (
        <li key={i.key} className="hbars__item">
          <span className="hbars__name">{i.name}</span>
          <span className="hbars__track" aria-hidden="true">
            <span className={`hbars__bar${i.suppressed && i.value === 0 ? ' hbars__bar--suppressed' : ''}`} style={{ width: i.suppressed && i.value === 0 ? '0.75rem' : `${(i.value / max) * 100}%` }} />
          </span>
          <span className="hbars__value">{i.text}</span>
        </li>
      ))}
    </ol>
  );
}

export function FlowsPage() {
  const { t, lang } = useI18n();
  const [date, setDate] = useState(todayJst());
  const [areaTable, setAreaTable] = useState(false);
  const [pairTable, setPairTable] = useState(false);
  const [originFilter, setOriginFilter] = useState<'' | AreaId>('tokyo');
  const [prefectures, setPrefectures] = useState<Map<string, Prefecture>>(new Map());
  useEffect(() => {
    loadPrefectures().then((ps) => setPrefectures(new Map(ps.map((p) => [p.code, p]))), () => undefined);
  }, []);
  const flows = useAsync(() => loadFlows(date), [date]);
  const fy = fiscalYearOf(date);
  const prefName = (code: string) => (lang === 'en' ? prefectures.get(code)?.nameEn : prefectures.get(code)?.name) ?? code;
  const areaName = (id: AreaId) => {
    const a = AREAS.find((x) => x.id === id)!;
    return lang === 'en' ? a.en : a.ja;
  };
  const areas = useMemo(() => (flows.data ? areaFlows(flows.data.cells) : []), [flows.data]);
  const pairs = useMemo(() => {
    const cells = (flows.data?.cells ?? []).filter((c) => !originFilter || areaOf(c.origin) === originFilter);
    return [...cells].sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (a.suppressed ? 1 : 0) - (b.suppressed ? 1 : 0) || a.origin.localeCompare(b.origin) || a.destination.localeCompare(b.destination));
  }, [flows.data, originFilter]);
  const tokyoToRegions = areas.find((f) => f.origin === 'tokyo' && f.destination === 'regions');
  const arrow = (o: string, d: string) => `${o} → ${d}`;

  return (
    <section className="flows">
      <p><Link to="/hq">{t('← 関係人口ダッシュボード', '← Dashboard')}</Link></p>
      <PageTitle>{t('人の流れ（居住地 → 関わり先）', 'Flows (residence → related prefecture)')}</PageTitle>
      <p className="muted">
        {t('参加者の居住都道府県（出発地）から、関わりのある都道府県（行き先）への実人数です。1人は行き先の都道府県ごとに1回数えます。', 'Real persons from their residence prefecture (origin) to each prefecture they relate to (destination); a person counts once per destination prefecture.')}
      </p>
      <div className="card toolbar">
        <TextField id="flows-date" label={t('基準日', 'As of')} type="date" value={date} max={todayJst()} onChange={(e) => e.target.value && setDate(e.target.value)} hint={fiscalYearLabel(fy, lang)} />
      </div>

      {flows.loading && <Loading label={t('人の流れを読み込み中…', 'Loading flows…')} />}
      {flows.error && (flows.error.status === 404 ? (
        <div className="state state--empty" role="status">
          <p className="state__title">{t('表示できる行き先の都道府県がありません', 'No destination prefecture is available to you')}</p>
          {flows.error.problem.detail && <p>{flows.error.problem.detail}</p>}
        </div>
      ) : <ErrorState error={flows.error} onRetry={flows.reload} />)}
      {flows.data && flows.data.cells.length === 0 && (
        <EmptyState title={t('この日付の人の流れはまだありません', 'No flows on this date yet')}>
          <p>{t('居住地が登録された参加者の関わりが記録されると表示されます。', 'Flows appear once participants with a residence relate to a place.')}</p>
        </EmptyState>
      )}
      {flows.data && flows.data.cells.length > 0 && (
        <>
          {tokyoToRegions && (
            <section className="card kpi" aria-labelledby="flows-headline">
              <h2 id="flows-headline" className="kpi__title">{t('東京圏 → 地方', 'Tokyo area → regions')}</h2>
              <p className="kpi__value" data-testid="tokyo-to-regions">
                <span className="kpi__number">{areaShort(tokyoToRegions, t, lang)}</span>
              </p>
              <p className="kpi__exact">{areaText(tokyoToRegions, t)}</p>
            </section>
          )}

          <section className="card" aria-labelledby="areas-title">
            <div className="section-head">
              <h2 id="areas-title">{t('圏域間の流れ', 'Flows between areas')}</h2>
              <Button variant="secondary" aria-pressed={areaTable} onClick={() => setAreaTable(!areaTable)}>{areaTable ? t('グラフで見る', 'Show chart') : t('表で見る', 'Show table')}</Button>
            </div>
            {!areaTable ? (
              <BarList
                testId="area-bars"
                label={t(`圏域間の実人数（${date}時点）`, `Real persons between areas on ${date}`)}
                items={[...areas]
                  .filter((f) => f.shown > 0 || f.hidden > 0)
                  .sort((a, b) => b.shown - a.shown || b.hidden - a.hidden)
                  .map((f) => ({ key: `${f.origin}>${f.destination}`, name: arrow(areaName(f.origin), areaName(f.destination)), value: f.shown, text: areaText(f, t), suppressed: f.hidden > 0 }))}
              />
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="area-table">
                  <caption>{t(`圏域間の実人数（行：居住地、列：関わり先、${date}時点）`, `Real persons between areas (rows: residence, columns: destination, ${date})`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('居住地 ＼ 関わり先', 'Residence \\ destination')}</th>
                      {AREAS.map((d) => <th key={d.id} scope="col" className="num">{areaName(d.id)}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {AREAS.map((o) => (
                      <tr key={o.id}>
                        <th scope="row">{areaName(o.id)}</th>
                        {AREAS.map((d) => {
                          const f = areas.find((x) => x.origin === o.id && x.destination === d.id)!;
                          return <td key={d.id} className="num">{areaText(f, t)}</td>;
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted">{t('東京圏＝埼玉県・千葉県・東京都・神奈川県、名古屋圏＝岐阜県・愛知県・三重県、大阪圏＝京都府・大阪府・兵庫県・奈良県、地方＝それ以外の道県。秘匿された組み合わせ（1以上10未満）は合計に含めず、「以上」と件数で示します。', 'Tokyo area = Saitama, Chiba, Tokyo, Kanagawa; Nagoya area = Gifu, Aichi, Mie; Osaka area = Kyoto, Osaka, Hyogo, Nara; regions = all others. Suppressed pairs (1–9) are not added to totals; totals say "at least" and how many are hidden.')}</p>
          </section>

          <section className="card" aria-labelledby="pairs-title">
            <div className="section-head">
              <h2 id="pairs-title">{t('都道府県別の流れ', 'Flows by prefecture')}</h2>
              <Button variant="secondary" aria-pressed={pairTable} onClick={() => setPairTable(!pairTable)}>{pairTable ? t('グラフで見る', 'Show chart') : t('表で見る', 'Show table')}</Button>
            </div>
            <div className="toolbar">
              <SelectField
                id="flows-origin"
                label={t('居住地（出発地）', 'Residence (origin)')}
                value={originFilter}
                onChange={(e) => setOriginFilter(e.target.value as '' | AreaId)}
                options={[{ value: '', label: t('すべて', 'All') }, ...AREAS.map((a) => ({ value: a.id, label: areaName(a.id) }))]}
              />
            </div>
            {pairs.length === 0 && <EmptyState title={t('この居住地からの流れはありません', 'No flows from this origin')} />}
            {pairs.length > 0 && !pairTable && (
              <BarList
                testId="pair-bars"
                label={t('都道府県間の実人数（上位20件）', 'Real persons between prefectures (top 20)')}
                items={pairs.slice(0, 20).map((c) => ({ key: `${c.origin}>${c.destination}`, name: arrow(prefName(c.origin), prefName(c.destination)), value: c.value ?? 0, text: cellText(c, t), suppressed: Boolean(c.suppressed) }))}
              />
            )}
            {pairs.length > 0 && pairTable && (
              <div className="table-wrap">
                <table className="table" data-testid="pair-table">
                  <caption>{t(`都道府県間の実人数（${date}時点、${pairs.length}件）`, `Real persons between prefectures (${date}, ${pairs.length} pairs)`)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('居住地（出発地）', 'Residence (origin)')}</th>
                      <th scope="col">{t('関わり先（行き先）', 'Destination')}</th>
                      <th scope="col" className="num">{t('実人数', 'Real persons')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pairs.map((c) => (
                      <tr key={`${c.origin}>${c.destination}`}>
                        <th scope="row">{prefName(c.origin)}</th>
                        <td>{prefName(c.destination)}</td>
                        <td className="num">{c.suppressed || c.value === null ? <abbr title={t('1以上10未満のため秘匿', 'Suppressed: between 1 and 9')}>{cellText(c, t)}</abbr> : cellText(c, t)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="muted">{t('1以上10未満の値は個人の特定を防ぐため「10未満（秘匿）」と表示します（0とは表示しません）。', 'Values from 1 to 9 are shown as "<10 (suppressed)" to protect individuals (never as 0).')}</p>
            <CsvExport query={{ table: 'flows', date }} label={t('都道府県間の流れをCSVでダウンロード', 'Download prefecture flows CSV')} />
          </section>
        </>
      )}
    </section>
  );
}

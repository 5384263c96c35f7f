import { Injectable } from '@nestjs/common';
import * as iconv from 'iconv-lite';
import { AuditLogService, type Actor } from '@app/identity';
import { RegionsService } from '@app/regions';
import { fiscalYearOf, type Day } from '../domain/calendar';
import { cp932Unmappable, toCsv, type CsvCell } from '../domain/csv';
import type { MetricId } from '../domain/metrics';
import { StatsService, type BreakdownDimension } from './stats.service';

export type ExportTable = 'children' | 'timeseries' | 'breakdown' | 'flows';

export interface ExportRequest {
  table: ExportTable;
  scopeType: string;
  code: string;
  date: Day;
  encoding: 'utf8' | 'cp932';
  dimension?: BreakdownDimension;
  metric?: MetricId;
  from?: Day;
}

export interface ExportResult {
  body: Buffer;
  filename: string;
  contentType: string;
  /** Characters CP932 cannot represent (written as '?'), as U+XXXX; empty for UTF-8. */
  unmappable: string[];
}

export const cp932RoundTrip = (ch: string): string => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932');

type Val = { value: number | null; label?: string };
const cellValue = (v: Val): CsvCell => (v.value === null ? (v.label ?? '') : v.value);

/** CSV exports of the statistics tables, keyed by 地方公共団体コード and 年度; every export is audited. */
@Injectable()
export class ExportService {
  constructor(
    private readonly stats: StatsService,
    private readonly regions: RegionsService,
    private readonly audit: AuditLogService,
  ) {}

  private async govCode(type: string, code: string): Promise<string> {
    if (type === 'prefecture') return (await this.regions.listPrefectures()).find((p) => p.code === code)?.code6 ?? code;
    return code;
  }

  async export(actor: Actor, req: ExportRequest): Promise<ExportResult> {
    const fy = fiscalYearOf(req.date);
    const rows: CsvCell[][] = [];
    if (req.table === 'children') {
      const s = await this.stats.scope(actor, req.scopeType, req.code, req.date);
      rows.push(['地方公共団体コード', '名称', '年度', '基準日', '指標', '版', '値']);
      for (const m of s.metrics) rows.push([await this.govCode(s.scope.type, s.scope.code), s.scope.name, fy, req.date, m.metric, m.version, cellValue(m)]);
      for (const c of s.children) {
        for (const m of c.metrics) rows.push([await this.govCode(c.scopeType, c.code), c.name, fy, req.date, m.metric, m.version, cellValue(m)]);
      }
    } else if (req.table === 'timeseries') {
      const from = req.from ?? `${fy - 9}-04-01`;
      const t = await this.stats.timeseries(actor, req.scopeType, req.code, req.metric ?? 'real_persons', 'fiscal_year', from, req.date);
      rows.push(['地方公共団体コード', '名称', '年度', '期間開始', '期間終了', '指標', '版', '値']);
      const gov = await this.govCode(t.scope.type, t.scope.code);
      for (const p of t.points) rows.push([gov, t.scope.name, Number(p.period.slice(2)), p.from, p.to, t.metric, t.version, cellValue(p)]);
    } else if (req.table === 'flows') {
      // The whole origin → destination matrix the reader may see (scopeType/code are not used).
      const f = await this.stats.flows(actor, req.date);
      const prefs = new Map((await this.regions.listPrefectures()).map((p) => [p.code, p]));
      const gov = (code: string) => prefs.get(code)?.code6 ?? code;
      const name = (code: string) => prefs.get(code)?.name ?? code;
      rows.push(['居住地の地方公共団体コード', '居住地', '関わり先の地方公共団体コード', '関わり先', '年度', '基準日', '指標', '版', '値']);
      for (const c of f.cells) rows.push([gov(c.origin), name(c.origin), gov(c.destination), name(c.destination), fy, req.date, f.metric, f.version, cellValue(c)]);
    } else {
      const b = await this.stats.breakdown(actor, req.scopeType, req.code, req.dimension ?? 'basis', req.date);
      rows.push(['地方公共団体コード', '名称', '年度', '基準日', '区分', '項目', '指標', '版', '値']);
      const gov = await this.govCode(b.scope.type, b.scope.code);
      for (const c of b.cells) rows.push([gov, b.scope.name, fy, req.date, b.dimension, c.key, c.metric, c.version, cellValue(c)]);
    }
    const text = toCsv(rows);
    let body: Buffer;
    let unmappable: string[] = [];
    if (req.encoding === 'cp932') {
      // No BOM in CP932; characters it lacks become '?' and are reported, never dropped silently.
      const plain = text.replace(/^\uFEFF/, '');
      unmappable = cp932Unmappable(plain, cp932RoundTrip);
      body = iconv.encode(plain, 'cp932');
    } else {
      body = Buffer.from(text, 'utf8');
    }
    await this.audit.record({
      actorId: actor.userId,
      requestId: actor.requestId,
      action: 'stats.export',
      targetType: 'stats',
      targetId: req.table === 'flows' ? 'flows' : `${req.table}:${req.scopeType}:${req.code}`,
      metadata: { date: req.date, encoding: req.encoding, rows: rows.length - 1, unmappable },
    });
    return {
      body,
      filename: req.table === 'flows' ? `kakawari-flows-${req.date}.csv` : `kakawari-${req.table}-${req.scopeType}-${req.code}-${req.date}.csv`,
      contentType: `text/csv; charset=${req.encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`,
      unmappable,
    };
  }
}

// Origin (residence prefecture) → destination (related prefecture) flows of 実人数, and their
// aggregation into areas (東京圏 → 地方 …). Suppressed cells (1–9, 秘匿) are never counted as 0:
// an area total over suppressed cells is a lower bound shown with the number of hidden cells.
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

export type Flows = components['schemas']['StatsFlowsDto'];
export type FlowCell = components['schemas']['FlowCellDto'];

export function loadFlows(date: string): Promise<Flows> {
  return unwrap(api.GET('/api/v1/stats/flows', { params: { query: { date } } }));
}

export type AreaId = 'tokyo' | 'nagoya' | 'osaka' | 'regions';

/** 三大都市圏 by prefecture (東京圏 = 埼玉・千葉・東京・神奈川, as in 地方創生 KPIs); the rest is 地方. */
export const AREAS: Array<{ id: AreaId; ja: string; en: string; prefectures: string[] }> = [
  { id: 'tokyo', ja: '東京圏', en: 'Tokyo area', prefectures: ['11', '12', '13', '14'] },
  { id: 'nagoya', ja: '名古屋圏', en: 'Nagoya area', prefectures: ['21', '23', '24'] },
  { id: 'osaka', ja: '大阪圏', en: 'Osaka area', prefectures: ['26', '27', '28', '29'] },
  { id: 'regions', ja: '地方', en: 'Regions', prefectures: [] },
];

export function areaOf(prefecture: string): AreaId {
  return AREAS.find((a) => a.prefectures.includes(prefecture))?.id ?? 'regions';
}

export interface AreaFlow {
  origin: AreaId;
  destination: AreaId;
  /** Sum of the cells that are shown (a lower bound when `hidden` > 0). */
  shown: number;
  /** Number of suppressed (秘匿) cells inside: each is 1–9 persons. */
  hidden: number;
}

/** Area × area totals, in AREAS order (every pair present, zeros included). */
export function areaFlows(cells: FlowCell[]): AreaFlow[] {
  const out = new Map<string, AreaFlow>();
  for (const o of AREAS) for (const d of AREAS) out.set(`${o.id}>${d.id}`, { origin: o.id, destination: d.id, shown: 0, hidden: 0 });
  for (const c of cells) {
    const f = out.get(`${areaOf(c.origin)}>${areaOf(c.destination)}`)!;
    if (c.suppressed || c.value === null) f.hidden++;
    else f.shown += c.value;
  }
  return [...out.values()];
}

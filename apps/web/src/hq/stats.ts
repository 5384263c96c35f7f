import { getJson } from '../api/client';
import type { paths } from '../api/schema';

/**
 * Response type of a GET route: the generated one when the route is in schema.d.ts, else the
 * fallback (the minimum PRODUCT.md §5 guarantees). Regenerating the client switches it over.
 */
type ResponseOf<P extends string, Fallback> = P extends keyof paths
  ? paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer T } } } } }
    ? T
    : Fallback
  : Fallback;

export interface SummaryFallback {
  date: string;
  realPersons: number;
  cumulativePersons: number;
  targets: { realPersons: number; cumulativePersons: number; fiscalYear: number };
}

export type Summary = ResponseOf<'/api/v1/stats/summary', SummaryFallback>;

export function loadSummary(date: string): Promise<Summary> {
  return getJson<Summary>('/api/v1/stats/summary', { date });
}

export type MetricId = 'real_persons' | 'cumulative_persons';

/** One cell of a scope's children (a prefecture or municipality). `value` null = 秘匿. */
export interface Cell {
  code: string;
  name?: string;
  value: number | null;
  suppressed: boolean;
}

interface ChildrenLike {
  items?: unknown[];
  children?: unknown[];
}

function toCell(raw: unknown): Cell | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const code = String(r.code ?? r.scopeCode ?? r.prefectureCode ?? r.municipalityCode ?? '');
  if (!code) return null;
  const v = r.value ?? r.count;
  const suppressed = r.suppressed === true || v === null;
  return { code, name: typeof r.name === 'string' ? r.name : undefined, value: typeof v === 'number' ? v : null, suppressed };
}

/**
 * Children of a scope (nation → 47 prefectures, prefecture → municipalities) for one metric on a
 * date, from GET /api/v1/stats/scopes/{scopeType}/{code}/children. Cells the API suppresses
 * (1 ≤ value < k for non-admins) carry `suppressed: true` and no value.
 */
export async function loadChildren(scopeType: 'nation' | 'prefecture', code: string, metric: MetricId, date: string): Promise<Cell[]> {
  const body = await getJson<ChildrenLike | unknown[]>(`/api/v1/stats/scopes/${scopeType}/${code}/children`, { metric, date });
  const list = Array.isArray(body) ? body : (body.items ?? body.children ?? []);
  return list.map(toCell).filter((c): c is Cell => c !== null);
}

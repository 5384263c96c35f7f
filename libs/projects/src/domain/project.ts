/** Plain types and vocabularies of a project (PRODUCT.md §3.3). */

export const PROJECT_STATUSES = ['draft', 'published', 'closed', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

/** The five pillars of 地方創生2.0. */
export const PROJECT_CATEGORIES = ['living_environment', 'earning_power', 'people_flow', 'ai_digital', 'wide_area'] as const;
export type ProjectCategory = (typeof PROJECT_CATEGORIES)[number];
export const PROJECT_CATEGORY_LABELS: Record<ProjectCategory, string> = {
  living_environment: '生活環境',
  earning_power: '稼ぐ力・地方イノベーション',
  people_flow: '人の流れ・地方分散',
  ai_digital: 'AI・デジタル・新技術',
  wide_area: '広域リージョン連携',
};

/** Sector tags (分野タグ) a project may carry. */
export const SECTOR_TAGS = [
  '農業', '林業', '漁業', '観光', '防災', '教育', '子育て', '福祉', '医療', '環境', '移住',
  '空き家', '商店街', '伝統工芸', '文化', '芸術', 'スポーツ', '食', '地域交通', 'まちづくり',
  'DX', '起業', '国際交流', '祭り',
] as const;
export type SectorTag = (typeof SECTOR_TAGS)[number];

export const PROJECT_MODES = ['onsite', 'remote', 'hybrid'] as const;
export type ProjectMode = (typeof PROJECT_MODES)[number];

export const COMPENSATIONS = ['volunteer', 'paid', 'travel_support'] as const;
export type Compensation = (typeof COMPENSATIONS)[number];

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 10_000;
export const CO_HOSTS_MAX = 20;

/** The fields a staff member may change; the `projects.project.changed` event lists them. */
export const EDITABLE_FIELDS = [
  'title', 'description', 'coHostMunicipalityCodes', 'category', 'tags', 'requiredSkills', 'mode',
  'startsAt', 'endsAt', 'applicationDeadline', 'capacity', 'compensation',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export interface ProjectFields {
  title: string;
  description: string;
  coHostMunicipalityCodes: string[];
  category: ProjectCategory;
  tags: string[];
  requiredSkills: string[];
  mode: ProjectMode;
  startsAt: Date;
  endsAt: Date;
  applicationDeadline: Date;
  capacity: number;
  compensation: Compensation;
}

export interface FieldChange {
  field: EditableField;
  from: unknown;
  to: unknown;
}

function comparable(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return JSON.stringify(v);
  return v;
}

/** What an update really changes (fields given with their current value are not changes). */
export function diffProjectFields(current: ProjectFields, patch: Partial<ProjectFields>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of EDITABLE_FIELDS) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const from = current[field];
    const to = patch[field];
    if (comparable(from) !== comparable(to)) {
      changes.push({ field, from: from instanceof Date ? from.toISOString() : from, to: to instanceof Date ? to.toISOString() : to });
    }
  }
  return changes;
}

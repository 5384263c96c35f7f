/** Roles of PRODUCT.md §1. A user has exactly one; staff scope comes from organization memberships. */
export type Role =
  | 'participant'
  | 'company_admin'
  | 'municipality_staff'
  | 'prefecture_staff'
  | 'hq_analyst'
  | 'admin';

export const ROLES: readonly Role[] = [
  'participant',
  'company_admin',
  'municipality_staff',
  'prefecture_staff',
  'hq_analyst',
  'admin',
];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling: the authenticated user, their role and the scope their memberships give them. */
export interface Actor {
  userId: string;
  role: Role;
  /** 6-digit 全国地方公共団体コード of municipalities the user is staff of. */
  municipalityCodes: string[];
  /** 2-digit prefecture codes the user is staff of. */
  prefectureCodes: string[];
  /** Companies the user administers (company_admin). */
  companyIds: string[];
  /** Id of the HTTP request this actor is making: audit rows carry it (absent outside HTTP). */
  requestId?: string;
}

export type UserStatus = 'active' | 'disabled';

import request from 'supertest';
import { IdentityService, type Role } from '@app/identity';
import { OrganizationsService } from '@app/organizations';
import type { TestApi } from './api-app';

export interface TestUser {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export interface CreateUserOptions {
  role: Role;
  email?: string;
  password?: string;
  /** Staff of this municipality (6-digit code); municipality_staff only. Default 131016 (千代田区). */
  municipalityCode?: string;
  /** Staff of this prefecture (2-digit code); prefecture_staff only. Default 13. */
  prefectureCode?: string;
  /** Admin of this company (organization id); company_admin only. Default: a new company. */
  companyId?: string;
}

let counter = 0;

/**
 * A user of any role, created through the application's own services (accounts, organizations,
 * memberships — never raw SQL), then logged in over HTTP. Staff get a membership in the given (or a
 * default) organization, created on demand. Each call spends two argon2 hashes: create few users.
 * Logins come from 127.0.0.1 and count toward LOGIN_RATE_LIMIT_PER_IP (100 per 15 min by default):
 * a file creating more users starts its api with a higher limit, e.g.
 * `startTestApi({ LOGIN_RATE_LIMIT_PER_IP: '10000' })`.
 */
export async function createUser(api: TestApi, opts: CreateUserOptions): Promise<TestUser> {
  counter += 1;
  const email = opts.email ?? `${opts.role.replace('_', '-')}-${process.pid}-${counter}-${Date.now()}@example.jp`;
  const password = opts.password ?? `テスト用パスワード-${counter}-${Math.random().toString(36).slice(2)}`;
  const identity = api.app.get(IdentityService);
  const account = await identity.createAccount(
    { email, password, role: opts.role, displayName: `${opts.role} ${counter}` },
    null,
  );
  await attachScope(api, account.id, opts);
  const res = await request(api.app.getHttpServer())
    .post('/api/v1/auth/login')
    .send({ email, password })
    .expect(200);
  return {
    userId: account.id,
    email: account.email,
    password,
    accessToken: res.body.accessToken as string,
    refreshToken: res.body.refreshToken as string,
  };
}

async function attachScope(api: TestApi, userId: string, opts: CreateUserOptions): Promise<void> {
  const organizations = api.app.get(OrganizationsService);
  let organizationId: string | undefined;
  switch (opts.role) {
    case 'municipality_staff':
      organizationId = (await organizations.ensureMunicipalityOrganization(opts.municipalityCode ?? '131016', null)).id;
      break;
    case 'prefecture_staff':
      organizationId = (await organizations.ensurePrefectureOrganization(opts.prefectureCode ?? '13', null)).id;
      break;
    case 'company_admin':
      organizationId = opts.companyId ?? (await organizations.createCompany({ name: `テスト株式会社 ${counter}` }, null)).id;
      break;
    default:
      return;
  }
  await organizations.addMembership(organizationId, userId, null);
}

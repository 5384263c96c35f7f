import type { INestApplicationContext } from '@nestjs/common';
import { IdentityService, isRole } from '@app/identity';
import { OrganizationsService } from '@app/organizations';

export const createUserUsage =
  '  create-user --email E --role R [--municipality CODE | --prefecture CODE | --company ID]\n' +
  '                                  create an account (password from NEW_USER_PASSWORD); staff roles\n' +
  '                                  get a membership in the municipality/prefecture/company organization\n';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `create-user`: the password comes from the environment so it never shows in the process list. */
export async function runCreateUser(app: INestApplicationContext, args: string[]): Promise<string> {
  const email = flag(args, 'email');
  const role = flag(args, 'role');
  const password = process.env.NEW_USER_PASSWORD;
  if (!email || !isRole(role)) throw new Error('--email and --role (participant, company_admin, municipality_staff, prefecture_staff, hq_analyst, admin) are required');
  if (!password) throw new Error('NEW_USER_PASSWORD is required');
  const organizations = app.get(OrganizationsService);
  let organizationId: string | undefined;
  if (role === 'municipality_staff') {
    const code = flag(args, 'municipality');
    if (!code) throw new Error('--municipality CODE is required for municipality_staff');
    organizationId = (await organizations.ensureMunicipalityOrganization(code, null)).id;
  } else if (role === 'prefecture_staff') {
    const code = flag(args, 'prefecture');
    if (!code) throw new Error('--prefecture CODE is required for prefecture_staff');
    organizationId = (await organizations.ensurePrefectureOrganization(code, null)).id;
  } else if (role === 'company_admin') {
    organizationId = flag(args, 'company');
    if (!organizationId) throw new Error('--company ID is required for company_admin');
  }
  const account = await app.get(IdentityService).createAccount({ email, password, role }, null);
  if (organizationId) await organizations.addMembership(organizationId, account.id, null);
  return `created ${role} ${account.email} (${account.id})${organizationId ? ` in organization ${organizationId}` : ''}`;
}

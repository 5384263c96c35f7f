// Lint: typescript-eslint's recommended rules plus the architecture rules of STYLE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const deepImportMessage =
  'Import another context only through its public API (@app/<context>), never its internals.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/**', 'openapi.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // @app/<context>/<anything> and @app/platform/<lib>/<anything> are deep imports.
            { regex: '^@app/(?!platform/)[^/]+/.+', message: deepImportMessage },
            { regex: '^@app/platform/[^/]+/.+', message: deepImportMessage },
            // Relative paths that climb out of one lib into another (../../<context>/src/...).
            { regex: '^(\\.\\./)+(libs/)?[a-z-]+/src/', message: deepImportMessage },
          ],
        },
      ],
    },
  },
  {
    // Dependencies point one way: platform never imports a business context.
    files: ['libs/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@app/(?!platform/)', message: 'libs/platform holds no business rules: it must not import a context.' },
            { regex: '^@app/platform/[^/]+/.+', message: deepImportMessage },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);

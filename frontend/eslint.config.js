// ESLint 9 flat config: TypeScript's recommended rules, and the SPA's layout as import rules
// (docs/frontend.md, "Layout"): a feature imports no other feature, shared code imports no feature or
// page, and no module imports itself back through a cycle.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['src/**'], languageOptions: { globals: globals.browser } },
  // Node scripts and the end-to-end tests, whose page.evaluate callbacks run in the browser.
  { files: ['*.{js,ts}', 'scripts/**', 'e2e/**'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Packages are not followed: none imports our modules back, so no cycle runs through one, and following
      // them was two thirds of the lint's CPU (21.8 s against 9.5-11.2 s, docs/testing.md).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            // Features do not import each other; pages in app/routes compose them.
            ...FEATURES.map((feature) => ({
              target: `./src/features/${feature}`,
              from: './src/features',
              except: [`./${feature}`],
              message: 'A feature imports no other feature: compose them in a page of src/app/routes.',
            })),
            { target: './src/features', from: './src/app', message: 'Features do not import the app shell.' },
            {
              target: ['./src/api', './src/components', './src/lib'],
              from: ['./src/features', './src/app'],
              message: 'Shared code imports no feature and no page.',
            },
          ],
        },
      ],
    },
  },
  {
    // A test may start what the app starts (the server clock sync of src/app) to test shared code with it.
    files: ['src/**/__tests__/**'],
    rules: {
      'import-x/no-restricted-paths': 'off',
      'no-restricted-imports': [
        'error',
        {
          name: '@testing-library/react',
          message: "Import from '@/test/render': its render wraps the app's antd theme, as the app does.",
        },
      ],
    },
  },
);

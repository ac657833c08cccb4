// Lint for both workspaces: typescript-eslint, import hygiene (no cycles, no unresolved paths),
// React hooks rules in the client, and layer boundaries on the server (only repositories and the
// db library touch Prisma's generated clients).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'server/generated/**',
      'data/**',
      'storage/**',
      'coverage/**',
      '**/*.d.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['server/tsconfig.json', 'client/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/lib/db.ts',
      'server/src/**/*.repository.ts',
      'server/src/**/repositories/**',
      'server/src/**/__tests__/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/generated/**'], message: 'Only repositories (and lib/db.ts) touch Prisma.' },
            { group: ['@prisma/*'], message: 'Only repositories (and lib/db.ts) touch Prisma.' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration from lib/config.ts (AppConfig), not process.env.',
        },
      ],
    },
  },
  {
    // The benchmark is a developer tool that reads TEST_DATABASE_URL like the test suites do.
    files: ['server/src/lib/config.ts', 'server/src/lib/runtime.ts', 'server/src/cli/bench.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);

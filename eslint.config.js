// ESLint's and typescript-eslint's recommended rules, without type information (fast, no
// tsconfig per file): `tsc` in `pnpm typecheck` already checks types.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/dist/',
    'bench/dist/',
    'coverage/',
    'demo/',
    // EJS templates are not valid TypeScript before rendering; the generated project is linted
    // and type-checked by its own tests.
    'templates/',
    'test/__snapshots__/',
    'test/fixtures/',
    // Rendered by the unit tier (test/render): generated projects, checked by their own config.
    'packages/project-types/rendered/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // Destructuring a property out to drop it (`const { subscriptions: _, ...settings } = model`)
      // is how the code copies an object without one key; a name starting with _ is unused on
      // purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
);

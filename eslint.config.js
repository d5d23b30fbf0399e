import js from '@eslint/js';
import globals from 'globals';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'e2e/.artifacts/', 'docs/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // No HTML sinks: data from the dashboard or the API must never be parsed as markup.
  noUnsanitized.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Tests load saved dashboard markup into happy-dom; that markup is ours, not data.
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'no-unsanitized/property': 'off' },
  },
  {
    files: ['e2e/fixtures/**/*.js', 'scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    // One way from an admin key to the Admin API: lib/admin-api/connect.ts. Tests may build clients to set a scene.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/admin-api/**', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/admin-api/client', '**/admin-api/admin-request'],
              importNames: ['createAdminClient', 'createAdminGet'],
              message: 'Make clients with adminApiFor or connectAdminApi (lib/admin-api/connect.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Every storage item in lib/storage/, through the one definition helper (versioned-item.ts).
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['lib/storage/**', '**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/storage/versioned-item', '**/storage/item-definition'],
              importNames: ['defineVersionedItem', 'itemDefinition'],
              message: 'Storage items are declared in lib/storage/.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='defineItem']", message: 'Declare storage items with defineVersionedItem in lib/storage/.' },
      ],
    },
  },
  {
    // Product code takes "now" from one clock (lib/core/clock.ts). A later block replaces
    // an earlier one's no-restricted-syntax, so the storage rule is repeated here.
    files: ['lib/**/*.ts', 'components/**/*.tsx', 'components/**/*.ts', 'entrypoints/**/*.ts', 'entrypoints/**/*.tsx'],
    ignores: ['lib/core/clock.ts', 'lib/storage/**', '**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='defineItem']", message: 'Declare storage items with defineVersionedItem in lib/storage/.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take the time from lib/core/clock.ts (clockNow): tests set it there.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from lib/core/clock.ts (new Date(clockNow())): tests set it there.' },
      ],
    },
  },
  {
    files: ['lib/storage/**/*.ts'],
    ignores: ['**/*.test.ts', '**/testing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Take the time from lib/core/clock.ts (clockNow): tests set it there.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from lib/core/clock.ts (new Date(clockNow())): tests set it there.' },
      ],
    },
  },
  {
    files: ['*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);

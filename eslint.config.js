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
    files: ['*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);

import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// Explicit imports everywhere: auto-imports hide where things come from.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
  }),
  manifest: ({ browser }) => ({
    name: 'Refined OpenAI Platform',
    description:
      'Makes the OpenAI Platform dashboard safer to use: the active project made unmistakable, with its own accent colour.',
    permissions: ['storage'],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'refined-openai-platform@example.org',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});

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
      'Safer OpenAI Platform: unmistakable active project, one-click ZIP exports, spend glance and spike alerts, logging reminders.',
    // alarms: periodic usage refresh. api.openai.com: the only host the admin key is sent to.
    // notifications: spend-spike alerts.
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: ['https://api.openai.com/*'],
    // Loaded on demand by the ZIP export: the download catcher (page world) and JSZip.
    web_accessible_resources: [
      { resources: ['zip-capture.js', 'zip-builder.js'], matches: ['https://platform.openai.com/*'] },
    ],
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

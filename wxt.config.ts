import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'wxt';
import { lazyFeatureScripts } from './lib/features/catalog';
import { featureScripts } from './lib/features/feature-scripts';

const NATIVE_BROWSER = '\0native-browser';

/**
 * Scripts that run in dashboard pages use the browser's own `browser` namespace instead of
 * webextension-polyfill: Firefox has always had it, Chrome from 148 (hence
 * minimum_chrome_version), where the polyfill only hands it back. That is 3 kB gzipped
 * less on every dashboard page (budget: `npm run bench`). Extension pages keep the polyfill.
 */
const nativeBrowser: Plugin = {
  name: 'native-browser',
  enforce: 'pre',
  resolveId: (id) => (id === 'webextension-polyfill' ? NATIVE_BROWSER : null),
  load: (id) => (id === NATIVE_BROWSER ? "export { browser as default } from '@wxt-dev/browser';" : null),
};

// Explicit imports everywhere: auto-imports hide where things come from.
export default defineConfig({
  imports: false,
  modules: ['@wxt-dev/webextension-polyfill'],
  zip: {
    // The sources zip is what addons.mozilla.org rebuilds the add-on from (README, "Store
    // packages"): everything the build reads, without tests, benchmarks or pictures.
    excludeSources: ['e2e/**', 'e2e-firefox/**', 'bench/**', 'docs/screenshots/**', '**/testing/**', 'test-results/**', 'playwright-report/**'],
  },
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    // Each lazy feature of the catalog (lib/features/catalog.ts) gets its own script.
    'entrypoints:found'(wxt, infos) {
      for (const script of featureScripts(wxt.config.root, wxt.config.wxtDir)) {
        mkdirSync(dirname(script.inputPath), { recursive: true });
        writeFileSync(script.inputPath, script.source);
        infos.push({ name: script.name, inputPath: script.inputPath, type: 'unlisted-script' });
      }
    },
    'vite:build:extendConfig'(entrypoints, config) {
      if (entrypoints.every((entry) => entry.type === 'content-script' || entry.type === 'unlisted-script')) {
        config.plugins = [...(config.plugins ?? []), nativeBrowser];
        // Scripts in dashboard pages are minified harder (terser, two passes): a few hundred
        // bytes fewer on every dashboard page than esbuild's minifier (budget: scripts/bundles.test.mjs).
        config.build = { ...config.build, minify: 'terser', terserOptions: { compress: { passes: 2 } } };
      }
    },
  },
  manifest: ({ browser }) => ({
    name: 'Refined OpenAI Platform',
    description:
      'Safer OpenAI Platform: unmistakable active project, one-click ZIP exports, spend glance and spike alerts, logging reminders.',
    // alarms: periodic usage refresh. api.openai.com: the only host the admin key is sent to.
    // notifications: spend-spike alerts.
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: ['https://api.openai.com/*'],
    // Loaded on demand by the content script: the page code of the catalog's lazy features
    // (lib/features/catalog.ts, fetched by lib/features/registry.ts), for the ZIP export the
    // download catcher (page world) and JSZip, and the page outline.
    web_accessible_resources: [
      {
        resources: [...lazyFeatureScripts(), 'zip-capture.js', 'zip-builder.js', 'page-outline.js'],
        matches: ['https://platform.openai.com/*'],
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Our own id (a domain the project's pages live under), fixed so that updates,
              // the stored admin key and the tests' pinned moz-extension UUID follow it.
              id: 'refined-openai-platform@refined-openai-platform.github.io',
              // data_collection_permissions is understood from Firefox 140 (142 on Android);
              // nothing else the add-on uses needs more (world: MAIN content scripts: 128).
              strict_min_version: '140.0',
              // Nothing is collected or sent anywhere but to api.openai.com, with the user's key.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : // The native `browser` namespace in content scripts (nativeBrowser above) needs
        // Chrome 148; world: 'MAIN' content scripts (the logging-setting reader) need 111.
        { minimum_chrome_version: '148' }),
  }),
});

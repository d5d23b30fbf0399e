// Checks the BUILT extension (run `npm run build` first): each bundle carries only the code
// it runs. Run by `npm test` (npm run test:bundles); sizes are printed by `npm run bench`.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  chromeOutput,
  CONTENT_SCRIPT,
  CONTENT_SCRIPT_BUDGET_GZIP,
  featureScripts,
  pageScripts,
  read,
  sizeOf,
} from './bundle-report.mjs';

/**
 * Text that only one part of the code contains. Each marker is first looked for where it
 * belongs, so a renamed constant fails this test instead of making it pass vacuously.
 */
const MARKERS = {
  accentBar: 'rop-accent-bar', // ACCENT_BAR_ID, lib/features/project-emphasis/feature.ts
  activeProject: 'oai/activeProj', // STORAGE_KEYS, the dashboard adapter (lib/platform)
  activeOrganization: 'oai/activeOrg', // STORAGE_KEYS, the dashboard adapter (lib/platform)
  featureLoader: '__refinedOpenAIPlatformFeatures', // lib/features/lazy.ts
  zipRun: '__refinedOpenAIPlatformZip', // ZIP_ENGINE_GLOBAL, used by the ZIP run
  loggingBanner: 'Open the Logs page to switch logging on', // lib/features/logging-reminder/feature.ts
  pageScopeNote: 'data-rop-scope-host', // HOST_MARK, lib/features/page-scope/feature.ts
  popup: 'usage-popup', // components/popup/UsagePopup.tsx
  // Page contexts read storage through read-only views (lib/storage/read-only-item.ts) and
  // speak the messages' wire format themselves (lib/messaging/page-messenger.ts): WXT
  // storage (which migrates and writes wherever an item is defined) and the messaging
  // library stay with the worker and extension pages.
  wxtStorage: 'Storage item version cannot be less than 1', // @wxt-dev/storage, defineItem
  messagingLibrary: 'Unknown message format', // @webext-core/messaging, onMessage
};

const contains = (files, text) => files.filter((file) => read(file).includes(text));

function assertBelongs(marker, files) {
  assert.ok(contains(files, MARKERS[marker]).length > 0, `marker ${marker} (${MARKERS[marker]}) not found in ${files.join(', ')}`);
}

function assertAbsent(marker, files, where) {
  assert.deepEqual(contains(files, MARKERS[marker]), [], `${where} carries ${marker} (${MARKERS[marker]})`);
}

describe('built bundles', () => {
  assert.ok(existsSync(path.join(chromeOutput, 'manifest.json')), 'no build in .output/chrome-mv3: run `npm run build` first');
  const contentScript = [CONTENT_SCRIPT];
  const zipScript = ['feature-usage-zip-export.js'];
  const loggingScript = ['feature-logging-reminder.js'];
  const pageScopeScript = ['feature-page-scope.js'];

  it(`keeps the content script within ${CONTENT_SCRIPT_BUDGET_GZIP} bytes gzipped`, (t) => {
    const { gzip } = sizeOf(CONTENT_SCRIPT);
    t.diagnostic(`${CONTENT_SCRIPT}: ${gzip} bytes gzipped, ${CONTENT_SCRIPT_BUDGET_GZIP - gzip} bytes of headroom`);
    assert.ok(gzip <= CONTENT_SCRIPT_BUDGET_GZIP, `${CONTENT_SCRIPT} is ${gzip} bytes gzipped`);
  });

  it('keeps WXT storage and the messaging library out of page contexts (content script, feature scripts)', () => {
    const pageContexts = [...contentScript, ...featureScripts()];
    assertBelongs('wxtStorage', pageScripts('options'));
    assertBelongs('messagingLibrary', pageScripts('popup'));
    assertAbsent('wxtStorage', pageContexts, 'a page context');
    assertAbsent('messagingLibrary', pageContexts, 'a page context');
  });

  it('leaves the Usage page features out of the content script, in scripts of their own', () => {
    // Among the catalog's lazy features (lib/features/catalog.ts), whose list may grow without this test.
    for (const script of [...zipScript, ...loggingScript]) assert.ok(featureScripts().includes(script), `${script} not built`);
    assertBelongs('accentBar', contentScript);
    assertBelongs('featureLoader', contentScript);
    assertBelongs('zipRun', zipScript);
    assertBelongs('loggingBanner', loggingScript);
    assertAbsent('zipRun', contentScript, 'the content script');
    assertAbsent('loggingBanner', contentScript, 'the content script');
    assertBelongs('pageScopeNote', pageScopeScript);
    assertAbsent('pageScopeNote', contentScript, 'the content script');
  });

  it('lists the feature scripts as web-accessible to platform.openai.com only', () => {
    const manifest = JSON.parse(read('manifest.json'));
    const entries = manifest.web_accessible_resources.filter((entry) => featureScripts().some((file) => entry.resources.includes(file)));
    assert.ok(entries.length > 0);
    for (const entry of entries) assert.deepEqual(entry.matches, ['https://platform.openai.com/*']);
  });

  for (const page of ['options', 'popup']) {
    it(`keeps content-script feature code and the DOM adapter out of the ${page} page`, () => {
      const scripts = pageScripts(page);
      assert.ok(scripts.length > 0, `${page}.html loads no scripts`);
      assertBelongs('accentBar', contentScript);
      assertBelongs('activeProject', contentScript);
      assertBelongs('activeOrganization', contentScript);
      for (const marker of ['accentBar', 'activeProject', 'activeOrganization', 'featureLoader', 'zipRun', 'loggingBanner']) {
        assertAbsent(marker, scripts, `the ${page} page`);
      }
    });
  }

  it('keeps the popup out of the export page', () => {
    assertBelongs('popup', pageScripts('popup'));
    assertAbsent('popup', pageScripts('export'), 'the export page');
  });
});

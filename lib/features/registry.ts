import type { FeatureSource } from './feature';
import { lazyFeature } from './lazy';
import { loggingReminderScope } from './logging-reminder/meta';
import { pageScopeScope } from './page-scope/meta';
import { projectEmphasis } from './project-emphasis/feature';
import { usageZipExportScope } from './usage-zip-export/meta';

// The extension's own packaged scripts, never a URL from the page. Spelled with the global
// `chrome` (Chrome and Firefox both have it) because the bundler renames an imported
// `browser`, and addons.mozilla.org's linter accepts import() only of runtime.getURL(…).
declare const chrome: { runtime: { getURL(path: string): string } };

/**
 * Every feature as the content script runs it, in the catalog's order. The project
 * emphasis applies on every page and is bundled; the others are fetched, each from its
 * own script (entrypoints/feature-*.ts, web-accessible in wxt.config.ts), on the pages
 * they serve.
 */
export const features: readonly FeatureSource[] = [
  projectEmphasis,
  lazyFeature(
    pageScopeScope,
    // eslint-disable-next-line no-unsanitized/method
    () => import(/* @vite-ignore */ chrome.runtime.getURL('/feature-page-scope.js')),
  ),
  lazyFeature(
    usageZipExportScope,
    // eslint-disable-next-line no-unsanitized/method
    () => import(/* @vite-ignore */ chrome.runtime.getURL('/feature-usage-zip-export.js')),
  ),
  lazyFeature(
    loggingReminderScope,
    // eslint-disable-next-line no-unsanitized/method
    () => import(/* @vite-ignore */ chrome.runtime.getURL('/feature-logging-reminder.js')),
  ),
];

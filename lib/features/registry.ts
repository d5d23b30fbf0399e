import { FEATURES, featureScriptName } from './catalog';
import type { FeatureScope, FeatureSource } from './feature';
import { lazyFeature } from './lazy';
import { projectEmphasis } from './project-emphasis/feature';

// The extension's own packaged scripts, never a URL from the page. Spelled with the global
// `chrome` (Chrome and Firefox both have it) because the bundler renames an imported
// `browser`, and addons.mozilla.org's linter accepts import() only of runtime.getURL(…).
declare const chrome: { runtime: { getURL(path: string): string } };

/** The page code the content script carries itself: the catalog's bundled features, which apply on every page. */
const BUNDLED: Readonly<Record<string, FeatureSource>> = { [projectEmphasis.id]: projectEmphasis };

/** Every feature's scope (meta.ts), without its texts: cheap enough for every page. */
const scopes = import.meta.glob<FeatureScope>('./*/meta.ts', { eager: true, import: 'scope' });

/**
 * Every feature as the content script runs it, in the catalog's order. A bundled feature
 * is its page code; a lazy one is fetched from its own script (feature-<id>.js, built and
 * made web-accessible from the catalog by wxt.config.ts) on the pages it serves.
 */
export const features: readonly FeatureSource[] = FEATURES.map((entry) =>
  // Every bundled entry has its page code here and every folder a scope: registry.test.ts.
  entry.loading === 'bundled'
    ? BUNDLED[entry.id]!
    : lazyFeature(scopes[`./${entry.id}/meta.ts`]!, () =>
        // eslint-disable-next-line no-unsanitized/method
        import(/* @vite-ignore */ chrome.runtime.getURL(`/${featureScriptName(entry.id)}.js`)),
      ),
);

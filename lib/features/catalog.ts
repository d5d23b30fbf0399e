/**
 * Every page feature, one line each, in the order options lists them and the page runs
 * them. A feature is declared by its folder, lib/features/<id>/ (meta.ts exporting its
 * `scope` and `meta`, feature.ts its page code), and its line here; nothing else names it:
 * - a lazy feature's page code becomes its own packaged script, feature-<id>.js, which
 *   wxt.config.ts builds and makes web-accessible from this list, and which the content
 *   script fetches only on the pages it applies to (registry.ts);
 * - a bundled feature ships in the content script (registry.ts lists its page code): only
 *   for what runs on every page.
 * Plain data, so that the build configuration can read it.
 */
export const FEATURES: readonly CatalogEntry[] = [
  { id: 'project-emphasis', loading: 'bundled' },
  { id: 'page-scope', loading: 'lazy' },
  { id: 'usage-zip-export', loading: 'lazy' },
  { id: 'logging-reminder', loading: 'lazy' },
];

export interface CatalogEntry {
  /** Its folder's name, and the id its scope, health records and settings use. */
  readonly id: string;
  readonly loading: 'bundled' | 'lazy';
}

/** The name of a lazy feature's packaged script (without .js). */
export function featureScriptName(id: string): string {
  return `feature-${id}`;
}

/** The packaged scripts of the catalog's lazy features, as the manifest lists them. */
export function lazyFeatureScripts(catalog: readonly CatalogEntry[] = FEATURES): string[] {
  return catalog.filter((entry) => entry.loading === 'lazy').map((entry) => `${featureScriptName(entry.id)}.js`);
}

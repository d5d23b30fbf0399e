import type { Feature, FeatureScope, LazyFeature } from './feature';
import { describeError } from '../core/describe-error';

/**
 * Where a feature's own script leaves its feature for the content script. Both run in the
 * content script's isolated world, whose globals the page cannot see.
 */
const PROVIDED = '__refinedOpenAIPlatformFeatures';

function provided(): Record<string, Feature | undefined> {
  const scope = globalThis as Record<string, unknown>;
  return (scope[PROVIDED] ??= {}) as Record<string, Feature | undefined>;
}

/** Called by a feature's script (feature-<id>.js, see feature-scripts.ts) when the content script imports it. */
export function provideFeature<Anchor>(feature: Feature<Anchor>): void {
  provided()[feature.id] = feature as Feature;
}

/** The feature of that id among the exports of its feature.ts. */
export function featureOf(code: Readonly<Record<string, unknown>>, id: string): Feature {
  const found = Object.values(code).find(
    (value): value is Feature =>
      typeof value === 'object' && value !== null && (value as Feature).id === id && typeof (value as Feature).apply === 'function',
  );
  if (!found) throw new Error(`lib/features/${id}/feature.ts exports no feature of the id ${id}.`);
  return found;
}

/**
 * A feature whose page code is its own web-accessible script, imported the first time the
 * feature applies. The content script is one classic bundle (no code splitting), so
 * import() of a packaged script is how code stays off the pages that do not need it.
 */
export function lazyFeature(scope: FeatureScope, importScript: () => Promise<unknown>): LazyFeature {
  return {
    ...scope,
    async load() {
      if (!provided()[scope.id]) {
        try {
          await importScript();
        } catch (error) {
          throw new Error(`its code did not load: ${describeError(error)}`);
        }
      }
      const feature = provided()[scope.id];
      if (!feature) throw new Error('its code did not load: its script provided no feature of that id.');
      return feature;
    },
  };
}

import { FEATURES } from './catalog';
import type { FeatureMeta } from './feature';

const metas = import.meta.glob<FeatureMeta>('./*/meta.ts', { eager: true, import: 'meta' });

/**
 * Every feature's metadata, in the catalog's order: what extension pages import, never the
 * registry, which brings the page code.
 */
export const featureCatalog: readonly FeatureMeta[] = FEATURES.map((entry) => {
  const meta = metas[`./${entry.id}/meta.ts`];
  if (!meta) throw new Error(`lib/features/${entry.id}/meta.ts exports no meta`);
  return meta;
});

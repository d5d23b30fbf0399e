import { isUsagePage } from '../../platform/adapter';
import { defineFeatureMeta, type FeatureScope } from '../feature';

export const scope: FeatureScope = {
  id: 'usage-zip-export',
  appliesTo: isUsagePage,
};

export const meta = defineFeatureMeta(scope, {
  name: 'Download all as ZIP',
  description:
    'Adds “Download all as ZIP” to the Usage page’s Export modal: every monthly file, unchanged, in one archive with a manifest of sizes and SHA-256 sums.',
});

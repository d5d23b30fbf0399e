import { isUsagePage } from '../../platform/adapter';
import { defineFeatureMeta } from '../feature';

export const usageZipExportMeta = defineFeatureMeta({
  id: 'usage-zip-export',
  name: 'Download all as ZIP',
  description:
    'Adds “Download all as ZIP” to the Usage page’s Export modal: every monthly file, unchanged, in one archive with a manifest of sizes and SHA-256 sums.',
  appliesTo: isUsagePage,
});

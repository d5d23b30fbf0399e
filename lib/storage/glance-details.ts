import type { GlanceDetails } from '../glance/details';
import { defineVersionedItem } from './versioned-item';

/** The glance's keys and limits (lib/glance/details.ts). Written only by the worker's refresh. */
export const usageGlanceDetails = defineVersionedItem<GlanceDetails | null>('session:usageGlanceDetails', {
  fallback: null,
  version: 1,
  migrations: {},
});

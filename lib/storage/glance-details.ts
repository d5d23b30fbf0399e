import { migrateGlanceDetailsToV2, type GlanceDetails } from '../glance/details';
import { arrayOf, isNumber, isRecord, nullable, optional, recordOf, shape } from '../core/stored-shape';
import { defineVersionedItem } from './versioned-item';

/** The glance's keys and limits (lib/glance/details.ts). Written only by the worker's refresh. */
export const usageGlanceDetails = defineVersionedItem<GlanceDetails | null>('session:usageGlanceDetails', {
  fallback: null,
  // v2: a key's owner by e-mail or service-account name (lib/glance/details.ts).
  version: 2,
  migrations: { 2: migrateGlanceDetailsToV2 },
  validate: shape({
    fetchedAt: isNumber,
    keys: recordOf(isRecord),
    limits: recordOf(isRecord),
    keyLists: recordOf(nullable(arrayOf(isRecord))),
    log: recordOf(isNumber),
    omitted: optional(isNumber),
  }),
});

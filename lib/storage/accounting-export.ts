import { isNumber } from '../core/stored-shape';
import { defineVersionedItem } from './versioned-item';

/**
 * The tab last opened for an accounting export (storage.session: extension contexts only, gone
 * with the browser). Written only by lib/messaging/open-export-page.ts. The key keeps the
 * name it was first stored under (the feature was once a yearly export).
 */
export const exportTab = defineVersionedItem<number | null>('session:yearlyExportTab', { fallback: null, version: 1, migrations: {}, validate: isNumber });

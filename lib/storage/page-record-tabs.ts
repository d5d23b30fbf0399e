import { arrayOf, isNumber } from '../core/stored-shape';
import { defineVersionedItem } from './versioned-item';

/**
 * Tabs that asked for the worker's records, kept in session storage so a restarted worker
 * still knows them. Written and read only by the worker (lib/background/page-records.ts).
 */
export const subscribedTabs = defineVersionedItem<number[]>('session:pageRecordTabs', {
  fallback: [],
  version: 1,
  migrations: {},
  validate: arrayOf(isNumber),
});

import type { SecurityNotice } from '../security-watch/notices';
import { DEFAULT_SECURITY_SETTINGS, type SecurityWatchSettings } from '../security-watch/settings';
import { EMPTY_WATCH_STATE, isWatchState, migrateWatchStateToV2, type SecurityWatchState } from '../security-watch/watch-state';
import { arrayOf, isRecord, isString, shape } from '../core/stored-shape';
import { defineVersionedItem } from './versioned-item';

/** The user's choices for the security watch, written by options and read by the worker and the popup. */
export const securityWatchSettings = defineVersionedItem<SecurityWatchSettings>('sync:securityWatch', {
  fallback: DEFAULT_SECURITY_SETTINGS,
  version: 1,
  migrations: {},
  // Read through normalizeSecuritySettings, which replaces what is missing or out of range.
  validate: isRecord,
});

/** What the watch last read; written only by the worker's security step (lib/background/security-watch.ts). */
export const securityWatchState = defineVersionedItem<SecurityWatchState>('local:securityWatch', {
  fallback: EMPTY_WATCH_STATE,
  // v2: project keys' owners carry their e-mail (lib/security-watch/watch-state.ts).
  version: 2,
  migrations: { 2: migrateWatchStateToV2 },
  validate: isWatchState,
});

/** Notified and not yet seen in the popup: the badge stays red while this is non-empty. */
export const unseenSecurityNotices = defineVersionedItem<SecurityNotice[]>('local:securityUnseen', {
  fallback: [],
  version: 1,
  migrations: {},
  validate: arrayOf(shape({ id: isString, kind: isString, title: isString, message: isString, page: isRecord })),
});

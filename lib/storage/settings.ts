import type { Silence } from '../logging-reminder/logging-state';
import { isBoolean, isNumber, isRecord, isString, nullable, oneOf, optional, recordOf, shape } from '../core/stored-shape';
import type { NewProjectLimits, Sensitivity } from '../spike-alerts/detect';
import { itemDefinition } from './item-definition';
import { defineVersionedItem } from './versioned-item';
import { EARLIER_KEY_ORGANIZATION } from './key-store';

/**
 * What the user chose. Preferences live in storage.sync (they follow the user); choices
 * about one device's records in storage.local. What the extension observed is not here:
 * the worker owns it (lib/storage/records.ts). Content scripts may read these items,
 * so nothing secret goes here. Every item is versioned: v1 is the shape stored before
 * items had versions.
 *
 * An item a page context reads has its definition exported too (UPPER_CASE): content
 * scripts read it through `readOnlyItem` (read-only-item.ts), never through the WXT item.
 */
export const DISABLED_FEATURES = itemDefinition<string[]>('sync:disabledFeatures', {
  fallback: [],
  version: 1,
  migrations: {},
  // A list is all the code needs (it asks whether an id is in it): a non-id entry matches nothing.
  validate: Array.isArray,
});
export const disabledFeatures = defineVersionedItem(DISABLED_FEATURES);

/** Accent colour overrides, keyed by project key (projectKey, lib/core/identity.ts). */
export const PROJECT_COLORS = itemDefinition<Record<string, string>>('sync:projectColors', {
  fallback: {},
  version: 1,
  migrations: {},
  validate: recordOf(isString),
});
export const projectColors = defineVersionedItem(PROJECT_COLORS);

export interface UsageGlanceSettings {
  /** Minutes between background refreshes; at least MIN_REFRESH_MINUTES. */
  refreshMinutes: number;
  /** What the toolbar badge counts in the first organization: 'organization' or a project id. */
  badgeScope: 'organization' | (string & {});
  /**
   * With several organizations: 'all' (their total), another organization's id (its own
   * figures), or absent (the first organization, by badgeScope). Absent in what earlier
   * versions stored, which means the same.
   */
  badgeOrganization?: 'all' | (string & {});
  /** The badge turns red when today's spend in its scope exceeds this (micro-units); null: never. */
  dailyThresholdMicros: number | null;
}

/** Chrome fires alarms at most every 30 s; a minute keeps the API calls modest too. */
export const MIN_REFRESH_MINUTES = 1;

export const usageGlanceSettings = defineVersionedItem<UsageGlanceSettings>('sync:usageGlance', {
  fallback: { refreshMinutes: 15, badgeScope: 'organization', dailyThresholdMicros: null },
  version: 1,
  migrations: {},
  // A NaN period would have the alarm refused: a number of minutes (the scheduler keeps it to
  // MIN_REFRESH_MINUTES at least), a scope, a threshold or none.
  validate: shape({
    refreshMinutes: isNumber,
    badgeScope: isString,
    dailyThresholdMicros: nullable(isNumber),
    badgeOrganization: optional(isString),
  }),
});

/** The spike signals beside volume spikes (lib/spike-alerts/signals.ts), each switched on or off. */
export interface SpikeSignalSwitches {
  /** A model the project has not used in the previous 14 days suddenly carrying traffic. */
  newModel: boolean;
  /** Tokens per request jumping. */
  tokensPerRequest: boolean;
  /** A key created in the last day already among the project's busiest. */
  newBusyKey: boolean;
}

export interface SpikeAlertSettings {
  enabled: boolean;
  sensitivity: Sensitivity;
  /** Per project id: a UTC day's spend (micro-units) at which to alert whatever the history. */
  dailySpendCapsMicros: Record<string, number>;
  /**
   * Limits for projects with under three days of history (spend per UTC day in micro-units,
   * requests and tokens per hour; null: off). Absent in settings saved by older versions,
   * and in the fallback: read it through newProjectLimitsOf (lib/spike-alerts/detect.ts).
   */
  newProjectLimits?: NewProjectLimits;
  /** Since v2. */
  signals: SpikeSignalSwitches;
  /**
   * Since v2: the popup's glance flags projects with month-to-date spend and no spend limit,
   * and spend in the Default project (which cannot be limited). Quiet text, no notification.
   */
  flagUnlimitedSpend: boolean;
}

/**
 * v2 added the signal switches and the limit flags: on for everyone, so an upgrade brings
 * the new warnings as a fresh install does. Pure: what was stored stays as it was.
 */
export function migrateSpikeAlertsToV2(previous: unknown): unknown {
  const stored = typeof previous === 'object' && previous !== null ? (previous as Record<string, unknown>) : {};
  return {
    enabled: true,
    sensitivity: 'medium',
    dailySpendCapsMicros: {},
    ...stored,
    signals: { newModel: true, tokensPerRequest: true, newBusyKey: true },
    flagUnlimitedSpend: true,
  };
}

export const spikeAlertSettings = defineVersionedItem<SpikeAlertSettings>('sync:spikeAlerts', {
  // No newProjectLimits: its defaults live with the detector (newProjectLimitsOf), out of the content script's bundle.
  fallback: {
    enabled: true,
    sensitivity: 'medium',
    dailySpendCapsMicros: {},
    signals: { newModel: true, tokensPerRequest: true, newBusyKey: true },
    flagUnlimitedSpend: true,
  },
  version: 2,
  migrations: { 2: migrateSpikeAlertsToV2 },
  validate: shape({
    enabled: isBoolean,
    sensitivity: oneOf('low', 'medium', 'high'),
    dailySpendCapsMicros: recordOf(isNumber),
    newProjectLimits: optional(isRecord),
    signals: shape({ newModel: isBoolean, tokensPerRequest: isBoolean, newBusyKey: isBoolean }),
    flagUnlimitedSpend: isBoolean,
  }),
});

/**
 * Logging reminders the user dismissed or snoozed, per project key. Several surfaces
 * offer the choice (each platform tab, the popup): the worker writes it for them, in order.
 */
export const LOGGING_REMINDER_SILENCE = itemDefinition<Record<string, Silence>>('local:loggingReminderSilence', {
  fallback: {},
  version: 1,
  migrations: {},
  validate: recordOf(shape({ dismissed: optional(isBoolean), snoozedUntil: optional(isNumber) })),
});
export const loggingReminderSilence = defineVersionedItem(LOGGING_REMINDER_SILENCE);

/**
 * Where the user wants each organization's admin key kept (see lib/storage/key-store.ts):
 * 'device' keeps it across restarts, 'session' forgets it when the browser closes; `next`
 * is the choice for the next key saved. This device's choice, so storage.local; the worker
 * writes it when options asks, together with moving the key.
 */
export interface KeyRetentions {
  next: 'device' | 'session';
  /** Organization id → its key's place. */
  organizations: Record<string, 'device' | 'session'>;
}

/** v1 held one choice for the single key, which key-store.ts files under EARLIER_KEY_ORGANIZATION. */
export function migrateKeyRetentionToV2(previous: unknown): KeyRetentions {
  const choice = previous === 'session' ? 'session' : 'device';
  return { next: choice, organizations: { [EARLIER_KEY_ORGANIZATION.id]: choice } };
}

export const adminKeyRetention = defineVersionedItem<KeyRetentions>('local:adminKeyRetention', {
  fallback: { next: 'device', organizations: {} },
  version: 2,
  migrations: { 2: migrateKeyRetentionToV2 },
  validate: shape({ next: oneOf('device', 'session'), organizations: recordOf(oneOf('device', 'session')) }),
});

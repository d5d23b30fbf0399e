import { storage } from 'wxt/utils/storage';
import type { HealthMap } from '../features/health';
import type { OrganizationLogging, Silence } from '../logging/logging-state';
import { DEFAULT_NEW_PROJECT_LIMITS, type NewProjectLimits, type Sensitivity } from '../spike-alerts/detect';

/**
 * Settings live in storage.sync (they follow the user); observations of the dashboard
 * in storage.local. Content scripts may read both, so nothing secret goes here.
 */
export const disabledFeatures = storage.defineItem<string[]>('sync:disabledFeatures', {
  fallback: [],
});

/** Accent colour overrides, keyed by project key (see lib/features/project-emphasis/accent.ts). */
export const projectColors = storage.defineItem<Record<string, string>>('sync:projectColors', {
  fallback: {},
});

export const featureHealth = storage.defineItem<HealthMap>('local:featureHealth', {
  fallback: {},
});

export interface KnownProject {
  key: string;
  id: string | null;
  name: string;
  organization: string;
  lastSeen: number;
}

/** Projects seen in the dashboard's switcher, so options can offer a colour for each. */
export const knownProjects = storage.defineItem<Record<string, KnownProject>>('local:knownProjects', {
  fallback: {},
});

export interface UsageGlanceSettings {
  /** Minutes between background refreshes; at least MIN_REFRESH_MINUTES. */
  refreshMinutes: number;
  /** What the toolbar badge counts: 'organization' or a project id. */
  badgeScope: 'organization' | (string & {});
  /** The badge turns red when today's spend in its scope exceeds this (micro-units); null: never. */
  dailyThresholdMicros: number | null;
}

/** Chrome fires alarms at most every 30 s; a minute keeps the API calls modest too. */
export const MIN_REFRESH_MINUTES = 1;

export const usageGlanceSettings = storage.defineItem<UsageGlanceSettings>('sync:usageGlance', {
  fallback: { refreshMinutes: 15, badgeScope: 'organization', dailyThresholdMicros: null },
});

/** What the extension has seen of chat-completion logging, per organization key. */
export const loggingObservations = storage.defineItem<Record<string, OrganizationLogging>>('local:loggingObservations', {
  fallback: {},
});

/** Logging reminders the user dismissed or snoozed, per project key. */
export const loggingReminderSilence = storage.defineItem<Record<string, Silence>>('local:loggingReminderSilence', {
  fallback: {},
});

export interface SpikeAlertSettings {
  enabled: boolean;
  sensitivity: Sensitivity;
  /** Per project id: a UTC day's spend (micro-units) at which to alert whatever the history. */
  dailySpendCapsMicros: Record<string, number>;
  /**
   * Limits for projects with under three days of history (spend per UTC day in micro-units,
   * requests and tokens per hour; null: off). Absent in settings saved by older versions:
   * read it through newProjectLimitsOf.
   */
  newProjectLimits?: NewProjectLimits;
}

export function newProjectLimitsOf(settings: SpikeAlertSettings): NewProjectLimits {
  return { ...DEFAULT_NEW_PROJECT_LIMITS, ...settings.newProjectLimits };
}

export const spikeAlertSettings = storage.defineItem<SpikeAlertSettings>('sync:spikeAlerts', {
  fallback: { enabled: true, sensitivity: 'medium', dailySpendCapsMicros: {}, newProjectLimits: { ...DEFAULT_NEW_PROJECT_LIMITS } },
});

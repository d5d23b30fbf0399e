import { defineVersionedItem } from './versioned-item';
import { EMPTY_INCIDENT_STATE, type IncidentState } from '../spike-alerts/incident-store';
import { INITIAL_STATUS, type ProjectNames, type ProjectSummaries, type UsageCache, type UsageStatus, USAGE_CACHE_VERSION } from '../usage/cache';
import type { SpikeNotice } from '../spike-alerts/notice';
import type { OrganizationFigures } from '../usage/organizations';
import { arrayOf, isBoolean, isNumber, isRecord, isString, nullable, recordOf, shape } from '../core/stored-shape';

/**
 * The worker's own records of the Admin API: only the worker writes them; the popup,
 * options and the export page read them. v1 is the shape stored before items had versions.
 */

/**
 * Written only together with usageStatus, in one storage.local.set (see lib/background/refresh.ts). That
 * write leaves WXT's version mark out, so the item stays v1 and the value carries its own
 * shape version (UsageCache.version): a cache of another shape reads as none (currentCache).
 */
const PERIOD = shape({ costMicros: isNumber });
const SUMMARY = shape({
  scope: isString,
  currency: isString,
  today: PERIOD,
  yesterday: PERIOD,
  last7Days: PERIOD,
  monthToDate: PERIOD,
  projectedMonthEndMicros: nullable(isNumber),
  daily: arrayOf(isRecord),
  topLineItems: arrayOf(isRecord),
  topModels: arrayOf(isRecord),
});
/** A cache of another version (earlier ones had none) passes: currentCache reads it as none. One of this version is checked. */
const isUsageCache = (value: unknown) =>
  shape({ fetchedAt: isNumber })(value) &&
  ((value as { version: unknown }).version !== USAGE_CACHE_VERSION ||
    shape({ freshness: isRecord, summaries: recordOf(SUMMARY), summariesComplete: isBoolean })(value));

export const usageCache = defineVersionedItem<UsageCache | null>('local:usageCache', { fallback: null, version: 1, migrations: {}, validate: isUsageCache });

/**
 * Every active project's figures from the refresh that wrote usageCache (see lib/usage/cache.ts).
 * storage.session: readable by the worker and extension pages only, so platform tabs never
 * receive these changes; rebuilt by the next refresh after a browser restart.
 */
export const usageProjectSummaries = defineVersionedItem<ProjectSummaries | null>('session:usageProjectSummaries', {
  fallback: null,
  version: 1,
  migrations: {},
  validate: shape({ fetchedAt: isNumber, summaries: recordOf(isString), complete: isBoolean }),
});

/** The projects the usage glance knows by name; rewritten only when they change (see lib/usage/cache.ts). */
export const usageProjects = defineVersionedItem<ProjectNames | null>('local:usageProjects', {
  fallback: null,
  version: 1,
  migrations: {},
  validate: shape({ projects: arrayOf(shape({ id: isString, name: nullable(isString), archived: isBoolean })), listed: isBoolean }),
});

export const usageStatus = defineVersionedItem<UsageStatus>('local:usageStatus', {
  fallback: INITIAL_STATUS,
  version: 1,
  migrations: {},
  validate: shape({ lastAttemptAt: nullable(isNumber), problem: nullable(shape({ kind: isString })), retryAt: nullable(isNumber) }),
});

/** Which spike incidents already raised a notification (dedupe and cool-down across refreshes). */
export const spikeIncidents = defineVersionedItem<IncidentState>('local:spikeIncidents', {
  fallback: EMPTY_INCIDENT_STATE,
  version: 1,
  migrations: {},
  // Read through parseIncidentState, which keeps what it can of the list.
  validate: shape({ version: isNumber, notified: Array.isArray }),
});

/** Spikes kept unseen at most (newest kept): the list cannot grow without end while the popup stays closed. */
export const MAX_UNSEEN_SPIKES = 100;

/** Spikes notified and not yet looked at: the badge stays red while this is non-empty. */
export const unseenSpikes = defineVersionedItem<SpikeNotice[]>('local:unseenSpikes', {
  fallback: [],
  version: 1,
  migrations: {},
  validate: arrayOf(shape({ id: isString, projectId: nullable(isString), title: isString, message: isString })),
});

/**
 * Each organization's own figures, keyed by organization id (lib/usage/organizations.ts), for
 * the popup's "All organizations" view. Written only by the worker (its refresh, and the
 * removal of an organization's key, which removes that organization's entry alone).
 */
export const organizationFigures = defineVersionedItem<Record<string, OrganizationFigures>>('local:organizationFigures', {
  fallback: {},
  version: 1,
  migrations: {},
  validate: recordOf(
    shape({
      organizationId: isString,
      name: isString,
      summary: nullable(SUMMARY),
      fetchedAt: nullable(isNumber),
      status: shape({ lastAttemptAt: nullable(isNumber), problem: nullable(shape({ kind: isString })), retryAt: nullable(isNumber) }),
    }),
  ),
});

import { defineVersionedItem } from '../settings/versioned-item';
import { EMPTY_INCIDENT_STATE, type IncidentState } from '../spike-alerts/incident-store';
import { INITIAL_STATUS, type ProjectNames, type ProjectSummaries, type UsageCache, type UsageStatus } from '../usage/cache';
import type { SpikeNotice } from './spike-check';

/**
 * The worker's own records of the Admin API: only the worker writes them; the popup,
 * options and the export page read them. v1 is the shape stored before items had versions.
 */

/**
 * Written only together with usageStatus, in one storage.local.set (see refresh.ts). That
 * write leaves WXT's version mark out, so the item stays v1 and the value carries its own
 * shape version (UsageCache.version): a cache of another shape reads as none (currentCache).
 */
export const usageCache = defineVersionedItem<UsageCache | null>('local:usageCache', { fallback: null, version: 1, migrations: {} });

/**
 * Every active project's figures from the refresh that wrote usageCache (see cache.ts).
 * storage.session: readable by the worker and extension pages only, so platform tabs never
 * receive these changes; rebuilt by the next refresh after a browser restart.
 */
export const usageProjectSummaries = defineVersionedItem<ProjectSummaries | null>('session:usageProjectSummaries', {
  fallback: null,
  version: 1,
  migrations: {},
});

/** The projects the usage glance knows by name; rewritten only when they change (see cache.ts). */
export const usageProjects = defineVersionedItem<ProjectNames | null>('local:usageProjects', { fallback: null, version: 1, migrations: {} });

export const usageStatus = defineVersionedItem<UsageStatus>('local:usageStatus', { fallback: INITIAL_STATUS, version: 1, migrations: {} });

/** Which spike incidents already raised a notification (dedupe and cool-down across refreshes). */
export const spikeIncidents = defineVersionedItem<IncidentState>('local:spikeIncidents', {
  fallback: EMPTY_INCIDENT_STATE,
  version: 1,
  migrations: {},
});

/** Spikes kept unseen at most (newest kept): the list cannot grow without end while the popup stays closed. */
export const MAX_UNSEEN_SPIKES = 100;

/** Spikes notified and not yet looked at: the badge stays red while this is non-empty. */
export const unseenSpikes = defineVersionedItem<SpikeNotice[]>('local:unseenSpikes', { fallback: [], version: 1, migrations: {} });

import { defineVersionedItem } from '../settings/versioned-item';
import { EMPTY_INCIDENT_STATE, type IncidentState } from '../spike-alerts/incident-store';
import { INITIAL_STATUS, type UsageCache, type UsageStatus } from '../usage/cache';
import type { SpikeNotice } from './spike-check';

/**
 * The worker's own records of the Admin API: only the worker writes them; the popup,
 * options and the export page read them. v1 is the shape stored before items had versions.
 */

/** Written only together with usageStatus, in one storage.local.set (see refresh.ts). */
export const usageCache = defineVersionedItem<UsageCache | null>('local:usageCache', { fallback: null, version: 1, migrations: {} });

export const usageStatus = defineVersionedItem<UsageStatus>('local:usageStatus', { fallback: INITIAL_STATUS, version: 1, migrations: {} });

/** Which spike incidents already raised a notification (dedupe and cool-down across refreshes). */
export const spikeIncidents = defineVersionedItem<IncidentState>('local:spikeIncidents', {
  fallback: EMPTY_INCIDENT_STATE,
  version: 1,
  migrations: {},
});

/** Spikes notified and not yet looked at: the badge stays red while this is non-empty. */
export const unseenSpikes = defineVersionedItem<SpikeNotice[]>('local:unseenSpikes', { fallback: [], version: 1, migrations: {} });

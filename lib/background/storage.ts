import { storage } from 'wxt/utils/storage';
import { EMPTY_INCIDENT_STATE, type IncidentState } from '../spike-alerts/incident-store';
import { INITIAL_STATUS, type ProjectNames, type ProjectSummaries, type UsageCache, type UsageStatus } from '../usage/cache';
import type { SpikeNotice } from './spike-check';

/** Written only together with usageStatus, in one storage.local.set (see refresh.ts). */
export const usageCache = storage.defineItem<UsageCache | null>('local:usageCache', { fallback: null });

/**
 * Every active project's figures from the refresh that wrote usageCache (see cache.ts).
 * storage.session: readable by the worker and extension pages only, so platform tabs never
 * receive these changes; rebuilt by the next refresh after a browser restart.
 */
export const usageProjectSummaries = storage.defineItem<ProjectSummaries | null>('session:usageProjectSummaries', {
  fallback: null,
});

/** The projects the usage glance knows by name; rewritten only when they change (see cache.ts). */
export const usageProjects = storage.defineItem<ProjectNames | null>('local:usageProjects', { fallback: null });

export const usageStatus = storage.defineItem<UsageStatus>('local:usageStatus', { fallback: INITIAL_STATUS });

/** Which spike incidents already raised a notification (dedupe and cool-down across refreshes). */
export const spikeIncidents = storage.defineItem<IncidentState>('local:spikeIncidents', { fallback: EMPTY_INCIDENT_STATE });

/** Spikes notified and not yet looked at: the badge stays red while this is non-empty. */
export const unseenSpikes = storage.defineItem<SpikeNotice[]>('local:unseenSpikes', { fallback: [] });

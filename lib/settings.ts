import { storage } from 'wxt/utils/storage';
import type { HealthMap } from './features/health';

/**
 * Settings live in storage.sync (they follow the user); observations of the dashboard
 * in storage.local. Content scripts may read both, so nothing secret goes here.
 */
export const disabledFeatures = storage.defineItem<string[]>('sync:disabledFeatures', {
  fallback: [],
});

/** Accent colour overrides, keyed by project key (see lib/project-accent.ts). */
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

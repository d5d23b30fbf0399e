import { defineVersionedItem } from './versioned-item';
import type { OrganizationLogging } from '../logging-reminder/logging-state';
import { arrayOf, isNumber, isString, nullable, oneOf, optional, recordOf, shape } from '../core/stored-shape';

/**
 * What the extension observed on the dashboard, as opposed to what the user chose
 * (lib/storage/). The worker is the only writer of these records: pages and content
 * scripts report to it by message and it applies the reports in order. Options and the
 * popup read them; dashboard pages may not open storage.local and get them from the worker
 * (lib/background/page-records.ts). v1 is the shape stored before items had versions.
 */

/** How a feature fared on the last dashboard page it ran on, as shown in options. */
export type HealthState = 'active' | 'not-applicable' | 'not-recognized' | 'error';

export interface HealthRecord {
  state: HealthState;
  /** Path of the dashboard page (no query: it may hold ids the user would not want stored). */
  path: string;
  at: number;
  error?: string;
}

/** Keyed by feature id. */
export type HealthMap = Record<string, HealthRecord>;

export const featureHealth = defineVersionedItem<HealthMap>('local:featureHealth', {
  fallback: {},
  version: 1,
  migrations: {},
  validate: recordOf(shape({ state: oneOf('active', 'not-applicable', 'not-recognized', 'error'), path: isString, at: isNumber, error: optional(isString) })),
});

export interface KnownProject {
  /** The page's key for it (projectKey): its id, or organization/name when the page showed no id. */
  key: string;
  /**
   * The id the page showed; for a project filed under its name, the id that name has in the
   * admin key's project list when exactly one project bears it (lib/usage/project-by-name.ts).
   */
  id: string | null;
  name: string;
  organization: string;
  lastSeen: number;
}

/** Projects seen in the dashboard's switcher, so options can offer a colour for each. */
export const knownProjects = defineVersionedItem<Record<string, KnownProject>>('local:knownProjects', {
  fallback: {},
  version: 1,
  migrations: {},
  validate: recordOf(shape({ key: isString, id: nullable(isString), name: isString, organization: isString, lastSeen: isNumber })),
});

/** What the extension has seen of chat-completion logging, per organization key. */
export const loggingObservations = defineVersionedItem<Record<string, OrganizationLogging>>('local:loggingObservations', {
  fallback: {},
  version: 1,
  migrations: {},
  validate: recordOf(
    shape({
      setting: optional(shape({ setting: isString, projectIds: arrayOf(isString), at: isNumber })),
      pages: recordOf(shape({ status: oneOf('enabled', 'disabled'), at: isNumber })),
    }),
  ),
});

/** What the security watch keeps between refreshes (written only by the worker, lib/background/security-watch.ts). */
import type { AdminApiFailure } from '../admin-api/errors';
import { arrayOf, isBoolean, isNumber, isRecord, isString, nullable, optional, recordOf, shape } from '../core/stored-shape';
import type { AuditLogEvent } from '../admin-api/audit-logs';
import type { ProjectApiKeyEntry } from '../admin-api/project-api-keys';
import type { SpendLimit } from '../admin-api/spend-limits';
import type { HandledIds } from './notices';
import type { AuditAvailability } from './posture';

export type WatchProblem = AdminApiFailure | { kind: 'unexpected'; userMessage: string };

/** The audit log's list does not cover the whole 30 days: said under the list. */
export type AuditCoverage =
  /** The first read stopped at its page bound: nothing older than `before` was read. */
  | { kind: 'truncated'; before: number }
  /** A later read stopped at its bound: events between `from` and `to` were not read. */
  | { kind: 'gap'; from: number; to: number };

export interface ProjectKeys {
  projectId: string;
  projectName: string | null;
  /** Epoch milliseconds. */
  readAt: number;
  keys: ProjectApiKeyEntry[];
  /** Why the keys could not be read (e.g. 403), shown instead of findings. */
  problem: string | null;
}

export interface SecurityWatchState {
  /** `savedAt` of the admin key this state was read with; another key starts afresh. */
  keySavedAt: number | null;
  /** Epoch milliseconds. */
  lastAttemptAt: number | null;
  /** Epoch milliseconds before which the API asked not to be called (Retry-After). */
  retryAt: number | null;
  problem: WatchProblem | null;
  audit: {
    availability: AuditAvailability | null;
    /** The API's message when it refused the log, shown as detail. */
    refusal: string | null;
    /** Unix seconds (API clock): where the next read starts. */
    newestEffectiveAt: number | null;
    /** Newest first, 30 days back from the newest, routine sign-ins left out. */
    events: AuditLogEvent[];
    coverage: AuditCoverage | null;
  };
  adminKeys: {
    /** Every admin key id at the last listing; null before the first listing or when it is refused. */
    ids: string[] | null;
    /** The key in use was found in the listing (by its redacted value). */
    ownKeyFound: boolean;
    ownExpiresAt: number | null;
  };
  /** Hard spend limit of the organization; `known: false` when it could not be read. */
  spendLimit: { known: boolean; value: SpendLimit | null; readAt: number | null };
  projects: ProjectKeys[];
  handled: HandledIds;
}

export const EMPTY_WATCH_STATE: SecurityWatchState = {
  keySavedAt: null,
  lastAttemptAt: null,
  retryAt: null,
  problem: null,
  audit: { availability: null, refusal: null, newestEffectiveAt: null, events: [], coverage: null },
  adminKeys: { ids: null, ownKeyFound: false, ownExpiresAt: null },
  spendLimit: { known: false, value: null, readAt: null },
  projects: [],
  handled: {},
};

/** Whether a stored value has the shape the watch and the popup read (stored-shape.ts). */
export const isWatchState = shape({
  keySavedAt: nullable(isNumber),
  lastAttemptAt: nullable(isNumber),
  retryAt: nullable(isNumber),
  problem: nullable(shape({ kind: isString })),
  audit: shape({ events: arrayOf(shape({ id: isString, type: isString, effectiveAt: isNumber })), coverage: nullable(isRecord) }),
  adminKeys: shape({ ids: nullable(arrayOf(isString)), ownKeyFound: isBoolean, ownExpiresAt: nullable(isNumber) }),
  spendLimit: shape({ known: isBoolean, readAt: nullable(isNumber) }),
  projects: arrayOf(shape({ projectId: isString, readAt: isNumber, keys: arrayOf(isRecord), problem: nullable(isString) })),
  handled: optional(recordOf(isNumber)),
});

/** Stored data of another shape (an older version, a bug) starts afresh rather than half-read. */
export function parseWatchState(value: unknown): SecurityWatchState {
  if (!isWatchState(value)) return EMPTY_WATCH_STATE;
  const state = value as Partial<SecurityWatchState>;
  return { ...EMPTY_WATCH_STATE, ...state, handled: state.handled ?? {} } as SecurityWatchState;
}

/** v1 read project keys' owners without their e-mail; v2 keeps it (null where v1 had none: the name stands in). */
export function migrateWatchStateToV2(previous: unknown): unknown {
  if (!isWatchState(previous)) return previous;
  const state = previous as SecurityWatchState;
  return {
    ...state,
    projects: state.projects.map((project) => ({
      ...project,
      keys: project.keys.map((key) => ({ ...key, owner: { ...key.owner, email: key.owner.email ?? null } })),
    })),
  };
}

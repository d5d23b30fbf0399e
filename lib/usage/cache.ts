import { MAX_RETRY_AFTER_SECONDS, type AdminApiFailure } from '../admin-api/errors';
import type { UsageSnapshot } from './refresh-plan';
import { listSeenProjects, type SeenProject } from './seen-projects';
import { costsCompleteThrough, summarizeScopes, summarizeUsage, type UsageScope, type UsageSummary } from './summarize-usage';

/** How complete the figures are: costs arrive about daily, usage within minutes (docs/facts.md §1). */
export interface UsageFreshness {
  /** Start (Unix seconds) of the newest UTC day whose costs are complete; later days are still arriving. */
  costsCompleteThrough: number;
  /** When usage was read (epoch milliseconds, by the API's clock when it said). */
  usageAsOf: number;
}

/**
 * What the worker keeps in storage.local after a successful refresh. Numbers only: they
 * are not secret (content scripts can read storage.local), the key never goes here.
 */
export interface UsageCache {
  /** Bumped when the shape changes; a cache of another version is not shown (the next refresh replaces it). */
  version: typeof USAGE_CACHE_VERSION;
  /** Epoch milliseconds of the refresh; every summary is computed for this instant. */
  fetchedAt: number;
  freshness: UsageFreshness;
  projects: SeenProject[];
  /** false when the key may not list projects, so names are unknown. */
  projectsListed: boolean;
  /**
   * 'organization' plus every project with cost or usage in the window. A project with
   * neither is left out to keep the cache small; summaryFor fills in its zeros.
   */
  summaries: Record<UsageScope, UsageSummary>;
}

export const USAGE_CACHE_VERSION = 2;

/** The cache if it has this version's shape, else null (as if there were none yet). */
export function currentCache(cache: UsageCache | null | undefined): UsageCache | null {
  return cache?.version === USAGE_CACHE_VERSION ? cache : null;
}

/** Why the last refresh did not produce numbers; cached numbers stay shown beside it. */
export type RefreshProblem =
  | AdminApiFailure
  | { kind: 'no-key' }
  /** Anything else (e.g. costs in two currencies): a bug or an API change, not the user's doing. */
  | { kind: 'unexpected'; userMessage: string };

/** Stored apart from the cache so a failed refresh never touches the last good numbers. */
export interface UsageStatus {
  /** Epoch milliseconds of the last attempt (successful or not); null before the first. */
  lastAttemptAt: number | null;
  problem: RefreshProblem | null;
  /** Epoch milliseconds before which the API asked not to be called again (Retry-After). */
  retryAt: number | null;
}

export const INITIAL_STATUS: UsageStatus = { lastAttemptAt: null, problem: null, retryAt: null };

/**
 * `retryAt`, never more than MAX_RETRY_AFTER_SECONDS after the attempt that set it: a
 * status stored by an older version may hold a Retry-After of a year.
 */
export function effectiveRetryAt(status: UsageStatus): number | null {
  if (status.retryAt === null) return null;
  const latest = (status.lastAttemptAt ?? status.retryAt) + MAX_RETRY_AFTER_SECONDS * 1000;
  return Math.min(status.retryAt, latest);
}

export function buildUsageCache(snapshot: UsageSnapshot): UsageCache {
  const completeThrough = costsCompleteThrough(snapshot.costs, snapshot.fetchedAt);
  const summaries = Object.fromEntries(
    summarizeScopes({
      costs: snapshot.costs,
      usage: snapshot.usage,
      now: snapshot.fetchedAt,
      scopes: 'every-project',
      costsCompleteThrough: completeThrough,
    }),
  ) as Record<UsageScope, UsageSummary>;
  return {
    version: USAGE_CACHE_VERSION,
    fetchedAt: snapshot.fetchedAt,
    freshness: { costsCompleteThrough: completeThrough, usageAsOf: snapshot.serverNow ?? snapshot.fetchedAt },
    projects: listSeenProjects(snapshot),
    projectsListed: snapshot.projects !== null,
    summaries,
  };
}

export function summaryFor(cache: UsageCache, scope: UsageScope): UsageSummary {
  return (
    cache.summaries[scope] ??
    summarizeUsage({ costs: [], usage: [], now: cache.fetchedAt, scope })
  );
}

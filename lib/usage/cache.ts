import type { AdminApiFailure } from '../admin-api/errors';
import type { UsageSnapshot } from './refresh-plan';
import { listSeenProjects, type SeenProject } from './seen-projects';
import { summarizeUsage, type UsageScope, type UsageSummary } from './summarize-usage';

/**
 * What the worker keeps in storage.local after a successful refresh. Numbers only: they
 * are not secret (content scripts can read storage.local), the key never goes here.
 */
export interface UsageCache {
  /** Epoch milliseconds of the refresh; every summary is computed for this instant. */
  fetchedAt: number;
  projects: SeenProject[];
  /** false when the key may not list projects, so names are unknown. */
  projectsListed: boolean;
  /**
   * 'organization' plus every project with cost or usage in the window. A project with
   * neither is left out to keep the cache small; summaryFor fills in its zeros.
   */
  summaries: Record<UsageScope, UsageSummary>;
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

export function buildUsageCache(snapshot: UsageSnapshot): UsageCache {
  const summarize = (scope: UsageScope) =>
    summarizeUsage({ costs: snapshot.costs, usage: snapshot.usage, now: snapshot.fetchedAt, scope });
  const active = new Set<string>();
  for (const bucket of [...snapshot.costs, ...snapshot.usage]) {
    for (const { projectId } of bucket.results) if (projectId !== null) active.add(projectId);
  }
  const summaries: Record<UsageScope, UsageSummary> = { organization: summarize('organization') };
  for (const projectId of active) summaries[projectId] = summarize(projectId);
  return {
    fetchedAt: snapshot.fetchedAt,
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

import { MAX_RETRY_AFTER_SECONDS, type AdminApiFailure } from '../admin-api/errors';
import { isWaiting } from '../core/clock';
import type { UsageSnapshot } from './refresh-plan';
import { packSummary, unpackSummary, type PackedSummary } from './packed-summary';
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
 * What the popup needs to open with figures, kept in storage.local after a successful
 * refresh: the organization's summary and how complete the figures are. Numbers only: they
 * are not secret (content scripts can read storage.local), the key never goes here.
 *
 * Its size does not grow with the organization: storage.local changes reach every open
 * platform tab, and a cache holding every project (a thousand active ones made megabytes)
 * was rewritten on every refresh. Each project's figures go to ProjectSummaries
 * (storage.session), the project names to ProjectNames (written only when they change).
 */
export interface UsageCache {
  /** Bumped when the shape changes; a cache of another version is not shown (the next refresh replaces it). */
  version: typeof USAGE_CACHE_VERSION;
  /** Epoch milliseconds of the refresh; every summary is computed for this instant. */
  fetchedAt: number;
  freshness: UsageFreshness;
  /**
   * 'organization', plus the projects the badge or the reader needs at once. As built by
   * buildUsageCache it holds every project with cost or usage in the window; the stored
   * copy (splitUsageCache) keeps the rest in ProjectSummaries.
   */
  summaries: Record<UsageScope, UsageSummary>;
  /** true when `summaries` holds every project with cost or usage, so a project missing from it had none. */
  summariesComplete: boolean;
}

/**
 * Every active project's figures from one refresh, packed. The worker keeps them in
 * storage.session: only the worker and extension pages can read that area, so platform
 * tabs never receive them, and the next refresh rebuilds them after a browser restart.
 */
export interface ProjectSummaries {
  /** The UsageCache.fetchedAt they belong to: figures of another refresh are never mixed in. */
  fetchedAt: number;
  /**
   * Project id → its PackedSummary as JSON. Strings, because storage.session charges its
   * quota by memory use, and a number in an array costs several times its digits there.
   */
  summaries: Record<string, string>;
  /** false when some projects were left out to stay inside the storage quota: a missing one is then unknown, not zero. */
  complete: boolean;
}

/**
 * Under storage.session's 10 MB quota (Chrome), with room for the names and overhead:
 * about 10,000 busy projects. Past it, the projects that spent least over 30 days are left
 * out (the popup says their figures were not kept).
 */
export const MAX_PROJECT_SUMMARIES_BYTES = 6_000_000;

/** The projects the picker offers, in storage.local apart from the cache: written only when they change. */
export interface ProjectNames {
  projects: SeenProject[];
  /** false when the key may not list projects, so names are unknown. */
  listed: boolean;
}

export function projectNames(snapshot: UsageSnapshot): ProjectNames {
  return { projects: listSeenProjects(snapshot), listed: snapshot.projects !== null };
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
 * When the API's wait ends (epoch ms), or null when it holds no longer at `now`. Never more
 * than MAX_RETRY_AFTER_SECONDS after the attempt that set it (a status stored by an older
 * version may hold a Retry-After of a year), and none at all when that attempt lies in the
 * future: it was recorded while the computer's clock was ahead, and waiting it out would
 * stop every refresh and alert for as long as the clock was off.
 */
export function effectiveRetryAt(status: UsageStatus, now: number): number | null {
  const wait = { setAt: status.lastAttemptAt, until: status.retryAt, maxMs: MAX_RETRY_AFTER_SECONDS * 1000 };
  return isWaiting(wait, now) ? Math.min(status.retryAt as number, (status.lastAttemptAt as number) + wait.maxMs) : null;
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
    summaries,
    summariesComplete: true,
  };
}

/**
 * The cache as stored (the organization and the scopes in `keep`) and every project's
 * packed figures apart. Projects are packed biggest spenders first, up to maxBytes.
 */
export function splitUsageCache(
  cache: UsageCache,
  keep: readonly UsageScope[],
  maxBytes = MAX_PROJECT_SUMMARIES_BYTES,
): { cache: UsageCache; projects: ProjectSummaries } {
  const kept: Partial<Record<UsageScope, UsageSummary>> = {};
  const packed: Record<string, string> = {};
  let bytes = 0;
  let complete = true;
  const bySpend = Object.values(cache.summaries)
    .map((summary) => ({ summary, spend: spend30(summary) }))
    .sort((a, b) => b.spend - a.spend);
  for (const { summary } of bySpend) {
    if (summary.scope === 'organization' || keep.includes(summary.scope)) kept[summary.scope] = summary;
    if (summary.scope === 'organization') continue;
    const entry = JSON.stringify(packSummary(summary));
    // Characters are what a string costs, near enough (ids and names are ASCII), plus the entry itself.
    const size = entry.length + summary.scope.length + 64;
    if (bytes + size > maxBytes) {
      complete = false;
      continue;
    }
    bytes += size;
    packed[summary.scope] = entry;
  }
  return {
    cache: { ...cache, summaries: kept as Record<UsageScope, UsageSummary>, summariesComplete: false },
    projects: { fetchedAt: cache.fetchedAt, summaries: packed, complete },
  };
}

function spend30(summary: UsageSummary): number {
  return summary.daily.reduce((sum, day) => sum + day.costMicros, 0);
}

/**
 * A scope's figures: from the cache, else from the same refresh's project summaries; zeros
 * for a project known to have had no cost or usage. null when they are not at hand (not
 * loaded yet, from another refresh, left out, or a cache of an older version).
 */
export function summaryFor(cache: UsageCache, scope: UsageScope, projects?: ProjectSummaries | null): UsageSummary | null {
  if (currentCache(cache) === null) return null;
  const cached = cache.summaries[scope];
  if (cached) return cached;
  const currency = cache.summaries.organization?.currency ?? 'USD';
  if (!cache.summariesComplete) {
    if (projects?.fetchedAt !== cache.fetchedAt) return null;
    const packed = projects.summaries[scope];
    if (packed) return unpackSummary(JSON.parse(packed) as PackedSummary, scope, { fetchedAt: cache.fetchedAt, currency });
    if (!projects.complete) return null;
  }
  return {
    ...summarizeUsage({ costs: [], usage: [], now: cache.fetchedAt, scope, costsCompleteThrough: cache.freshness.costsCompleteThrough }),
    currency,
  };
}

import type { AdminGet } from '../admin-api/admin-request';
import { adminApiFor } from '../admin-api/connect';
import type { AdminClientOptions } from '../admin-api/client';
import { AdminApiError } from '../admin-api/errors';
import type { CompletionsUsageBucket } from '../admin-api/responses';
import { listProjectApiKeys } from '../admin-api/project-api-keys';
import { readSpendLimit, type SpendLimitResult } from '../admin-api/spend-limits';
import { attributeKeys, type AttributionKey, type KeyAttribution } from '../usage/key-attribution';
import { dueLookups, lookupKey, MAX_DETAIL_PROJECTS, type Lookup } from '../glance/request-plan';
import type { GlanceDetails } from '../glance/details';
import type { UsageCache } from '../usage/cache';
import type { UsageSnapshot } from '../usage/refresh-plan';
import type { UsageScope } from '../usage/summarize-usage';
import { DAY_SECONDS, utcDayStart, utcMonthStart } from '../core/utc-days';



/** Lookups at once: a first refresh of a large organization should not burst hundreds of requests. */
const LOOKUP_CONCURRENCY = 4;
/**
 * Lookups per refresh, biggest spenders first: the rest stay due and are made by the next
 * refreshes, so a first refresh of a large organization is not held up by thousands.
 */
export const MAX_LOOKUPS_PER_REFRESH = 41;


/** Projects with cost or usage this month, biggest spenders first: only these get key lists and limits. */
export function projectsWithTraffic(cache: UsageCache): string[] {
  return Object.values(cache.summaries)
    .filter((summary) => summary.scope !== 'organization')
    .filter((summary) => summary.monthToDate.costMicros > 0 || summary.monthToDate.requests > 0)
    .sort((a, b) => b.monthToDate.costMicros - a.monthToDate.costMicros || b.monthToDate.requests - a.monthToDate.requests)
    .map((summary) => summary.scope);
}

/**
 * The details for a refresh: the lookups that are due, then every project's key
 * attribution. A lookup that fails for another reason than 403 keeps its last answer and
 * is tried again at the next refresh (after a 400, the next UTC day); it never costs the
 * user their figures.
 */
export async function buildGlanceDetails(input: {
  client: AdminClientOptions;
  snapshot: Pick<UsageSnapshot, 'usage'>;
  /** The refresh's whole cache (every project's summary), before it is split for storage. */
  cache: UsageCache;
  previous: GlanceDetails | null;
  now: number;
}): Promise<GlanceDetails> {
  const withTraffic = projectsWithTraffic(input.cache);
  const active = withTraffic.slice(0, MAX_DETAIL_PROJECTS);
  const kept = new Set<string>(['organization', ...active]);
  const keep = <T>(record: Record<string, T> | undefined): Record<string, T> =>
    Object.fromEntries(Object.entries(record ?? {}).filter(([scope]) => kept.has(scope)));
  const log: Record<string, number> = Object.fromEntries(
    // lookupKey is "<kind>:<scope>".
    Object.entries(input.previous?.log ?? {}).filter(([key]) => kept.has(key.slice(key.indexOf(':') + 1))),
  );
  const limits: Partial<Record<UsageScope, SpendLimitResult>> = keep(input.previous?.limits);
  const keyLists: Record<string, AttributionKey[] | null> = keep(input.previous?.keyLists);
  const due = dueLookups({ now: input.now, projectsWithTraffic: active, log }).slice(0, MAX_LOOKUPS_PER_REFRESH);
  if (due.length > 0) {
    const { get } = adminApiFor(input.client.apiKey, input.client);
    const queue = [...due];
    const run = async () => {
      for (let lookup = queue.shift(); lookup; lookup = queue.shift()) {
        try {
          await perform(get, lookup, limits, keyLists);
          log[lookupKey(lookup)] = input.now;
        } catch (error) {
          // A 400 will be a 400 again (the Default project's limit may answer so): asked again tomorrow, not every refresh.
          if (error instanceof AdminApiError && error.status === 400) log[lookupKey(lookup)] = input.now;
          console.warn('[refined-openai-platform] glance lookup failed, kept the last answer:', lookupKey(lookup), error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, due.length) }, run));
  }

  const nowSeconds = Math.floor(input.cache.fetchedAt / 1000);
  const from = utcMonthStart(nowSeconds);
  const to = utcDayStart(nowSeconds) + DAY_SECONDS;
  const keys: Record<string, KeyAttribution> = {};
  const usageByProject = splitByProject(input.snapshot.usage, from, to);
  for (const projectId of active) {
    keys[projectId] = attributeKeys({
      projectId,
      usage: usageByProject.get(projectId) ?? [],
      from,
      to,
      costMicros: input.cache.summaries[projectId]?.monthToDate.costMicros ?? null,
      keys: keyLists[projectId] ?? null,
    });
  }
  return { fetchedAt: input.cache.fetchedAt, keys, limits, keyLists, log, omitted: withTraffic.length - active.length };
}

/** Each project's share of the buckets in [from, to), in one pass (not one pass per project). */
function splitByProject(usage: readonly CompletionsUsageBucket[], from: number, to: number): Map<string, CompletionsUsageBucket[]> {
  const byProject = new Map<string, CompletionsUsageBucket[]>();
  for (const bucket of usage) {
    if (bucket.startTime < from || bucket.startTime >= to) continue;
    const own = new Map<string, CompletionsUsageBucket['results']>();
    for (const result of bucket.results) {
      if (result.projectId === null) continue;
      let list = own.get(result.projectId);
      if (!list) own.set(result.projectId, (list = []));
      list.push(result);
    }
    for (const [projectId, results] of own) {
      let buckets = byProject.get(projectId);
      if (!buckets) byProject.set(projectId, (buckets = []));
      buckets.push({ ...bucket, results });
    }
  }
  return byProject;
}

async function perform(
  get: AdminGet,
  lookup: Lookup,
  limits: Partial<Record<UsageScope, SpendLimitResult>>,
  keyLists: Record<string, AttributionKey[] | null>,
): Promise<void> {
  const byPath = (path: string) => get(path, {}, (json) => json);
  switch (lookup.kind) {
    case 'organization-limit':
      limits.organization = await readSpendLimit(byPath, 'organization');
      return;
    case 'project-limit':
      limits[lookup.projectId] = await readSpendLimit(byPath, lookup.projectId);
      return;
    case 'key-list':
      try {
        keyLists[lookup.projectId] = (await listProjectApiKeys(get, lookup.projectId, { ownerProjectAccess: 'any' })).map((key) => ({
          id: key.id,
          name: key.name,
          createdAt: key.createdAt,
          lastUsedAt: key.lastUsedAt,
          redactedValue: key.redactedValue,
          owner: { type: key.owner.type, name: key.owner.name, email: key.owner.email },
        }));
      } catch (error) {
        if (error instanceof AdminApiError && error.kind === 'forbidden') keyLists[lookup.projectId] = null;
        else throw error;
      }
  }
}

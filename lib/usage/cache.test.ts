import { describe, expect, it } from 'vitest';
import type { TimeBucket } from '../admin-api/responses';
import { buildUsageCache, splitUsageCache, summaryFor, type UsageCache } from './cache';
import { largeOrganizationSnapshot, projectId } from './testing/large-organization';

const NOW = Date.parse('2025-03-15T10:00:00Z');

/** Counts how often each bucket's results are walked through (for…of, map, filter, …). */
function countingWalks<B extends TimeBucket<unknown>>(buckets: B[]): { buckets: B[]; walks: () => number } {
  let walks = 0;
  const walkers = new Set<PropertyKey>([Symbol.iterator, 'map', 'filter', 'forEach', 'reduce', 'some', 'find', 'flatMap']);
  const wrapped = buckets.map((bucket) => ({
    ...bucket,
    results: new Proxy(bucket.results, {
      get(target, property, receiver) {
        if (walkers.has(property)) walks += 1;
        return Reflect.get(target, property, receiver) as unknown;
      },
    }),
  }));
  return { buckets: wrapped, walks: () => walks };
}

/** Built once: 6,000 active projects take a moment. */
let sixThousand: UsageCache | null = null;
const builtSixThousand = () => (sixThousand ??= buildUsageCache(largeOrganizationSnapshot(6_000, 6_000, NOW)));

describe('buildUsageCache for a large organization', () => {
  it('walks each bucket\'s rows a fixed number of times, however many projects are active', () => {
    const walksFor = (active: number) => {
      const snapshot = largeOrganizationSnapshot(active, active, NOW);
      const costs = countingWalks(snapshot.costs);
      const usage = countingWalks(snapshot.usage);
      const cache = buildUsageCache({ ...snapshot, costs: costs.buckets, usage: usage.buckets });
      expect(Object.keys(cache.summaries)).toHaveLength(active + 1);
      return costs.walks() + usage.walks();
    };
    // 31 cost and 31 usage buckets: a handful of walks each, not one per project.
    expect(walksFor(10)).toBe(walksFor(1000));
    expect(walksFor(1000)).toBeLessThanOrEqual(62 * 4);
  });

  it('computes each of 6,000 projects as if it were summarized alone', () => {
    const cache = builtSixThousand();
    expect(cache.summaries[projectId(5_999)]?.today.costMicros).toBe(60_000_000);
    expect(cache.summaries[projectId(0)]?.monthToDate).toEqual({ costMicros: 150_000, inputTokens: 150, outputTokens: 15, requests: 15 });
    // Sum of (k + 1) cents for k < 6,000.
    expect(cache.summaries.organization?.today.costMicros).toBe(((6_000 * 6_001) / 2) * 10_000);
    expect(Object.keys(cache.summaries)).toHaveLength(6_001);
  });
});

describe('splitUsageCache', () => {
  const split = (active: number, keep: string[] = []) =>
    splitUsageCache(active === 6_000 ? builtSixThousand() : buildUsageCache(largeOrganizationSnapshot(active, active, NOW)), keep);

  it('stores the organization (and the badge\'s project) only: the same size for 10 or 6,000 active projects', () => {
    const small = split(10, [projectId(3)]);
    const large = split(6_000, [projectId(3)]);
    expect(Object.keys(large.cache.summaries).sort()).toEqual(['organization', projectId(3)]);
    const figures = (cache: UsageCache) => JSON.stringify(cache).length;
    expect(figures(large.cache)).toBeLessThan(figures(small.cache) * 1.1);
    expect(figures(large.cache)).toBeLessThan(8_000);
  });

  it('keeps every active project\'s figures apart, packed, and gives them back whole', () => {
    const built = builtSixThousand();
    const { cache, projects } = splitUsageCache(built, []);
    expect(Object.keys(projects.summaries)).toHaveLength(6_000);
    expect(projects.complete).toBe(true);
    // Inside storage.session's quota with room to spare: well under 1 KB a project.
    expect(JSON.stringify(projects).length).toBeLessThan(6_000 * 600);
    // As read back from storage.
    const stored = JSON.parse(JSON.stringify({ cache, projects })) as { cache: typeof cache; projects: typeof projects };
    for (const scope of [projectId(0), projectId(4_321), projectId(5_999), 'organization']) {
      expect(summaryFor(stored.cache, scope, stored.projects)).toEqual(built.summaries[scope]);
    }
    // A project without cost or usage: zeros, in the organization's currency.
    expect(summaryFor(stored.cache, 'proj_idle', stored.projects)?.today.costMicros).toBe(0);
  });

  it('says "unknown", not zero, when the project figures are missing, from another refresh or left out', () => {
    const { cache, projects } = split(50);
    expect(summaryFor(cache, projectId(7), null)).toBeNull();
    expect(summaryFor(cache, projectId(7), { ...projects, fetchedAt: NOW - 1 })).toBeNull();
    const tight = splitUsageCache(buildUsageCache(largeOrganizationSnapshot(50, 50, NOW)), [], 5_000);
    expect(tight.projects.complete).toBe(false);
    // The biggest spenders are kept.
    expect(tight.projects.summaries[projectId(49)]).toBeDefined();
    expect(tight.projects.summaries[projectId(0)]).toBeUndefined();
    expect(summaryFor(tight.cache, projectId(0), tight.projects)).toBeNull();
    expect(summaryFor(tight.cache, 'organization', tight.projects)?.today.costMicros).toBe(((50 * 51) / 2) * 10_000);
  });

  it('shows nothing for a cache of an older shape', () => {
    const { cache } = split(2);
    expect(summaryFor({ ...cache, version: 1 } as unknown as UsageCache, 'organization')).toBeNull();
  });
});

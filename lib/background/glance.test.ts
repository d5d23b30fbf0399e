import { describe, expect, it, vi } from 'vitest';
import type { CompletionsUsageBucket, CostBucket } from '../admin-api/responses';
import { fakeFetch, type FakeReply } from '../admin-api/testing/fake-fetch';
import { apiError, listPage, SPEC_PROJECT_API_KEY } from '../admin-api/testing/fixtures';
import { buildUsageCache } from '../usage/cache';
import { MAX_DETAIL_PROJECTS } from '../glance/request-plan';
import { buildGlanceDetails, MAX_LOOKUPS_PER_REFRESH } from './glance';
import type { GlanceDetails } from '../glance/details';

const DAY = 86_400;
/** 2025-03-15T10:00Z: the month to date is 1–15 March. */
const NOW = Date.parse('2025-03-15T10:00:00Z');
const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;

/** Dollars a day per project over the last 20 days (so the month to date is 15 days of it). */
function snapshot(dailyDollars: Record<string, number>, usage: CompletionsUsageBucket[] = []) {
  const costs: CostBucket[] = [];
  for (let start = TODAY - 19 * DAY; start <= TODAY; start += DAY) {
    costs.push({
      startTime: start,
      endTime: start + DAY,
      results: Object.entries(dailyDollars).map(([projectId, dollars]) => ({ amountValue: dollars, currency: 'usd', lineItem: null, projectId })),
    });
  }
  const projects = Object.keys(dailyDollars).map((id) => ({ id, name: id, createdAt: 0, archivedAt: null, status: 'active' }));
  return { fetchedAt: NOW, costs, usage, projects };
}

const key = (id: string, name: string) => ({ ...SPEC_PROJECT_API_KEY, id, name });

/** A fake Admin API for the lookups; `overrides` answer some paths differently. */
function api(overrides: Record<string, FakeReply> = {}) {
  return fakeFetch((url) => {
    const override = overrides[url.pathname];
    if (override) return override;
    const keys = /^\/v1\/organization\/projects\/([^/]+)\/api_keys$/.exec(url.pathname);
    if (keys) return { json: listPage([key(`key_${keys[1]}`, `${keys[1]}-key`)]) };
    if (url.pathname.endsWith('/spend_limit')) return { json: { object: 'project.spend_limit', threshold_amount: 10_000, currency: 'USD', interval: 'month', enforcement: { status: 'enforcing' } } };
    return { status: 404, json: apiError('Unknown path') };
  });
}

async function build(fetch: ReturnType<typeof api>, dollars: Record<string, number>, previous: GlanceDetails | null = null, now = NOW, usage: CompletionsUsageBucket[] = []) {
  const snap = { ...snapshot(dollars, usage), fetchedAt: now };
  return buildGlanceDetails({
    client: { apiKey: 'sk-admin-test', fetch: fetch.fetch, now: () => now, sleep: async () => {}, maxAttempts: 1 },
    snapshot: snap,
    cache: buildUsageCache(snap),
    previous,
    now,
  });
}

const paths = (fetch: ReturnType<typeof api>) => fetch.requests.map((request) => request.url.pathname.replace('/v1/organization', ''));

describe('buildGlanceDetails', () => {
  it('looks up key lists and limits once a day, only for projects with traffic, biggest spenders first', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fetch = api();
    const first = await build(fetch, { proj_small: 1, proj_big: 10, proj_idle: 0 });
    expect(paths(fetch)).toEqual([
      '/spend_limit',
      '/projects/proj_big/api_keys',
      '/projects/proj_big/spend_limit',
      '/projects/proj_small/api_keys',
      '/projects/proj_small/spend_limit',
    ]);
    expect(fetch.requests.filter((request) => request.url.pathname.endsWith('/api_keys')).every((request) => request.url.searchParams.get('owner_project_access') === 'any')).toBe(true);
    expect(first.keyLists.proj_big?.map((entry) => entry.name)).toEqual(['proj_big-key']);
    expect(first.limits.proj_big).toMatchObject({ state: 'limit', limit: { thresholdMicros: 100_000_000 } });
    expect(first.keyLists.proj_idle).toBeUndefined();

    // Later the same UTC day: nothing is asked again, and the answers are kept.
    const again = api();
    const later = await build(again, { proj_small: 1, proj_big: 10, proj_idle: 0 }, first, NOW + 6 * 3600_000);
    expect(again.requests).toEqual([]);
    expect(later.keyLists).toEqual(first.keyLists);
    expect(later.limits).toEqual(first.limits);

    // The next UTC day: asked again.
    const tomorrow = api();
    await build(tomorrow, { proj_small: 1, proj_big: 10, proj_idle: 0 }, first, NOW + DAY * 1000);
    expect(tomorrow.requests).toHaveLength(5);
  });

  it('makes at most MAX_LOOKUPS_PER_REFRESH lookups, the biggest spenders’ first; the rest at the next refreshes', async () => {
    const dollars = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`proj_${String(i).padStart(2, '0')}`, i + 1]));
    const fetch = api();
    const first = await build(fetch, dollars);
    expect(fetch.requests).toHaveLength(MAX_LOOKUPS_PER_REFRESH);
    const looked = new Set(paths(fetch).map((path) => /proj_\d+/.exec(path)?.[0]).filter(Boolean));
    // The organization's limit, then 20 projects × 2: the 20 that spend most (proj_10 … proj_29).
    expect([...looked].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `proj_${i + 10}`));
    const next = api();
    await build(next, dollars, first, NOW + 60_000);
    expect(new Set(paths(next).map((path) => /proj_\d+/.exec(path)?.[0]))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `proj_${String(i).padStart(2, '0')}`)));
  });

  it('takes a 403 as a quiet answer for the day: limits not allowed, key list null', async () => {
    const forbidden: FakeReply = { status: 403, json: apiError('You have insufficient permissions for this operation.') };
    const fetch = api({ '/v1/organization/spend_limit': forbidden, '/v1/organization/projects/proj_a/spend_limit': forbidden, '/v1/organization/projects/proj_a/api_keys': forbidden });
    const details = await build(fetch, { proj_a: 3 });
    expect(details.limits).toEqual({ organization: { state: 'not-allowed' }, proj_a: { state: 'not-allowed' } });
    expect(details.keyLists).toEqual({ proj_a: null });
    const again = api();
    await build(again, { proj_a: 3 }, details, NOW + 60_000);
    expect(again.requests).toEqual([]);
  });

  it('keeps the cached key list when listing fails (5xx, offline), and tries again at the next refresh', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const first = await build(api(), { proj_a: 3 });
    const yesterday = { ...first, log: Object.fromEntries(Object.entries(first.log).map(([name]) => [name, NOW - DAY * 1000])) };
    const failing = api({ '/v1/organization/projects/proj_a/api_keys': { status: 500, json: apiError('boom', 'server_error') } });
    const kept = await build(failing, { proj_a: 3 }, yesterday);
    expect(kept.keyLists.proj_a?.map((entry) => entry.name)).toEqual(['proj_a-key']);
    expect(kept.log['keys:proj_a']).toBe(NOW - DAY * 1000);
    expect(warn).toHaveBeenCalled();
    const offline = fakeFetch(() => ({ networkError: true }));
    const stillKept = await build(offline as ReturnType<typeof api>, { proj_a: 3 }, kept);
    expect(stillKept.keyLists).toEqual(kept.keyLists);
    expect(stillKept.limits).toEqual(kept.limits);
    const retried = api();
    await build(retried, { proj_a: 3 }, stillKept, NOW + 60_000);
    expect(paths(retried)).toContain('/projects/proj_a/api_keys');
  });

  it('asks again the next day, not every refresh, after a 400 (how the Default project’s limit may answer)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fetch = api({ '/v1/organization/projects/proj_default/spend_limit': { status: 400, json: apiError('Spend limits cannot be set on the default project.') } });
    const first = await build(fetch, { proj_default: 2 });
    expect(first.limits.proj_default).toBeUndefined();
    const again = api();
    await build(again, { proj_default: 2 }, first, NOW + 60_000);
    expect(again.requests).toEqual([]);
  });

  it('names each project’s keys from its list, with dollars per key as an estimate adding up to the month', async () => {
    const usage: CompletionsUsageBucket[] = [
      {
        startTime: TODAY - DAY,
        endTime: TODAY,
        results: [
          { projectId: 'proj_a', apiKeyId: 'key_proj_a', model: 'gpt-4o', requests: 10, inputTokens: 3000, outputTokens: 0 },
          { projectId: 'proj_a', apiKeyId: 'key_gone', model: 'gpt-4o', requests: 10, inputTokens: 1000, outputTokens: 0 },
        ],
      },
    ];
    const details = await build(api(), { proj_a: 2 }, null, NOW, usage);
    const attribution = details.keys.proj_a!;
    expect(attribution.keys.map((entry) => [entry.apiKeyId, entry.name, entry.estimatedCostMicros])).toEqual([
      ['key_proj_a', 'proj_a-key', 22_500_000],
      ['key_gone', null, 7_500_000],
    ]);
    expect(attribution.costMicros).toBe(30_000_000);
    expect(attribution.costPerKeyIsEstimate).toBe(true);
  });

  it('keeps keys and limits for the biggest spenders only, and counts the projects left out', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    // Every project has traffic; proj_0 spends least.
    const dollars = Object.fromEntries(Array.from({ length: MAX_DETAIL_PROJECTS + 3 }, (_, index) => [`proj_${index}`, index + 1]));
    const previous: GlanceDetails = {
      fetchedAt: NOW - 3_600_000,
      keys: {},
      limits: { proj_0: { state: 'no-limit' } as never, organization: { state: 'no-limit' } as never },
      keyLists: { proj_0: [], proj_1: [], [`proj_${MAX_DETAIL_PROJECTS + 2}`]: [] },
      log: { 'keys:proj_0': NOW - 3_600_000, 'limit:organization': NOW - 3_600_000, [`keys:proj_${MAX_DETAIL_PROJECTS + 2}`]: NOW - 3_600_000 },
    };
    const details = await build(api(), dollars, previous);
    expect(details.omitted).toBe(3);
    expect(Object.keys(details.keys)).toHaveLength(MAX_DETAIL_PROJECTS);
    expect(details.keys.proj_0).toBeUndefined();
    expect(details.keys[`proj_${MAX_DETAIL_PROJECTS + 2}`]).toBeDefined();
    // What was kept of the three smallest spenders goes; the organization's limit stays.
    expect(details.keyLists.proj_0).toBeUndefined();
    expect(details.limits.proj_0).toBeUndefined();
    expect(details.log['keys:proj_0']).toBeUndefined();
    expect(details.limits.organization).toEqual({ state: 'no-limit' });
    expect(details.keyLists[`proj_${MAX_DETAIL_PROJECTS + 2}`]).toEqual([]);
  });
});

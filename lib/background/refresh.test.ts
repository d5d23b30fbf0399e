import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { apiError, bucketPage, costResult, listPage, project } from '../admin-api/testing/fixtures';
import { fakeFetch, type FakeReply } from '../admin-api/testing/fake-fetch';
import { largeOrganizationApi, projectId } from '../usage/testing/large-organization';
import { summaryFor } from '../usage/cache';
import { refreshUsage, type RefreshDeps } from './refresh';
import { usageCache, usageProjects, usageProjectSummaries, usageStatus } from '../storage/api-records';
import { usageGlanceDetails } from '../storage/glance-details';

const HOUR_MS = 3_600_000;
const NOW = Date.parse('2025-03-15T10:00:00Z');
const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;
const DAY = 86_400;

let clock = NOW;
const deps = (fetch: RefreshDeps['fetch']): RefreshDeps => ({ getKey: async () => 'sk-admin-refresh-test', fetch, now: () => clock });

/** An organization with $1 on each earlier day; `reply` may answer instead. */
function api(reply?: (url: URL) => FakeReply | undefined) {
  return fakeFetch((url) => {
    const override = reply?.(url);
    if (override) return override;
    if (url.pathname.endsWith('/projects')) return { json: listPage([project('proj_a', 'Alpha')]) };
    if (url.pathname.endsWith('/costs')) return { json: bucketPage([{ start_time: TODAY - 2 * DAY, results: [costResult(1, 'proj_a')] }]) };
    return { json: bucketPage([]) };
  });
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = NOW;
});

describe('refreshUsage and Retry-After', () => {
  it('waits out a year-long Retry-After for an hour at most, then refreshes again', async () => {
    let limited = true;
    const { fetch, requests } = api(() => (limited ? { status: 429, headers: { 'Retry-After': String(365 * DAY) }, json: apiError('Slow down') } : undefined));
    const status = await refreshUsage(deps(fetch), { force: true });
    expect(status).toMatchObject({ problem: { kind: 'rate-limited', retryAfterSeconds: 3600 }, retryAt: NOW + HOUR_MS });

    limited = false;
    const sent = requests.length;
    clock = NOW + HOUR_MS - 1;
    await refreshUsage(deps(fetch), { force: true });
    expect(requests).toHaveLength(sent);
    clock = NOW + HOUR_MS;
    expect((await refreshUsage(deps(fetch), { force: true })).problem).toBeNull();
    expect(requests.length).toBeGreaterThan(sent);
  });

  it('does not let a Retry-After stored by an older version stop refreshes for longer than an hour', async () => {
    await usageStatus.setValue({
      lastAttemptAt: NOW - 2 * HOUR_MS,
      problem: { kind: 'rate-limited', status: 429, apiMessage: null, userMessage: '', retryAfterSeconds: 365 * DAY },
      retryAt: NOW + 364 * DAY * 1000,
    });
    const { fetch, requests } = api();
    expect((await refreshUsage(deps(fetch), { force: false })).problem).toBeNull();
    expect(requests.length).toBeGreaterThan(0);
  });
});

describe('refreshUsage and late costs', () => {
  it('re-reads the last two days of costs on every refresh, so a day that arrives late replaces its gap', async () => {
    let yesterdayArrived = false;
    const { fetch, requests } = api((url) => {
      if (!url.pathname.endsWith('/costs')) return undefined;
      const buckets = [{ start_time: TODAY - 2 * DAY, results: [costResult(1, 'proj_a')] }];
      if (yesterdayArrived) buckets.push({ start_time: TODAY - DAY, results: [costResult(4, 'proj_a')] });
      return { json: bucketPage(buckets) };
    });

    await refreshUsage(deps(fetch), { force: true });
    const before = await usageCache.getValue();
    expect(before?.freshness.costsCompleteThrough).toBe(TODAY - 2 * DAY);
    expect(before?.summaries.organization?.yesterday.costMicros).toBe(0);

    yesterdayArrived = true;
    clock = NOW + 15 * 60_000;
    await refreshUsage(deps(fetch), { force: true });
    const costRequests = requests.filter(({ url }) => url.pathname.endsWith('/costs'));
    expect(costRequests).toHaveLength(2);
    for (const { url } of costRequests) {
      expect(Number(url.searchParams.get('start_time'))).toBeLessThanOrEqual(TODAY - 2 * DAY);
      expect(Number(url.searchParams.get('end_time'))).toBeGreaterThan(TODAY);
    }
    const after = await usageCache.getValue();
    expect(after?.summaries.organization?.yesterday.costMicros).toBe(4_000_000);
    expect(after?.freshness.costsCompleteThrough).toBe(TODAY - DAY);
  });

  it('dates usage by the API\'s clock when it gives one', async () => {
    const { fetch } = api((url) =>
      url.pathname.endsWith('/completions') ? { json: bucketPage([]), headers: { Date: 'Sat, 15 Mar 2025 13:58:00 GMT' } } : undefined,
    );
    await refreshUsage(deps(fetch), { force: true });
    expect((await usageCache.getValue())?.freshness.usageAsOf).toBe(Date.parse('2025-03-15T13:58:00Z'));
  });
});

describe('refreshUsage and storage.session', () => {
  it("keeps the figures when the keys and limits do not fit in storage.session's quota", async () => {
    const set = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
    vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation(async (items) =>
      'usageGlanceDetails' in items ? Promise.reject(new Error('Session storage quota bytes exceeded. Values were not stored.')) : set(items),
    );
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect((await refreshUsage(deps(api().fetch), { force: true })).problem).toBeNull();
    expect((await usageCache.getValue())?.summaries.organization).toBeDefined();
    expect(await usageGlanceDetails.getValue()).toBeNull();
  });
});

describe('refreshUsage for a large organization', () => {
  it('refreshes 6,000 projects, 2,000 of them active: a small cache in storage.local, each project\'s figures in storage.session', async () => {
    const { fetch } = largeOrganizationApi(6_000, 2_000, NOW);
    const local = vi.spyOn(fakeBrowser.storage.local, 'set');
    const session = vi.spyOn(fakeBrowser.storage.session, 'set');
    expect((await refreshUsage(deps(fetch), { force: true })).problem).toBeNull();

    const cache = await usageCache.getValue();
    const names = await usageProjects.getValue();
    expect(names?.projects).toHaveLength(6_000);
    expect(Object.keys(cache?.summaries ?? {})).toEqual(['organization']);
    const projects = await usageProjectSummaries.getValue();
    expect(Object.keys(projects?.summaries ?? {})).toHaveLength(2_000);
    expect(summaryFor(cache!, projectId(1_999), projects)?.today.costMicros).toBe(20_000_000);

    // What platform tabs receive (storage.local changes) is the organization's summary, not
    // two thousand projects' (those went to storage.session) ...
    const bytes = (calls: unknown[][]) => calls.reduce((sum, [items]) => sum + JSON.stringify(items).length, 0);
    const namesBytes = JSON.stringify(names).length;
    expect(bytes(local.mock.calls) - namesBytes).toBeLessThan(10_000);
    expect(bytes(session.mock.calls)).toBeGreaterThan(2_000 * 200);
    // ... and the 6,000 names only when they change.
    local.mockClear();
    clock = NOW + 15 * 60_000;
    await refreshUsage(deps(fetch), { force: true });
    expect(local.mock.calls.map(([items]) => Object.keys(items).sort())).toEqual([['spikeIncidents', 'unseenSpikes', 'usageCache', 'usageStatus']]);
    expect(bytes(local.mock.calls)).toBeLessThan(10_000);
  }, 20_000); // Two refreshes of thousands of projects (about 2 s alone): room for a busy machine; time is not what this test checks.
});

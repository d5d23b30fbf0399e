import { describe, expect, it } from 'vitest';
import { createAdminClient } from '../admin-api/client';
import { fakeFetch } from '../admin-api/testing/fake-fetch';
import { fetchAccountingData } from './fetch-data';
import { expectedRequestCount, fewestRequests, planAccountingExport } from './request-plan';
import { fakeAdminServer } from '../admin-api/testing/fake-admin-server';

const utc = (iso: string): number => Date.parse(iso) / 1000;
const noSleep = () => Promise.resolve();

describe('planAccountingExport', () => {
  it('covers a year with 3 cost requests of whole months, at most 180 days each', () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    expect(plan.costs.map((request) => request.months)).toEqual([
      ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'],
      ['2025-06', '2025-07', '2025-08', '2025-09', '2025-10'],
      ['2025-11', '2025-12'],
    ]);
    expect(plan.costs[0]?.query).toEqual({
      startTime: utc('2025-01-01T00:00:00Z'),
      endTime: utc('2025-06-01T00:00:00Z'),
      groupBy: ['project_id', 'line_item', 'api_key_id'],
      limit: 180,
    });
    expect(plan.costs.at(-1)?.query.endTime).toBe(utc('2026-01-01T00:00:00Z'));
    for (const { query } of plan.costs) expect(((query.endTime ?? 0) - query.startTime) / 86_400).toBeLessThanOrEqual(180);
  });

  it('asks for usage one month per request, 1d buckets, limit 31, grouped by every usage column', () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2024 }, scope: 'organization' });
    expect(plan.usage).toHaveLength(12 * 10);
    expect(plan.usage[1]).toEqual({
      capability: 'completions',
      months: ['2024-02'],
      query: {
        startTime: utc('2024-02-01T00:00:00Z'),
        endTime: utc('2024-03-01T00:00:00Z'),
        bucketWidth: '1d',
        groupBy: ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'],
        limit: 31,
      },
    });
  });

  it('restricts every request to the project in project scope', () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'proj_a' });
    for (const { query } of [...plan.costs, ...plan.usage]) expect(query.projectIds).toEqual(['proj_a']);
  });

  it('plans only up to "until" in the current year', () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization', until: utc('2025-02-10T08:00:00Z') });
    expect(plan.usage.filter((request) => request.capability === 'images').map((request) => request.months)).toEqual([['2025-01'], ['2025-02']]);
    expect(plan.costs).toEqual([expect.objectContaining({ months: ['2025-01', '2025-02'] })]);
    expect(plan.costs[0]?.query.endTime).toBe(utc('2025-02-11T00:00:00Z'));
  });
});

describe('expectedRequestCount', () => {
  it('is 124 for a whole year (3 costs + 10 capabilities × 12 months + 1 project list), leap or not, and the fewest possible', () => {
    for (const year of [2024, 2025]) {
      const plan = planAccountingExport({ period: { kind: 'year', year }, scope: 'organization' });
      expect(expectedRequestCount(plan)).toEqual({ costs: 3, usage: 120, projects: 1, total: 124 });
      expect(fewestRequests(plan)).toEqual(expectedRequestCount(plan));
    }
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    expect(expectedRequestCount(plan, 250).projects).toBe(3);
  });

  it('is the fewest possible for any period: a month per request where months allow it, else 31-day windows', () => {
    const quarter = planAccountingExport({ period: { kind: 'quarter', year: 2025, quarter: 3 }, scope: 'organization' });
    expect(expectedRequestCount(quarter, 20)).toEqual({ costs: 1, usage: 30, projects: 1, total: 32 });
    expect(quarter.usage.every((request) => request.months.length === 1)).toBe(true);
    const range = planAccountingExport({ period: { kind: 'range', start: '2025-01-15', endInclusive: '2025-02-14' }, scope: 'organization' });
    expect(expectedRequestCount(range).usage).toBe(10);
    expect(range.usage[0]).toMatchObject({ months: ['2025-01', '2025-02'], query: { startTime: utc('2025-01-15T00:00:00Z'), endTime: utc('2025-02-15T00:00:00Z') } });
    const periods = [
      { kind: 'year', year: 2024 },
      { kind: 'fiscal-year', start: '2024-02' },
      { kind: 'month', month: '2024-02' },
      { kind: 'range', start: '2024-01-20', endInclusive: '2024-03-10' },
      { kind: 'range', start: '2024-05-31', endInclusive: '2024-06-01' },
      { kind: 'range', start: '2023-11-17', endInclusive: '2024-09-02' },
    ] as const;
    for (const period of periods) {
      for (const projects of [1, 20, 200]) {
        const plan = planAccountingExport({ period, scope: 'organization' });
        expect(expectedRequestCount(plan, projects), JSON.stringify(period)).toEqual(fewestRequests(plan, projects));
      }
    }
  });

  it('matches the requests the client really sends to a server that pages like the API', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2024 }, scope: 'organization' });
    const { fetch, requests } = fakeFetch(fakeAdminServer());
    const client = createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep });
    const data = await fetchAccountingData(client, plan);
    expect(requests).toHaveLength(expectedRequestCount(plan).total);
    expect(data.failures).toEqual([]);
    expect(data.costBuckets).toHaveLength(366);
    expect(data.usageBuckets).toHaveLength(366);
    expect(data.capabilityBuckets.web_search_calls).toHaveLength(366);
    expect(requests.filter((request) => request.url.pathname === '/v1/organization/usage/file_search_calls')[0]?.url.searchParams.getAll('group_by')).toEqual([
      'project_id',
      'user_id',
      'api_key_id',
      'vector_store_id',
    ]);
    const costRequest = requests.find((request) => request.url.pathname === '/v1/organization/costs');
    expect(costRequest?.url.searchParams.getAll('group_by')).toEqual(['project_id', 'line_item', 'api_key_id']);
    expect(costRequest?.url.searchParams.get('bucket_width')).toBe('1d');
    const projectRequest = requests.find((request) => request.url.pathname === '/v1/organization/projects');
    expect(projectRequest?.url.searchParams.get('include_archived')).toBe('true');
  });
});

describe('fetchAccountingData', () => {
  it('turns a failed call into failures for its months and still fetches the rest', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    const march = String(utc('2025-03-01T00:00:00Z'));
    const november = String(utc('2025-11-01T00:00:00Z'));
    const { fetch } = fakeFetch(
      fakeAdminServer({
        failWith: (url) =>
          (url.pathname.endsWith('/usage/completions') && url.searchParams.get('start_time') === march) ||
          (url.pathname.endsWith('/costs') && url.searchParams.get('start_time') === november)
            ? 500
            : null,
      }),
    );
    const progress: string[] = [];
    const data = await fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep }), plan, {
      concurrency: 2,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(data.failures.map(({ dataset, month }) => `${dataset} ${month}`)).toEqual([
      'completions_usage 2025-03',
      'costs 2025-11',
      'costs 2025-12',
    ]);
    expect(data.failures[0]?.error).toMatch(/server/);
    expect(data.costBuckets).toHaveLength(365 - 61);
    expect(data.usageBuckets).toHaveLength(365 - 31);
    expect(progress.at(-1)).toBe('124/124');
    const starts = data.costBuckets.map((bucket) => bucket.startTime);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('lists a capability the key may not read (403) once, sends none of its other calls, and fails nothing', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    const { fetch, requests } = fakeFetch(fakeAdminServer({ failWith: (url) => (url.pathname.endsWith('/usage/images') ? 403 : null) }));
    const data = await fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep }), plan, { concurrency: 3 });
    expect(data.failures).toEqual([]);
    expect(data.unreadable).toEqual([{ capability: 'images', status: 403, message: 'boom' }]);
    // At most the calls already in flight when the first 403 came back.
    expect(requests.filter((request) => request.url.pathname.endsWith('/usage/images')).length).toBeLessThanOrEqual(3);
    expect(data.capabilityBuckets.images).toBeUndefined();
    expect(data.capabilityBuckets.embeddings).toHaveLength(365);
  });

  it('waits out a 429 and asks again only that call', async () => {
    const plan = planAccountingExport({ period: { kind: 'month', month: '2025-03' }, scope: 'organization' });
    let limited = 2;
    const { fetch, requests } = fakeFetch(
      fakeAdminServer({ failWith: (url) => (url.pathname.endsWith('/usage/moderations') && limited-- > 0 ? 429 : null) }),
    );
    const data = await fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep }), plan);
    expect(data.failures).toEqual([]);
    expect(data.capabilityBuckets.moderations).toHaveLength(31);
    expect(requests.filter((request) => request.url.pathname.endsWith('/usage/moderations'))).toHaveLength(3);
    expect(requests).toHaveLength(expectedRequestCount(plan).total + 2);
  });

  it('names the capability and the window in flight', async () => {
    const plan = planAccountingExport({ period: { kind: 'month', month: '2025-03' }, scope: 'organization' });
    const { fetch } = fakeFetch(fakeAdminServer());
    const active: string[] = [];
    await fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep }), plan, {
      concurrency: 1,
      onProgress: (_done, _total, progress) => active.push(...progress.active.map((entry) => `${entry.dataset} ${entry.window}`)),
    });
    expect(active).toContain('web_search_calls_usage 2025-03-01 to 2025-03-31');
    expect(active).toContain('costs 2025-03-01 to 2025-03-31');
  });

  it('records a failed project list without a month', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization', until: utc('2025-01-05T00:00:00Z') });
    const { fetch } = fakeFetch(fakeAdminServer({ failWith: (url) => (url.pathname.endsWith('/projects') ? 500 : null) }));
    const data = await fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep, maxAttempts: 1 }), plan);
    expect(data.failures).toEqual([{ dataset: 'projects', month: null, error: expect.stringContaining('server') }]);
  });

  it('refuses a concurrency below one', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    const { fetch } = fakeFetch(fakeAdminServer());
    await expect(fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch }), plan, { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});

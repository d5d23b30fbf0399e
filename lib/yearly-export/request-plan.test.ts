import { describe, expect, it } from 'vitest';
import { createAdminClient } from '../admin-api/client';
import { fakeFetch } from '../admin-api/testing/fake-fetch';
import { fetchYearlyData } from './fetch-data';
import { expectedRequestCount, planYearlyExport } from './request-plan';
import { fakeAdminServer } from '../admin-api/testing/fake-admin-server';

const utc = (iso: string): number => Date.parse(iso) / 1000;
const noSleep = () => Promise.resolve();

describe('planYearlyExport', () => {
  it('covers a year with 3 cost requests of whole months, at most 180 days each', () => {
    const plan = planYearlyExport({ year: 2025, scope: 'organization' });
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
    const plan = planYearlyExport({ year: 2024, scope: 'organization' });
    expect(plan.usage).toHaveLength(12);
    expect(plan.usage[1]).toEqual({
      month: '2024-02',
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
    const plan = planYearlyExport({ year: 2025, scope: 'proj_a' });
    for (const { query } of [...plan.costs, ...plan.usage]) expect(query.projectIds).toEqual(['proj_a']);
  });

  it('plans only up to "until" in the current year', () => {
    const plan = planYearlyExport({ year: 2025, scope: 'organization', until: utc('2025-02-10T08:00:00Z') });
    expect(plan.usage.map((request) => request.month)).toEqual(['2025-01', '2025-02']);
    expect(plan.costs).toEqual([expect.objectContaining({ months: ['2025-01', '2025-02'] })]);
    expect(plan.costs[0]?.query.endTime).toBe(utc('2025-02-11T00:00:00Z'));
  });
});

describe('expectedRequestCount', () => {
  it('is 16 for a whole year (3 costs + 12 usage + 1 project list), leap or not', () => {
    for (const year of [2024, 2025]) {
      const plan = planYearlyExport({ year, scope: 'organization' });
      expect(expectedRequestCount(plan)).toEqual({ costs: 3, completionsUsage: 12, projects: 1, total: 16 });
    }
    const plan = planYearlyExport({ year: 2025, scope: 'organization' });
    expect(expectedRequestCount(plan, 250).projects).toBe(3);
  });

  it('matches the requests the client really sends to a server that pages like the API', async () => {
    const plan = planYearlyExport({ year: 2024, scope: 'organization' });
    const { fetch, requests } = fakeFetch(fakeAdminServer());
    const client = createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep });
    const data = await fetchYearlyData(client, plan);
    expect(requests).toHaveLength(expectedRequestCount(plan).total);
    expect(data.failures).toEqual([]);
    expect(data.costBuckets).toHaveLength(366);
    expect(data.usageBuckets).toHaveLength(366);
    const costRequest = requests.find((request) => request.url.pathname === '/v1/organization/costs');
    expect(costRequest?.url.searchParams.getAll('group_by')).toEqual(['project_id', 'line_item', 'api_key_id']);
    expect(costRequest?.url.searchParams.get('bucket_width')).toBe('1d');
    const projectRequest = requests.find((request) => request.url.pathname === '/v1/organization/projects');
    expect(projectRequest?.url.searchParams.get('include_archived')).toBe('true');
  });
});

describe('fetchYearlyData', () => {
  it('turns a failed call into failures for its months and still fetches the rest', async () => {
    const plan = planYearlyExport({ year: 2025, scope: 'organization' });
    const march = String(utc('2025-03-01T00:00:00Z'));
    const november = String(utc('2025-11-01T00:00:00Z'));
    const { fetch } = fakeFetch(
      fakeAdminServer({
        failWith: (url) =>
          (url.pathname.endsWith('/usage/completions') && url.searchParams.get('start_time') === march) ||
          (url.pathname.endsWith('/costs') && url.searchParams.get('start_time') === november)
            ? 403
            : null,
      }),
    );
    const progress: string[] = [];
    const data = await fetchYearlyData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep }), plan, {
      concurrency: 2,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    expect(data.failures.map(({ dataset, month }) => `${dataset} ${month}`)).toEqual([
      'completions_usage 2025-03',
      'costs 2025-11',
      'costs 2025-12',
    ]);
    expect(data.failures[0]?.error).toMatch(/forbidden/);
    expect(data.costBuckets).toHaveLength(365 - 61);
    expect(data.usageBuckets).toHaveLength(365 - 31);
    expect(progress.at(-1)).toBe('16/16');
    expect(progress).toHaveLength(16);
    const starts = data.costBuckets.map((bucket) => bucket.startTime);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('records a failed project list without a month', async () => {
    const plan = planYearlyExport({ year: 2025, scope: 'organization', until: utc('2025-01-05T00:00:00Z') });
    const { fetch } = fakeFetch(fakeAdminServer({ failWith: (url) => (url.pathname.endsWith('/projects') ? 500 : null) }));
    const data = await fetchYearlyData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep, maxAttempts: 1 }), plan);
    expect(data.failures).toEqual([{ dataset: 'projects', month: null, error: expect.stringContaining('server') }]);
  });

  it('refuses a concurrency below one', async () => {
    const plan = planYearlyExport({ year: 2025, scope: 'organization' });
    const { fetch } = fakeFetch(fakeAdminServer());
    await expect(fetchYearlyData(createAdminClient({ apiKey: 'sk-admin-test', fetch }), plan, { concurrency: 0 })).rejects.toThrow(RangeError);
  });
});

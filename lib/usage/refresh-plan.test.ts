import { describe, expect, it } from 'vitest';
import { createAdminClient } from '../admin-api/client';
import { apiError, bucketPage, costResult, listPage, project } from '../admin-api/testing/fixtures';
import { fakeFetch, type FakeReply } from '../admin-api/testing/fake-fetch';
import { fetchUsageSnapshot, planUsageRefresh } from './refresh-plan';
import { summarizeUsage } from './summarize-usage';
import { largeOrganizationApi } from './testing/large-organization';

const day = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 1000;

describe('planUsageRefresh', () => {
  it('covers the 30-day series and ends after today', () => {
    const plan = planUsageRefresh(Date.parse('2025-03-15T10:00:00Z'));
    expect(plan.costs).toEqual({
      startTime: day('2025-02-14'),
      endTime: day('2025-03-16'),
      groupBy: ['project_id', 'line_item'],
      limit: 30,
    });
    expect(plan.completionsUsage).toEqual({
      startTime: day('2025-02-14'),
      endTime: day('2025-03-16'),
      bucketWidth: '1d',
      groupBy: ['project_id', 'model', 'api_key_id'],
      limit: 30,
    });
    expect(plan.projects).toEqual({ includeArchived: true });
  });

  it('reaches back to the 1st on the 31st, within the usage API\'s 31-bucket page', () => {
    const plan = planUsageRefresh(Date.parse('2025-03-31T23:59:59Z'));
    expect(plan.costs.startTime).toBe(day('2025-03-01'));
    expect(plan.completionsUsage.limit).toBe(31);
  });
});

describe('fetchUsageSnapshot', () => {
  const NOW = Date.parse('2025-03-15T10:00:00Z');

  function server(projectCount: number, projectsReply?: FakeReply) {
    const ids = Array.from({ length: projectCount }, (_, i) => `proj_${i}`);
    return fakeFetch((url) => {
      if (url.pathname.endsWith('/projects')) return projectsReply ?? { json: listPage(ids.map((id) => project(id, id))) };
      if (url.pathname.endsWith('/costs')) {
        return { json: bucketPage([{ start_time: day('2025-03-15'), results: ids.map((id) => costResult(0.1, id)) }]) };
      }
      return { json: bucketPage([]) };
    });
  }

  it('makes the same three requests however many projects there are', async () => {
    for (const projectCount of [1, 60]) {
      const { fetch, requests } = server(projectCount);
      const snapshot = await fetchUsageSnapshot(createAdminClient({ apiKey: 'sk-admin-x', fetch }), NOW);
      expect(requests.map((request) => request.url.pathname).sort()).toEqual([
        '/v1/organization/costs',
        '/v1/organization/projects',
        '/v1/organization/usage/completions',
      ]);
      expect(snapshot.projects).toHaveLength(projectCount);
      expect(summarizeUsage({ ...snapshot, now: snapshot.fetchedAt, scope: 'organization' }).today.costMicros).toBe(
        projectCount * 100_000,
      );
    }
  });

  it('lists organizations of more than 5,000 projects (they used to fail every refresh)', async () => {
    for (const projectCount of [5_001, 12_345]) {
      const { fetch, requests } = largeOrganizationApi(projectCount, 20, NOW);
      const snapshot = await fetchUsageSnapshot(createAdminClient({ apiKey: 'sk-admin-x', fetch }), NOW);
      expect(snapshot.projects).toHaveLength(projectCount);
      expect(new Set(snapshot.projects?.map((project) => project.id)).size).toBe(projectCount);
      expect(requests.filter(({ url }) => url.pathname.endsWith('/projects'))).toHaveLength(Math.ceil(projectCount / 100));
    }
  });

  it('still returns numbers when the key may not list projects', async () => {
    const { fetch } = server(2, { status: 403, json: apiError('Missing scopes: api.management.read') });
    const snapshot = await fetchUsageSnapshot(createAdminClient({ apiKey: 'sk-admin-x', fetch }), NOW);
    expect(snapshot.projects).toBeNull();
    expect(snapshot.costs).toHaveLength(1);
  });

  it('fails when costs cannot be read', async () => {
    const { fetch } = fakeFetch((url) => {
      if (url.pathname.endsWith('/costs')) return { status: 401, json: apiError('bad key') };
      return { json: url.pathname.endsWith('/projects') ? listPage([]) : bucketPage([]) };
    });
    await expect(fetchUsageSnapshot(createAdminClient({ apiKey: 'sk-admin-x', fetch }), NOW)).rejects.toMatchObject({
      kind: 'invalid-key',
    });
  });
});

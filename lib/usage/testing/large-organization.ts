import type { CompletionsUsageBucket, CostBucket, Project } from '../../admin-api/responses';
import { bucketPage, costResult, listPage, project } from '../../admin-api/testing/fixtures';
import { fakeFetch } from '../../admin-api/testing/fake-fetch';
import type { UsageSnapshot } from '../refresh-plan';

const DAY = 86_400;

export const projectId = (k: number) => `proj_large${String(k).padStart(6, '0')}`;

/**
 * An organization of `projectCount` projects, the first `activeCount` of which spend
 * (k + 1) cents and make k + 1 requests every day of the 31 before `now`, as the API
 * answers it: projects in pages of at most 100 (cursor `after`), costs and usage grouped
 * by project in one page each.
 */
export function largeOrganizationApi(projectCount: number, activeCount: number, now: number) {
  const today = Math.floor(now / 1000 / DAY) * DAY;
  const days = Array.from({ length: 31 }, (_, i) => today - (30 - i) * DAY);
  const active = Array.from({ length: activeCount }, (_, k) => k);
  return fakeFetch((url) => {
    if (url.pathname.endsWith('/projects')) {
      const limit = Number(url.searchParams.get('limit'));
      const after = url.searchParams.get('after');
      const start = after === null ? 0 : Number(after.slice('proj_large'.length)) + 1;
      const ids = Array.from({ length: Math.max(0, Math.min(limit, projectCount - start)) }, (_, i) => projectId(start + i));
      return { json: listPage(ids.map((id) => project(id, `Project ${id.slice(-6)}`)), start + limit < projectCount) };
    }
    // The glance's daily lookups (lib/background/glance.ts): no keys listed, no limits set.
    if (url.pathname.endsWith('/api_keys')) return { json: listPage([], false) };
    if (url.pathname.endsWith('/spend_limit')) return { status: 404, json: { error: { message: 'No limit', type: 'invalid_request_error' } } };
    // The spike check's hourly listing: no hourly traffic. This organization measures the
    // refresh's storage and its linear build; answering daily buckets here (as before) made
    // the check read the month's 62,000 results a second time as if they were hours.
    if (url.searchParams.get('bucket_width') === '1h') return { json: bucketPage([]) };
    if (url.pathname.endsWith('/costs')) {
      return { json: bucketPage(days.map((day) => ({ start_time: day, results: active.map((k) => costResult((k + 1) / 100, projectId(k), 'gpt-4o, input')) }))) };
    }
    return {
      json: bucketPage(
        days.map((day) => ({
          start_time: day,
          results: active.map((k) => ({
            object: 'organization.usage.completions.result',
            input_tokens: 10 * (k + 1),
            output_tokens: k + 1,
            num_model_requests: k + 1,
            project_id: projectId(k),
            model: 'gpt-4o',
          })),
        })),
      ),
    };
  });
}

/** The same organization as parsed buckets, for code that takes a snapshot. */
export function largeOrganizationSnapshot(projectCount: number, activeCount: number, now: number): UsageSnapshot {
  const today = Math.floor(now / 1000 / DAY) * DAY;
  const days = Array.from({ length: 31 }, (_, i) => today - (30 - i) * DAY);
  const costs: CostBucket[] = days.map((day) => ({
    startTime: day,
    endTime: day + DAY,
    results: Array.from({ length: activeCount }, (_, k) => ({ amountValue: (k + 1) / 100, currency: 'usd', projectId: projectId(k), lineItem: 'gpt-4o, input' })),
  }));
  const usage: CompletionsUsageBucket[] = days.map((day) => ({
    startTime: day,
    endTime: day + DAY,
    results: Array.from({ length: activeCount }, (_, k) => ({
      projectId: projectId(k),
      model: 'gpt-4o',
      inputTokens: 10 * (k + 1),
      outputTokens: k + 1,
      requests: k + 1,
    })),
  }));
  const projects: Project[] = Array.from({ length: projectCount }, (_, k) => ({
    id: projectId(k),
    name: `Project ${String(k).padStart(6, '0')}`,
    createdAt: 0,
    archivedAt: null,
    status: 'active',
  }));
  return { fetchedAt: now, costs, usage, projects };
}

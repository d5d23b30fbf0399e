import { test } from '@playwright/test';
import { adminApiFor } from '../lib/admin-api/connect';
import type { FetchLike } from '../lib/admin-api/transport';
import { bucketPage, costResult, listPage, project } from '../lib/admin-api/testing/fixtures';
import { refreshOrganizations } from '../lib/usage/organizations';

// Requests and refresh time of the "All organizations" refresh (lib/usage/organizations.ts)
// for 1, 3 and 10 organizations, each answered for its own key by an in-process Admin API
// with a fixed latency per request. Both should grow linearly: the ratios against one
// organization are printed beside their goal (3.00 and 10.00). Nothing is asserted about time.

const LATENCY_MS = 15;
const PROJECTS = 20;
const DAY = 86_400;
const ROUNDS = 3;

/** One organization's API: 31 daily buckets, PROJECTS projects with a cost and usage each. */
function organizationApi(counter: { requests: number }): FetchLike {
  return async (url) => {
    counter.requests += 1;
    await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
    const parsed = new URL(url);
    const start = Number(parsed.searchParams.get('start_time'));
    const days = Array.from({ length: 31 }, (_, i) => start + i * DAY);
    const projects = Array.from({ length: PROJECTS }, (_, i) => `proj_bench${String(i).padStart(3, '0')}`);
    let json: unknown;
    if (parsed.pathname.endsWith('/projects')) json = listPage(projects.map((id) => project(id, `Bench ${id}`)));
    else if (parsed.pathname.endsWith('/costs')) json = bucketPage(days.map((day) => ({ start_time: day, results: projects.map((id) => costResult(1.25, id, 'gpt-4o, input')) })));
    else {
      json = bucketPage(
        days.map((day) => ({
          start_time: day,
          results: projects.map((id) => ({ object: 'organization.usage.completions.result', project_id: id, model: 'gpt-4o', api_key_id: null, input_tokens: 1000, output_tokens: 100, input_cached_tokens: 0, num_model_requests: 4 })),
        })),
      );
    }
    const body = JSON.stringify(json);
    return { status: 200, url, headers: { get: () => null }, text: async () => body };
  };
}

async function measure(organizations: number, now: number): Promise<{ requests: number; ms: number }> {
  let best = Infinity;
  let requests = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const counter = { requests: 0 };
    const list = Array.from({ length: organizations }, (_, i) => ({
      organizationId: `org-bench${i}`,
      name: `Bench ${i}`,
      client: adminApiFor(`sk-admin-bench-${i}`, { fetch: organizationApi(counter) }).client,
    }));
    const started = performance.now();
    await refreshOrganizations(list, {}, now);
    best = Math.min(best, performance.now() - started);
    requests = counter.requests;
  }
  return { requests, ms: best };
}

test('All organizations: requests and refresh time for 1, 3 and 10 organizations', async () => {
  const now = Date.now();
  const [one, three, ten] = [await measure(1, now), await measure(3, now), await measure(10, now)];
  const row = (count: number, figures: { requests: number; ms: number }) =>
    `${String(count).padStart(2)} organization(s): ${figures.requests} requests (×${(figures.requests / one.requests).toFixed(2)}, goal ${count.toFixed(2)}), ` +
    `refresh ${figures.ms.toFixed(0)} ms (×${(figures.ms / one.ms).toFixed(2)}, goal ${count.toFixed(2)})`;
  console.log(
    `All organizations refresh, ${PROJECTS} projects each, ${LATENCY_MS} ms per request, best of ${ROUNDS}:\n` +
      [row(1, one), row(3, three), row(10, ten)].join('\n'),
  );
});

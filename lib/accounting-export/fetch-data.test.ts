import { describe, expect, it } from 'vitest';
import { createAdminClient } from '../admin-api/client';
import { fakeFetch } from '../admin-api/testing/fake-fetch';
import { fakeAdminServer } from '../admin-api/testing/fake-admin-server';
import { fetchAccountingData, mergeRetry, planRetry, sentKey, type DatasetProgress } from './fetch-data';
import { planAccountingExport } from './request-plan';

const noSleep = () => Promise.resolve();
const utc = (iso: string): number => Date.parse(iso) / 1000;
const MARCH = String(utc('2025-03-01T00:00:00Z'));
const JUNE = String(utc('2025-06-01T00:00:00Z'));

const cost = (day: number) => [{ amount: { value: 1, currency: 'usd' }, line_item: 'gpt-4o, input', project_id: 'proj_a', quantity: day % 7 }];
/** A result carrying every count any capability requires (unknown fields are ignored). */
const everyCount = (n: number, model: string) => ({
  project_id: 'proj_a', model, num_model_requests: 1, input_tokens: n, images: n, characters: n, seconds: n, usage_bytes: n, num_sessions: n, num_requests: n,
});
const usage = () => [{ input_tokens: 1, output_tokens: 1, num_model_requests: 1, project_id: 'proj_a' }];

describe('planRetry', () => {
  it('keeps only the calls behind the failures, a cost call whole, and the full year of spans', () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    const retry = planRetry(plan, [
      { dataset: 'completions_usage', month: '2025-03', error: 'x' },
      { dataset: 'costs', month: '2025-06', error: 'x' },
      { dataset: 'costs', month: '2025-07', error: 'x' },
    ]);
    expect(retry.plan.costs.map(({ months }) => months)).toEqual([['2025-06', '2025-07', '2025-08', '2025-09', '2025-10']]);
    expect(retry.plan.usage.map(({ capability, months }) => `${capability} ${months.join()}`)).toEqual(['completions 2025-03']);
    expect(retry.plan.months).toHaveLength(12);
    expect(retry.listProjects).toBe(false);
    expect(planRetry(plan, [{ dataset: 'projects', month: null, error: 'x' }])).toMatchObject({
      listProjects: true,
      plan: { costs: [], usage: [] },
    });
  });
});

describe('retrying failed months', () => {
  it('fetches only what failed and merges it into the same data as a run without failures', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    let failing = true;
    const server = fakeAdminServer({
      costResults: cost,
      usageResults: usage,
      capabilityResults: (capability, day) => [everyCount(day % 11, capability)],
      failWith: (url) =>
        failing &&
        ((url.pathname.endsWith('/usage/completions') && url.searchParams.get('start_time') === MARCH) ||
          (url.pathname.endsWith('/costs') && url.searchParams.get('start_time') === JUNE) ||
          (url.pathname.endsWith('/usage/audio_speeches') && url.searchParams.get('start_time') === JUNE) ||
          url.pathname.endsWith('/projects'))
          ? 500
          : null,
    });
    const { fetch, requests } = fakeFetch(server);
    const client = createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep, maxAttempts: 1 });
    const first = await fetchAccountingData(client, plan);
    expect(first.failures).toHaveLength(1 + 5 + 1 + 1);

    failing = false;
    const retry = planRetry(plan, first.failures);
    const before = requests.length;
    const progress: DatasetProgress[] = [];
    const retried = await fetchAccountingData(client, retry.plan, {
      listProjects: retry.listProjects,
      onProgress: (_done, _total, byDataset) => progress.push(byDataset),
    });
    expect(requests.slice(before).map((request) => request.url.pathname.replace('/v1/organization/', '')).sort()).toEqual([
      'costs',
      'projects',
      'usage/audio_speeches',
      'usage/completions',
    ]);
    expect(progress.at(-1)).toEqual({
      counts: {
        projects: { done: 1, total: 1 },
        costs: { done: 1, total: 1 },
        completions_usage: { done: 1, total: 1 },
        audio_speeches_usage: { done: 1, total: 1 },
      },
      active: [],
    });

    const merged = mergeRetry(first, retried, retry);
    const clean = await fetchAccountingData(client, plan);
    expect(merged).toEqual(clean);
    expect(merged.failures).toEqual([]);
  });

  it('replaces, never duplicates, buckets of a retried month and keeps what still fails', () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization', until: utc('2025-02-10T00:00:00Z') });
    const jan = utc('2025-01-05T00:00:00Z');
    const bucket = (startTime: number, amountValue: number) => ({
      startTime,
      endTime: startTime + 86_400,
      results: [{ amountValue, currency: 'usd', lineItem: null, projectId: null }],
    });
    const retry = planRetry(plan, [{ dataset: 'costs', month: '2025-01', error: 'x' }]);
    const merged = mergeRetry(
      { costBuckets: [bucket(jan, 1)], usageBuckets: [], capabilityBuckets: {}, projects: [], unreadable: [], failures: [{ dataset: 'costs', month: '2025-01', error: 'x' }] },
      { costBuckets: [bucket(jan, 2)], usageBuckets: [], capabilityBuckets: {}, projects: [], unreadable: [], failures: [{ dataset: 'costs', month: '2025-01', error: 'again' }] },
      retry,
    );
    expect(merged.costBuckets).toEqual([bucket(jan, 2)]);
    expect(merged.failures).toEqual([{ dataset: 'costs', month: '2025-01', error: 'again' }]);
  });
});

describe('a range cut in 31-day windows', () => {
  it('fails the months a window touches, retries that window alone and merges it without losing the rest of those months', async () => {
    const plan = planAccountingExport({ period: { kind: 'range', start: '2025-01-20', endInclusive: '2025-03-10' }, scope: 'organization' });
    const embeddings = plan.usage.filter((request) => request.capability === 'embeddings');
    expect(embeddings.map((request) => request.months)).toEqual([['2025-01', '2025-02'], ['2025-02', '2025-03']]);
    const second = String(embeddings[1]?.query.startTime);
    let failing = true;
    const server = fakeAdminServer({
      capabilityResults: (capability, day) => [everyCount(day % 11, capability)],
      failWith: (url) => (failing && url.pathname.endsWith('/usage/embeddings') && url.searchParams.get('start_time') === second ? 500 : null),
    });
    const { fetch, requests } = fakeFetch(server);
    const client = createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep, maxAttempts: 1 });
    const first = await fetchAccountingData(client, plan);
    expect(first.failures.map(({ dataset, month }) => `${dataset} ${month}`)).toEqual(['embeddings_usage 2025-02', 'embeddings_usage 2025-03']);

    failing = false;
    const retry = planRetry(plan, first.failures);
    expect(retry.plan.usage).toEqual([embeddings[1]]);
    const before = requests.length;
    const retried = await fetchAccountingData(client, retry.plan, { listProjects: false });
    expect(requests.slice(before).map((request) => request.url.searchParams.get('start_time'))).toEqual([second]);
    expect(mergeRetry(first, retried, retry)).toEqual(await fetchAccountingData(client, plan));
  });
});

describe('fetchAccountingData progress', () => {
  it('counts settled calls per dataset', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'organization' });
    const { fetch } = fakeFetch(fakeAdminServer());
    const progress: DatasetProgress[] = [];
    await fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep }), plan, {
      concurrency: 1,
      onProgress: (_done, _total, byDataset) => progress.push(byDataset),
    });
    // Each call is reported as it starts (active) and as it settles (counted).
    expect(progress[0]).toMatchObject({ counts: { projects: { done: 0, total: 1 }, costs: { done: 0, total: 3 }, embeddings_usage: { done: 0, total: 12 } } });
    expect(progress[0]?.active).toEqual([{ dataset: 'projects', window: '' }]);
    expect(progress[1]?.counts.projects).toEqual({ done: 1, total: 1 });
    expect(progress[2]?.active).toEqual([{ dataset: 'costs', window: '2025-01-01 to 2025-05-31' }]);
    expect(progress.at(-1)?.counts.completions_usage).toEqual({ done: 12, total: 12 });
    expect(progress.at(-1)?.counts.web_search_calls_usage).toEqual({ done: 12, total: 12 });
  });
});

describe('fetchAccountingData records', () => {
  it('what the client sent for each planned call, exactly as it went on the wire', async () => {
    const plan = planAccountingExport({ period: { kind: 'year', year: 2025 }, scope: 'proj_a' });
    const { fetch, requests } = fakeFetch(fakeAdminServer());
    const data = await fetchAccountingData(createAdminClient({ apiKey: 'sk-admin-test', fetch, sleep: noSleep }), plan);
    expect(Object.keys(data.sent ?? {})).toHaveLength(3 + 10 * 12);
    const march = data.sent?.[sentKey('completions_usage', ['2025-03'])]?.request;
    const wire = requests.find((request) => request.url.pathname.endsWith('/usage/completions') && request.url.searchParams.get('start_time') === MARCH)?.url;
    expect(march?.endpoint).toBe(wire?.pathname);
    expect(march?.params).toEqual({
      start_time: Number(wire?.searchParams.get('start_time')),
      end_time: Number(wire?.searchParams.get('end_time')),
      bucket_width: wire?.searchParams.get('bucket_width'),
      group_by: wire?.searchParams.getAll('group_by'),
      project_ids: wire?.searchParams.getAll('project_ids'),
      limit: Number(wire?.searchParams.get('limit')),
    });
    expect(data.sent?.[sentKey('costs', ['2025-06'])]?.request.params).toMatchObject({ start_time: Number(JUNE), project_ids: ['proj_a'] });
  });
});

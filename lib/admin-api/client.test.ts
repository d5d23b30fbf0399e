import { describe, expect, it } from 'vitest';
import {
  completionsUsageRequest,
  completionsUsageRequestCount,
  costsRequest,
  costsRequestCount,
  createAdminClient,
  projectsRequestCount,
  type SentListing,
} from './client';
import {
  apiError,
  bucketPage,
  costResult,
  listPage,
  project,
  SPEC_COMPLETIONS_USAGE_PAGE,
  SPEC_COSTS_PAGE,
} from './testing/fixtures';
import { fakeFetch, type FakeReply } from './testing/fake-fetch';
import { failure } from './testing/admin-api-failure';
import { COSTS_GROUP_BY_REFUSAL, fakeAdminServer } from './testing/fake-admin-server';

const DAY = 86_400;
const T0 = 1_730_419_200; // 2024-11-01T00:00:00Z

function setup(replies: FakeReply[] | ((url: URL) => FakeReply), now = () => T0 * 1000) {
  const server = fakeFetch(replies);
  const client = createAdminClient({ apiKey: 'sk-admin-x', fetch: server.fetch, sleep: () => Promise.resolve(), now });
  return { client, requests: server.requests };
}

describe('costs', () => {
  it('asks for daily buckets with repeated group_by and project_ids keys', async () => {
    const { client, requests } = setup([{ json: SPEC_COSTS_PAGE }]);
    await client.costs({
      startTime: T0,
      endTime: T0 + 31 * DAY,
      groupBy: ['project_id', 'line_item'],
      projectIds: ['proj_a', 'proj_b'],
    });
    const url = requests[0]?.url;
    expect(url?.pathname).toBe('/v1/organization/costs');
    expect(url?.searchParams.get('start_time')).toBe(String(T0));
    expect(url?.searchParams.get('end_time')).toBe(String(T0 + 31 * DAY));
    expect(url?.searchParams.get('bucket_width')).toBe('1d');
    expect(url?.searchParams.get('limit')).toBe('180');
    expect(url?.searchParams.getAll('group_by')).toEqual(['project_id', 'line_item']);
    expect(url?.searchParams.getAll('project_ids')).toEqual(['proj_a', 'proj_b']);
    expect(url?.searchParams.has('page')).toBe(false);
  });

  it('parses the spec example, ignoring unknown fields', async () => {
    const { client } = setup([{ json: SPEC_COSTS_PAGE }]);
    expect(await client.costs({ startTime: T0 })).toEqual([
      {
        startTime: T0,
        endTime: T0 + DAY,
        results: [{ amountValue: 0.06, currency: 'usd', lineItem: null, projectId: null }],
      },
    ]);
  });

  it('follows next_page until has_more is false, concatenating buckets in order', async () => {
    const { client, requests } = setup([
      { json: bucketPage([{ start_time: T0, results: [costResult(1)] }], { next_page: 'p2' }) },
      { json: bucketPage([{ start_time: T0 + DAY, results: [costResult(2)] }], { next_page: 'p3' }) },
      { json: bucketPage([{ start_time: T0 + 2 * DAY, results: [costResult(3)] }]) },
    ]);
    const buckets = await client.costs({ startTime: T0, groupBy: ['project_id'] });
    expect(buckets.map((bucket) => bucket.results[0]?.amountValue)).toEqual([1, 2, 3]);
    expect(requests.map((request) => request.url.searchParams.get('page'))).toEqual([null, 'p2', 'p3']);
    // Every page repeats the original query, not just the cursor.
    expect(requests.map((request) => request.url.searchParams.getAll('group_by'))).toEqual([
      ['project_id'],
      ['project_id'],
      ['project_id'],
    ]);
  });

  it('stops with malformed when the server repeats a cursor', async () => {
    const { client, requests } = setup(() => ({
      json: bucketPage([{ start_time: T0, results: [] }], { next_page: 'same' }),
    }));
    const error = await failure(client.costs({ startTime: T0 }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(/repeated/);
    expect(requests).toHaveLength(2);
  });

  it('stops with malformed when more pages are promised without a cursor', async () => {
    const { client } = setup([{ json: { ...(SPEC_COSTS_PAGE as object), has_more: true, next_page: null } }]);
    expect((await failure(client.costs({ startTime: T0 }))).kind).toBe('malformed');
  });

  it('stops after a bounded number of pages even if every cursor is new', async () => {
    let page = 0;
    const { client, requests } = setup(() => ({
      json: bucketPage([{ start_time: T0, results: [] }], { next_page: `p${++page}` }),
    }));
    expect((await failure(client.costs({ startTime: T0 }))).kind).toBe('malformed');
    expect(requests.length).toBe(50);
  });

  it('rejects an out-of-range limit without sending anything', async () => {
    const { client, requests } = setup([]);
    await expect(client.costs({ startTime: T0, limit: 181 })).rejects.toThrow(RangeError);
    await expect(client.costs({ startTime: T0, limit: 0 })).rejects.toThrow(RangeError);
    await expect(client.costs({ startTime: T0, limit: 1.5 })).rejects.toThrow(RangeError);
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['a missing amount', { object: 'organization.costs.result', project_id: null }, /amount should be an object/],
    ['a string amount', { amount: { value: '0.06', currency: 'usd' } }, /amount\.value should be a number/],
    ['a missing currency', { amount: { value: 0.06 } }, /amount\.currency should be a string/],
    ['a numeric project_id', { amount: { value: 1, currency: 'usd' }, project_id: 7 }, /project_id/],
    ['a string quantity', { amount: { value: 1, currency: 'usd' }, quantity: '12' }, /quantity should be a number/],
    ['a numeric api_key_id', { amount: { value: 1, currency: 'usd' }, api_key_id: 3 }, /api_key_id should be a string/],
  ])('reports %s as malformed, naming the field', async (_label, result, message) => {
    const { client } = setup([{ json: bucketPage([{ start_time: T0, results: [result] }]) }]);
    const error = await failure(client.costs({ startTime: T0 }));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('data[0].results[0]');
  });

  it.each([
    ['data missing', { has_more: false, next_page: null }],
    ['has_more missing', { data: [], next_page: null }],
    ['start_time as a string', { data: [{ start_time: '1', end_time: 2, results: [] }], has_more: false }],
    ['results missing', { data: [{ start_time: 1, end_time: 2 }], has_more: false }],
    ['a JSON array', []],
  ])('reports a page with %s as malformed', async (_label, body) => {
    const { client } = setup([{ json: body }]);
    expect((await failure(client.costs({ startTime: T0 }))).kind).toBe('malformed');
  });
});

describe('completionsUsage', () => {
  it('sends width, models and group_by, defaulting limit to the width maximum', async () => {
    const { client, requests } = setup([
      { json: SPEC_COMPLETIONS_USAGE_PAGE },
      { json: SPEC_COMPLETIONS_USAGE_PAGE },
      { json: SPEC_COMPLETIONS_USAGE_PAGE },
    ]);
    await client.completionsUsage({ startTime: T0, bucketWidth: '1d', groupBy: ['project_id', 'model'], models: ['gpt-4o', 'o3'] });
    await client.completionsUsage({ startTime: T0, bucketWidth: '1h' });
    await client.completionsUsage({ startTime: T0, bucketWidth: '1m', projectIds: ['proj_a'] });
    const [daily, hourly, minutely] = requests.map((request) => request.url);
    expect(daily?.pathname).toBe('/v1/organization/usage/completions');
    expect(daily?.searchParams.get('bucket_width')).toBe('1d');
    expect(daily?.searchParams.get('limit')).toBe('31');
    expect(daily?.searchParams.getAll('group_by')).toEqual(['project_id', 'model']);
    expect(daily?.searchParams.getAll('models')).toEqual(['gpt-4o', 'o3']);
    expect(hourly?.searchParams.get('limit')).toBe('168');
    expect(minutely?.searchParams.get('limit')).toBe('1440');
    expect(minutely?.searchParams.getAll('project_ids')).toEqual(['proj_a']);
  });

  it('rejects a limit above the width maximum', async () => {
    const { client } = setup([]);
    await expect(client.completionsUsage({ startTime: T0, bucketWidth: '1d', limit: 32 })).rejects.toThrow(RangeError);
  });

  it('parses the spec example', async () => {
    const { client } = setup([{ json: SPEC_COMPLETIONS_USAGE_PAGE }]);
    const [bucket] = await client.completionsUsage({ startTime: T0, bucketWidth: '1d' });
    expect(bucket?.results).toEqual([{ inputTokens: 1000, outputTokens: 500, requests: 5, projectId: null, model: null, inputCachedTokens: 400, inputUncachedTokens: 500 }]);
  });

  it.each([
    ['num_model_requests missing', { input_tokens: 1, output_tokens: 1 }],
    ['output_tokens fractional', { input_tokens: 1, output_tokens: 1.5, num_model_requests: 1 }],
    ['input_tokens negative', { input_tokens: -1, output_tokens: 1, num_model_requests: 1 }],
    ['model a number', { input_tokens: 1, output_tokens: 1, num_model_requests: 1, model: 4 }],
    ['batch a string', { input_tokens: 1, output_tokens: 1, num_model_requests: 1, batch: 'true' }],
    ['input_cached_tokens fractional', { input_tokens: 1, output_tokens: 1, num_model_requests: 1, input_cached_tokens: 0.5 }],
  ])('reports %s as malformed', async (_label, result) => {
    const { client } = setup([{ json: bucketPage([{ start_time: T0, results: [result] }]) }]);
    expect((await failure(client.completionsUsage({ startTime: T0, bucketWidth: '1d' }))).kind).toBe('malformed');
  });
});

describe('projects', () => {
  it('pages with after=last_id and can include archived projects', async () => {
    const { client, requests } = setup([
      { json: listPage([project('proj_1', 'One'), project('proj_2', null)], true) },
      { json: listPage([project('proj_3', 'Three')]) },
    ]);
    const projects = await client.projects({ includeArchived: true });
    expect(projects.map((p) => [p.id, p.name])).toEqual([
      ['proj_1', 'One'],
      ['proj_2', null],
      ['proj_3', 'Three'],
    ]);
    expect(requests.map((request) => request.url.searchParams.get('after'))).toEqual([null, 'proj_2']);
    expect(requests[0]?.url.searchParams.get('include_archived')).toBe('true');
    expect(requests[0]?.url.searchParams.get('limit')).toBe('100');
  });

  it('uses the last item as cursor when last_id is absent', async () => {
    const { client, requests } = setup([
      { json: { object: 'list', data: [project('proj_1', 'One')], has_more: true } },
      { json: listPage([]) },
    ]);
    await client.projects();
    expect(requests[1]?.url.searchParams.get('after')).toBe('proj_1');
    expect(requests[0]?.url.searchParams.get('include_archived')).toBe('false');
  });

  it('stops with malformed when last_id repeats', async () => {
    const { client } = setup(() => ({ json: listPage([project('proj_1', 'One')], true) }));
    expect((await failure(client.projects())).kind).toBe('malformed');
  });

  it('reports a project without an id as malformed', async () => {
    const { client } = setup([{ json: { object: 'list', data: [{ name: 'x', created_at: 1 }], has_more: false } }]);
    const error = await failure(client.projects());
    expect(error.message).toMatch(/data\[0\]\.id should be a string/);
  });
});

describe('verifyKey', () => {
  const todayMs = (T0 + 5 * DAY + 3600) * 1000;

  it('makes one single-bucket request per endpoint and reports full access', async () => {
    const pages: Record<string, unknown> = {
      '/v1/organization/projects': listPage([project('proj_1', 'One')], true),
      '/v1/organization/costs': SPEC_COSTS_PAGE,
      '/v1/organization/usage/completions': SPEC_COMPLETIONS_USAGE_PAGE,
    };
    const { client, requests } = setup((url) => ({ json: pages[url.pathname] }), () => todayMs);
    // One page each even though the projects page says there are more.
    expect(await client.verifyKey()).toEqual({ canListProjects: true, canReadCosts: true, canReadUsage: true });
    expect(requests).toHaveLength(3);
    for (const request of requests) expect(request.url.searchParams.get('limit')).toBe('1');
    const costs = requests.find((request) => request.url.pathname.endsWith('/costs'));
    expect(costs?.url.searchParams.get('start_time')).toBe(String(T0 + 5 * DAY));
  });

  it('reports a 403 per endpoint instead of failing', async () => {
    const { client } = setup((url) =>
      url.pathname.endsWith('/projects')
        ? { json: listPage([]) }
        : { status: 403, json: apiError('Missing scopes: api.usage.read') },
    );
    expect(await client.verifyKey()).toEqual({ canListProjects: true, canReadCosts: false, canReadUsage: false });
  });

  it('throws invalid-key on 401', async () => {
    const { client } = setup(() => ({ status: 401, json: apiError('Incorrect API key provided') }));
    expect((await failure(client.verifyKey())).kind).toBe('invalid-key');
  });
});

/** A URL's query as WireParams: numbers back to numbers, repeated keys to arrays. */
function paramsOf(url: URL, arrays: readonly string[]): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    if (key === 'page') continue;
    const values = url.searchParams.getAll(key);
    params[key] = arrays.includes(key) ? values : /^\d+$/.test(values[0] ?? '') ? Number(values[0]) : values[0];
  }
  return params;
}

describe('what a listing reports sending', () => {
  it('is exactly what went on the wire, for every page, and what costsRequest describes', async () => {
    const { client, requests } = setup([
      { json: bucketPage([{ start_time: T0, results: [] }], { next_page: 'p2' }) },
      { json: bucketPage([{ start_time: T0 + DAY, results: [] }]) },
    ]);
    const query = { startTime: T0, endTime: T0 + 2 * DAY, groupBy: ['project_id', 'line_item'] as const, projectIds: ['proj_a'] };
    const sent: SentListing[] = [];
    await client.costs(query, { onSend: (listing) => sent.push(listing) });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.request).toEqual(costsRequest(query));
    expect(sent[0]?.refused).toBeNull();
    expect(sent[0]?.request).toEqual({
      endpoint: '/v1/organization/costs',
      params: { start_time: T0, end_time: T0 + 2 * DAY, bucket_width: '1d', group_by: ['project_id', 'line_item'], project_ids: ['proj_a'], limit: 180 },
    });
    for (const request of requests) {
      expect(request.url.pathname).toBe(sent[0]?.request.endpoint);
      expect(paramsOf(request.url, ['group_by', 'project_ids'])).toEqual(sent[0]?.request.params);
    }
  });

  it('covers usage listings too, with the width\'s page limit', async () => {
    const { client, requests } = setup([{ json: SPEC_COMPLETIONS_USAGE_PAGE }]);
    const query = { startTime: T0, endTime: T0 + 31 * DAY, bucketWidth: '1d' as const, groupBy: ['model'] as const };
    let sent: SentListing | undefined;
    await client.completionsUsage(query, { onSend: (listing) => (sent = listing) });
    expect(sent?.request).toEqual(completionsUsageRequest(query));
    expect(sent?.request.endpoint).toBe('/v1/organization/usage/completions');
    expect(paramsOf(requests[0]!.url, ['group_by'])).toEqual(sent?.request.params);
    expect(sent?.request.params.limit).toBe(31);
  });

  it('describes an out-of-range limit as the listing would refuse it', () => {
    expect(() => costsRequest({ startTime: T0, limit: 181 })).toThrow(RangeError);
    expect(() => completionsUsageRequest({ startTime: T0, bucketWidth: '1h', limit: 169 })).toThrow(RangeError);
  });
});

describe('request counts', () => {
  it('are the pages a listing takes when every page is full', () => {
    expect(costsRequestCount({ startTime: T0, endTime: T0 + 180 * DAY })).toBe(1);
    expect(costsRequestCount({ startTime: T0, endTime: T0 + 181 * DAY })).toBe(2);
    expect(costsRequestCount({ startTime: T0, endTime: T0 + 10 * DAY, limit: 7 })).toBe(2);
    expect(costsRequestCount({ startTime: T0 })).toBe(1);
    expect(completionsUsageRequestCount({ startTime: T0, endTime: T0 + 31 * DAY, bucketWidth: '1d' })).toBe(1);
    expect(completionsUsageRequestCount({ startTime: T0, endTime: T0 + 339 * 3600, bucketWidth: '1h' })).toBe(3);
    expect(projectsRequestCount(0)).toBe(1);
    expect(projectsRequestCount(100)).toBe(1);
    expect(projectsRequestCount(250)).toBe(3);
  });

  it('match the requests the client really makes against a server that pages as asked', async () => {
    let page = 0;
    const { client, requests } = setup(() => {
      page += 1;
      return { json: bucketPage([{ start_time: T0, results: [] }], page < 3 ? { next_page: `p${page}` } : null) };
    });
    const query = { startTime: T0, endTime: T0 + 339 * 3600, bucketWidth: '1h' as const };
    await client.completionsUsage(query);
    expect(requests).toHaveLength(completionsUsageRequestCount(query));
  });
});

describe('costs grouped by api_key_id, refused with a 400', () => {
  const DAY_QUERY = { startTime: T0, endTime: T0 + 2 * DAY, groupBy: ['project_id', 'line_item', 'api_key_id'] as const };
  const refusingServer = () =>
    fakeFetch(
      fakeAdminServer({
        costsRefuseApiKeyGrouping: true,
        costResults: () => [{ amount: { value: 1, currency: 'usd' }, project_id: 'proj_a', line_item: 'x' }],
      }),
    );

  it('asks again without api_key_id, and says what it asked and how the API answered', async () => {
    const { fetch, requests } = refusingServer();
    const client = createAdminClient({ apiKey: 'sk-admin-x', fetch, sleep: () => Promise.resolve() });
    const sent: SentListing[] = [];
    const buckets = await client.costs(DAY_QUERY, { onSend: (listing) => sent.push(listing) });
    expect(buckets).toHaveLength(2);
    expect(requests.map((request) => request.url.searchParams.getAll('group_by'))).toEqual([
      ['project_id', 'line_item', 'api_key_id'],
      ['project_id', 'line_item'],
    ]);
    expect(sent.at(-1)).toEqual({
      request: costsRequest({ ...DAY_QUERY, groupBy: ['project_id', 'line_item'] }),
      refused: { asked: costsRequest(DAY_QUERY), status: 400, message: COSTS_GROUP_BY_REFUSAL.error.message },
    });
  });

  it('remembers the refusal for this key: later cost listings go without api_key_id at once', async () => {
    const { fetch, requests } = refusingServer();
    const client = createAdminClient({ apiKey: 'sk-admin-x', fetch, sleep: () => Promise.resolve() });
    await client.costs(DAY_QUERY);
    const before = requests.length;
    let sent: SentListing | undefined;
    await client.costs({ ...DAY_QUERY, startTime: T0 + DAY }, { onSend: (listing) => (sent = listing) });
    expect(requests.slice(before).map((request) => request.url.searchParams.getAll('group_by'))).toEqual([['project_id', 'line_item']]);
    expect(sent?.refused).toMatchObject({ status: 400, asked: { params: { group_by: ['project_id', 'line_item', 'api_key_id'] } } });
    // A listing that never asked for api_key_id is sent as asked.
    await client.costs({ startTime: T0, groupBy: ['project_id'] }, { onSend: (listing) => (sent = listing) });
    expect(sent?.refused).toBeNull();
  });

  it('keeps any other failure, and a 400 that asking without api_key_id does not cure, as it is', async () => {
    const badRequest = { status: 400, json: apiError('start_time must be before end_time') };
    const { client } = setup([badRequest, badRequest]);
    expect((await failure(client.costs(DAY_QUERY))).status).toBe(400);
    const { client: plain, requests } = setup([badRequest]);
    expect((await failure(plain.costs({ startTime: T0, groupBy: ['project_id'] }))).status).toBe(400);
    expect(requests).toHaveLength(1);
    const { client: forbidden, requests: asked } = setup([{ status: 403, json: apiError('Missing scopes') }]);
    expect((await failure(forbidden.costs(DAY_QUERY))).kind).toBe('forbidden');
    expect(asked).toHaveLength(1);
  });

  it('does not remember a 400 that was not about the grouping', async () => {
    const badRequest = { status: 400, json: apiError('bad start_time') };
    const { client, requests } = setup([badRequest, badRequest, { json: SPEC_COSTS_PAGE }]);
    await failure(client.costs(DAY_QUERY));
    await client.costs(DAY_QUERY);
    expect(requests[2]?.url.searchParams.getAll('group_by')).toContain('api_key_id');
  });
});

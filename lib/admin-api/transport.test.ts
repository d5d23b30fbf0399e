import { describe, expect, it, vi } from 'vitest';
import { AdminApiError } from './errors';
import { createAdminClient, type AdminClientOptions } from './client';
import { apiError, SPEC_PROJECT, listPage } from './testing/fixtures';
import { fakeFetch, type FakeReply } from './testing/fake-fetch';
import { buildUrl, parseHttpDate, parseRetryAfter, withServerClock } from './transport';
import { failure } from './testing/admin-api-failure';

const KEY = 'sk-admin-test-1234';
const OK_PROJECTS: FakeReply = { json: listPage([SPEC_PROJECT]) };

function setup(replies: FakeReply[], options: Partial<AdminClientOptions> = {}) {
  const server = fakeFetch(replies);
  const sleep = vi.fn((_ms: number) => Promise.resolve());
  const client = createAdminClient({ apiKey: KEY, fetch: server.fetch, sleep, random: () => 0.5, ...options });
  return { client, sleep, requests: server.requests };
}

describe('requests', () => {
  it('sends the key as a Bearer token to api.openai.com only', async () => {
    const { client, requests } = setup([OK_PROJECTS]);
    await client.projects();
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url.origin).toBe('https://api.openai.com');
    expect(requests[0]?.url.pathname).toBe('/v1/organization/projects');
    expect(requests[0]?.headers.Authorization).toBe(`Bearer ${KEY}`);
  });

  it('trims a pasted key and refuses one fetch could not send, before any request', async () => {
    const { client, requests } = setup([OK_PROJECTS], { apiKey: `  ${KEY}\n` });
    await client.projects();
    expect(requests[0]?.headers.Authorization).toBe(`Bearer ${KEY}`);
    expect(() => setup([], { apiKey: ' ' })).toThrow(AdminApiError);
    expect(() => setup([], { apiKey: 'sk-admin-é' })).toThrow(/non-ASCII/);
  });

  it('never follows a redirect: every request is sent with redirect "error"', async () => {
    const { client, requests } = setup([OK_PROJECTS]);
    await client.projects();
    expect(requests[0]?.redirect).toBe('error');
  });

  it.each([
    ['a redirected answer', { redirected: true, url: 'https://api.openai.com/v1/organization/projects' }],
    ['an answer from another host', { url: 'https://evil.example/v1/organization/projects' }],
    ['an answer from a look-alike host', { url: 'https://api.openai.com.evil.example/v1/organization/projects' }],
    ['an answer over plain http', { url: 'http://api.openai.com/v1/organization/projects' }],
  ])('refuses %s and does not use its data, without retrying', async (_name, where) => {
    const { client, requests, sleep } = setup([{ ...OK_PROJECTS, ...where }, OK_PROJECTS]);
    const error = await failure(client.projects());
    expect(error.kind).toBe('redirected');
    expect(error.userMessage).toMatch(/did not come from api\.openai\.com/);
    expect(requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('encodes arrays as repeated keys and leaves out unset values', () => {
    const url = new URL(buildUrl('/x', { group_by: ['project_id', 'line_item'], page: undefined, limit: 3 }));
    expect(url.searchParams.getAll('group_by')).toEqual(['project_id', 'line_item']);
    expect(url.search).toBe('?group_by=project_id&group_by=line_item&limit=3');
  });
});

describe('error mapping', () => {
  it.each([
    [401, 'invalid-key'],
    [403, 'forbidden'],
    [404, 'http'],
    [400, 'http'],
  ] as const)('maps HTTP %i to %s without retrying, keeping the API message', async (status, kind) => {
    const { client, requests, sleep } = setup([{ status, json: apiError(`nope ${status}`) }]);
    const error = await failure(client.projects());
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.apiMessage).toBe(`nope ${status}`);
    expect(error.userMessage.length).toBeGreaterThan(20);
    expect(requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('tells 401 and 403 apart in what the user is asked to do', async () => {
    const invalid = await failure(setup([{ status: 401, json: apiError('bad key') }]).client.projects());
    const forbidden = await failure(setup([{ status: 403, json: apiError('no scope') }]).client.projects());
    expect(invalid.userMessage).toMatch(/rejected the admin key/);
    expect(forbidden.userMessage).toMatch(/owners/);
  });

  it('removes the key from an API message that quotes it', async () => {
    const { client } = setup([{ status: 401, json: apiError(`Incorrect API key provided: ${KEY}.`) }]);
    const error = await failure(client.projects());
    expect(error.apiMessage).toBe('Incorrect API key provided: [redacted].');
    expect(error.message).not.toContain(KEY);
  });

  it('keeps a non-JSON error body out of apiMessage', async () => {
    const { client } = setup([{ status: 404, text: '<html>Not found</html>' }]);
    const error = await failure(client.projects());
    expect(error.kind).toBe('http');
    expect(error.apiMessage).toBeNull();
  });

  it('reports a 200 whose body is not JSON as malformed, without retrying', async () => {
    const { client, requests } = setup([{ text: '<html>proxy login</html>' }]);
    const error = await failure(client.projects());
    expect(error.kind).toBe('malformed');
    expect(requests).toHaveLength(1);
  });

  it('converts to plain data for messaging', async () => {
    const { client } = setup([{ status: 429, headers: { 'Retry-After': '3600' }, json: apiError('slow down') }]);
    const error = await failure(client.projects());
    expect(JSON.parse(JSON.stringify(error.toFailure()))).toEqual({
      kind: 'rate-limited',
      status: 429,
      apiMessage: 'slow down',
      retryAfterSeconds: 3600,
      userMessage: error.userMessage,
    });
  });
});

describe('retries', () => {
  it('waits out Retry-After (seconds) on 429, then succeeds', async () => {
    const { client, sleep, requests } = setup([{ status: 429, headers: { 'Retry-After': '7' } }, OK_PROJECTS]);
    await expect(client.projects()).resolves.toHaveLength(1);
    expect(sleep.mock.calls).toEqual([[7000]]);
    expect(requests).toHaveLength(2);
  });

  it('backs off exponentially with jitter on 429 without Retry-After', async () => {
    const random = vi.fn().mockReturnValueOnce(0).mockReturnValueOnce(1);
    const { client, sleep } = setup(
      [{ status: 429 }, { status: 429 }, OK_PROJECTS],
      { random },
    );
    await client.projects();
    // 500 ms base: attempt 1 waits 250–500 ms, attempt 2 waits 500–1000 ms.
    expect(sleep.mock.calls).toEqual([[250], [1000]]);
  });

  it('gives up at once, keeping retryAfterSeconds, when Retry-After is longer than a worker can wait', async () => {
    const { client, sleep, requests } = setup([{ status: 429, headers: { 'Retry-After': '120' } }]);
    const error = await failure(client.projects());
    expect(error.kind).toBe('rate-limited');
    expect(error.retryAfterSeconds).toBe(120);
    expect(sleep).not.toHaveBeenCalled();
    expect(requests).toHaveLength(1);
  });

  it('waits at most an hour however long a Retry-After asks for, and says so to the caller', async () => {
    const yearLong = await failure(setup([{ status: 429, headers: { 'Retry-After': String(365 * 86_400) } }]).client.projects());
    expect(yearLong.retryAfterSeconds).toBe(3600);
    const farDate = await failure(
      setup([{ status: 429, headers: { 'Retry-After': 'Fri, 01 Jan 2100 00:00:00 GMT' } }]).client.projects(),
    );
    expect(farDate.retryAfterSeconds).toBe(3600);
    expect(yearLong.toFailure()).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 3600 });
    expect(new AdminApiError('rate-limited', { retryAfterSeconds: 1e12 }).retryAfterSeconds).toBe(3600);
    expect(new AdminApiError('rate-limited', { retryAfterSeconds: Infinity }).retryAfterSeconds).toBeNull();
  });

  it("counts a Retry-After date from the API's Date header, whatever this computer's clock says", async () => {
    // The computer's clock is 6 hours fast: against it, the API's date lies in the past.
    const computer = Date.parse('2027-03-04T15:00:00Z');
    const headers = { Date: 'Thu, 04 Mar 2027 09:00:00 GMT', 'Retry-After': 'Thu, 04 Mar 2027 09:00:30 GMT' };
    const fast = await failure(setup([{ status: 429, headers }], { now: () => computer }).client.projects());
    expect(fast.retryAfterSeconds).toBe(30);
    // And 3 hours slow: against it, the date would be hours away.
    const slow = await failure(setup([{ status: 429, headers }], { now: () => computer - 9 * 3_600_000 }).client.projects());
    expect(slow.retryAfterSeconds).toBe(30);
  });

  it('retries a 500 and then succeeds', async () => {
    const { client, sleep, requests } = setup([{ status: 500, json: apiError('boom', 'server_error') }, OK_PROJECTS]);
    await expect(client.projects()).resolves.toHaveLength(1);
    expect(requests).toHaveLength(2);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('retries a network failure and then succeeds', async () => {
    const { client, requests } = setup([{ networkError: true }, OK_PROJECTS]);
    await expect(client.projects()).resolves.toHaveLength(1);
    expect(requests).toHaveLength(2);
  });

  it('stops after a bounded number of attempts and reports the last failure', async () => {
    const { client, requests, sleep } = setup(
      [{ status: 502 }, { status: 503 }, { networkError: true }, { status: 500 }, OK_PROJECTS],
      { maxAttempts: 4 },
    );
    const error = await failure(client.projects());
    expect(error.kind).toBe('server');
    expect(error.status).toBe(500);
    expect(requests).toHaveLength(4);
    expect(sleep).toHaveBeenCalledTimes(3);
  });

  it('reports a network failure that persists as offline', async () => {
    const { client } = setup([{ networkError: true }], { maxAttempts: 1 });
    const error = await failure(client.projects());
    expect(error.kind).toBe('offline');
    expect(error.status).toBeNull();
  });

  it('aborts a request that takes longer than the timeout and does not retry it', async () => {
    const { client, requests } = setup([{ hang: true }, OK_PROJECTS], { timeoutMs: 20 });
    const error = await failure(client.projects());
    expect(error.kind).toBe('timeout');
    expect(requests).toHaveLength(1);
  });

  it('defaults to a timeout well under the 30 s MV3 fetch limit', async () => {
    vi.useFakeTimers();
    try {
      const { client } = setup([{ hang: true }]);
      const pending = failure(client.projects());
      await vi.advanceTimersByTimeAsync(19_999);
      await vi.advanceTimersByTimeAsync(1);
      await expect(pending).resolves.toMatchObject({ kind: 'timeout' });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 1, 0, 0, 0);
  it('reads whole seconds and IMF dates, and ignores anything else', () => {
    expect(parseRetryAfter('12', now)).toBe(12);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it('clamps to an hour', () => {
    expect(parseRetryAfter('3600', now)).toBe(3600);
    expect(parseRetryAfter('3601', now)).toBe(3600);
    expect(parseRetryAfter('31536000', now)).toBe(3600);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:00 GMT', now)).toBe(3600);
  });
});

describe('withServerClock', () => {
  it('reads the API\'s clock from the Date header and keeps it running on the local clock', async () => {
    let local = Date.UTC(2025, 5, 15, 10, 30);
    const server = fakeFetch([
      { json: {}, headers: { Date: 'Sun, 15 Jun 2025 14:30:00 GMT' } },
      { json: {}, headers: { Date: 'not a date' } },
    ]);
    const clock = withServerClock(server.fetch, () => local);
    expect(clock.serverNow()).toBeNull();
    const init = { method: 'GET' as const, headers: {}, signal: new AbortController().signal, redirect: 'error' as const };
    await clock.fetch('https://api.openai.com/v1/x', init);
    expect(clock.serverNow()).toBe(Date.UTC(2025, 5, 15, 14, 30));
    local += 90_000;
    // An unreadable Date header leaves the last good reading in place.
    await clock.fetch('https://api.openai.com/v1/x', init);
    expect(clock.serverNow()).toBe(Date.UTC(2025, 5, 15, 14, 31, 30));
  });

  it('parses only IMF-fixdate', () => {
    expect(parseHttpDate('Sun, 15 Jun 2025 14:30:00 GMT')).toBe(Date.UTC(2025, 5, 15, 14, 30));
    expect(parseHttpDate('2025-06-15T14:30:00Z')).toBeNull();
    expect(parseHttpDate(null)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { AdminApiError } from './errors';
import { getJsonByPath, parseSpendLimit, readSpendLimit, spendLimitPath } from './spend-limits';
import { failure } from './testing/admin-api-failure';
import { fakeFetch, type FakeReply } from './testing/fake-fetch';
import type { TransportOptions } from './transport';

/** The example response of the API's "Retrieve project spend limit" (docs/facts.md §1). */
const SPEC_PROJECT_SPEND_LIMIT = {
  object: 'project.spend_limit',
  threshold_amount: 10000,
  currency: 'USD',
  interval: 'month',
  enforcement: { status: 'enforcing' },
};

function transport(replies: FakeReply[]) {
  const fake = fakeFetch(replies);
  const options: TransportOptions = {
    apiKey: 'sk-admin-test',
    fetch: fake.fetch,
    now: () => 0,
    sleep: () => Promise.resolve(),
    random: () => 0,
    timeoutMs: 1000,
    maxAttempts: 2,
    maxRetryAfterSeconds: 20,
    backoffBaseMs: 1,
  };
  return { get: getJsonByPath(options), requests: fake.requests };
}

describe('readSpendLimit', () => {
  it('reads the organization limit from the documented path, in micro-units', async () => {
    const api = transport([{ json: { ...SPEC_PROJECT_SPEND_LIMIT, object: 'organization.spend_limit', threshold_amount: 50_000 } }]);
    await expect(readSpendLimit(api.get, 'organization')).resolves.toEqual({
      state: 'limit',
      limit: { thresholdMicros: 500_000_000, currency: 'USD', interval: 'month', enforcing: true, enforcementStatus: 'enforcing' },
    });
    expect(api.requests[0]?.url.href).toBe('https://api.openai.com/v1/organization/spend_limit');
    expect(api.requests[0]?.headers.Authorization).toBe('Bearer sk-admin-test');
  });

  it('reads a project limit, escaping the id in the path', async () => {
    const api = transport([{ json: SPEC_PROJECT_SPEND_LIMIT }]);
    const result = await readSpendLimit(api.get, 'proj_abc');
    expect(result).toMatchObject({ state: 'limit', limit: { thresholdMicros: 100_000_000 } });
    expect(api.requests[0]?.url.pathname).toBe('/v1/organization/projects/proj_abc/spend_limit');
    expect(spendLimitPath('a/b')).toBe('/organization/projects/a%2Fb/spend_limit');
  });

  it('turns 403 into "not allowed", not an error', async () => {
    const api = transport([{ status: 403, json: { error: { message: 'Missing scope', type: 'invalid_request_error', param: null, code: null } } }]);
    await expect(readSpendLimit(api.get, 'organization')).resolves.toEqual({ state: 'not-allowed' });
  });

  it('turns 404 (e.g. the Default project, or no limit set) into "no limit"', async () => {
    const api = transport([{ status: 404, json: { error: { message: 'No spend limit', type: 'invalid_request_error', param: null, code: null } } }]);
    await expect(readSpendLimit(api.get, 'proj_default')).resolves.toEqual({ state: 'no-limit' });
  });

  it('reads a resource without a threshold as "no limit"', async () => {
    for (const threshold_amount of [null, undefined, 0]) {
      const api = transport([{ json: { ...SPEC_PROJECT_SPEND_LIMIT, threshold_amount } }]);
      await expect(readSpendLimit(api.get, 'proj_a')).resolves.toEqual({ state: 'no-limit' });
    }
  });

  it('keeps other failures as the usual AdminApiError (401, 5xx after retries, malformed)', async () => {
    expect((await failure(readSpendLimit(transport([{ status: 401 }]).get, 'organization'))).kind).toBe('invalid-key');
    expect((await failure(readSpendLimit(transport([{ status: 500 }, { status: 502 }]).get, 'organization'))).kind).toBe('server');
    const malformed = await failure(readSpendLimit(transport([{ json: { ...SPEC_PROJECT_SPEND_LIMIT, threshold_amount: '100' } }]).get, 'organization'));
    expect(malformed.kind).toBe('malformed');
    expect(malformed.message).toContain('/organization/spend_limit: response.threshold_amount');
    expect((await failure(readSpendLimit(transport([{ text: 'not json' }]).get, 'organization'))).kind).toBe('malformed');
  });

  it('passes errors of the getter through unchanged', async () => {
    const offline = new AdminApiError('offline');
    await expect(readSpendLimit(() => Promise.reject(offline), 'organization')).rejects.toBe(offline);
  });
});

describe('parseSpendLimit', () => {
  it('marks an inactive limit as not enforcing, and an unknown status as enforcing', () => {
    expect(parseSpendLimit({ ...SPEC_PROJECT_SPEND_LIMIT, enforcement: { status: 'inactive' } })).toMatchObject({ enforcing: false, enforcementStatus: 'inactive' });
    expect(parseSpendLimit({ ...SPEC_PROJECT_SPEND_LIMIT, enforcement: { status: 'paused_for_review' } })).toMatchObject({ enforcing: true });
    expect(parseSpendLimit({ threshold_amount: 1 })).toEqual({ thresholdMicros: 10_000, currency: 'USD', interval: 'month', enforcing: true, enforcementStatus: null });
  });

  it('lowercase currency becomes the ISO code, extra fields are ignored', () => {
    expect(parseSpendLimit({ ...SPEC_PROJECT_SPEND_LIMIT, currency: 'usd', organization_id: 'org-1' })?.currency).toBe('USD');
  });

  it('rejects shapes it cannot read', () => {
    expect(() => parseSpendLimit([])).toThrow('response should be an object');
    expect(() => parseSpendLimit({ threshold_amount: 1.5 })).toThrow('threshold_amount');
    expect(() => parseSpendLimit({ threshold_amount: -5 })).toThrow('threshold_amount');
    expect(() => parseSpendLimit({ threshold_amount: 5, enforcement: 'on' })).toThrow('response.enforcement should be an object');
  });
});

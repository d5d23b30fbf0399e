import { describe, expect, it } from 'vitest';
import { createAdminGet } from './admin-request';
import { getOrganizationSpendLimit } from './spend-limit';
import { fakeFetch } from './testing/fake-fetch';
import { apiError } from './testing/fixtures';

const get = (reply: Parameters<typeof fakeFetch>[0]) => createAdminGet({ apiKey: 'sk-admin-x', fetch: fakeFetch(reply).fetch, sleep: async () => {} });

describe('getOrganizationSpendLimit', () => {
  it("reads the spec's example", async () => {
    const body = { object: 'organization.spend_limit', threshold_amount: 10000, currency: 'USD', interval: 'month', enforcement: { status: 'enforcing' } };
    expect(await getOrganizationSpendLimit(get([{ json: body }]))).toEqual({ thresholdCents: 10000, currency: 'USD', interval: 'month', enforcement: 'enforcing' });
  });

  it('a 404 or a body without a threshold means none is set', async () => {
    expect(await getOrganizationSpendLimit(get([{ status: 404, json: apiError('No spend limit') }]))).toBeNull();
    expect(await getOrganizationSpendLimit(get([{ json: { object: 'organization.spend_limit' } }]))).toBeNull();
  });

  it('a 403 is thrown for the caller to show as unknown', async () => {
    await expect(getOrganizationSpendLimit(get([{ status: 403, json: apiError('Insufficient permissions') }]))).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

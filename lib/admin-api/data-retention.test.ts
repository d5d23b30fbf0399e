import { describe, expect, it } from 'vitest';
import { createAdminGet } from './admin-request';
import { readDataRetention } from './data-retention';
import { fakeFetch } from './testing/fake-fetch';
import { apiError } from './testing/fixtures';

const get = (reply: Parameters<typeof fakeFetch>[0]) => {
  const fake = fakeFetch(reply);
  return { get: createAdminGet({ apiKey: 'sk-admin-unit-test-key', fetch: fake.fetch, maxAttempts: 1 }), requests: fake.requests };
};

describe('readDataRetention', () => {
  it('reads the organization’s and a project’s type as sent (spec examples)', async () => {
    const organization = get([{ json: { object: 'organization.data_retention', type: 'modified_abuse_monitoring' } }]);
    expect(await readDataRetention(organization.get, null)).toEqual({ state: 'type', type: 'modified_abuse_monitoring' });
    expect(organization.requests[0]!.url.pathname).toBe('/v1/organization/data_retention');
    const project = get([{ json: { object: 'project.data_retention', type: 'some_future_type' } }]);
    expect(await readDataRetention(project.get, 'proj_A')).toEqual({ state: 'type', type: 'some_future_type' });
    expect(project.requests[0]!.url.pathname).toBe('/v1/organization/projects/proj_A/data_retention');
  });

  it('a key that may not read it (403), or no such endpoint (404), is an answer, not an error', async () => {
    expect(await readDataRetention(get([{ status: 403, json: apiError('Missing scopes') }]).get, null)).toEqual({ state: 'not-available', status: 403 });
    expect(await readDataRetention(get([{ status: 404, json: apiError('Not found') }]).get, 'proj_A')).toEqual({ state: 'not-available', status: 404 });
  });

  it('other failures and other shapes are errors', async () => {
    await expect(readDataRetention(get([{ status: 500, json: apiError('boom') }]).get, null)).rejects.toMatchObject({ kind: 'server' });
    await expect(readDataRetention(get([{ json: { object: 'organization.data_retention' } }]).get, null)).rejects.toMatchObject({ kind: 'malformed' });
  });
});

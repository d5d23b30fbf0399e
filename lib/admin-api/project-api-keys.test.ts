import { describe, expect, it } from 'vitest';
import { createAdminGet } from './admin-request';
import { listProjectApiKeys, parseProjectApiKeyEntry } from './project-api-keys';
import { fakeFetch } from './testing/fake-fetch';
import { SPEC_PROJECT_API_KEY } from './testing/fixtures';

const KEY = 'sk-admin-test';

const apiKey = (id: string, access: string | null = 'active') => {
  const { owner_project_access: _spec, ...rest } = SPEC_PROJECT_API_KEY as Record<string, unknown>;
  return access === null ? { ...rest, id } : { ...rest, id, owner_project_access: access };
};
const page = (items: unknown[], hasMore: boolean) => ({ object: 'list', data: items, first_id: null, last_id: (items.at(-1) as { id: string } | undefined)?.id ?? null, has_more: hasMore });

describe('listProjectApiKeys', () => {
  it('lists every enabled key (owner_project_access=any) across pages', async () => {
    const { fetch, requests } = fakeFetch([{ json: page([apiKey('key_a'), apiKey('key_b', 'inactive')], true) }, { json: page([apiKey('key_c')], false) }]);
    const keys = await listProjectApiKeys(createAdminGet({ apiKey: KEY, fetch }), 'proj_a b');
    expect(keys.map((key) => [key.id, key.ownerProjectAccess])).toEqual([
      ['key_a', 'active'],
      ['key_b', 'inactive'],
      ['key_c', 'active'],
    ]);
    expect(requests[0]!.url.pathname).toBe('/v1/organization/projects/proj_a%20b/api_keys');
    expect(requests[0]!.url.searchParams.get('owner_project_access')).toBe('any');
    expect(requests[1]!.url.searchParams.get('after')).toBe('key_b');
  });

  it('passes another filter when asked, and reads keys without the field as unknown access', async () => {
    const { fetch, requests } = fakeFetch([{ json: page([apiKey('key_a', null)], false) }]);
    const [key] = await listProjectApiKeys(createAdminGet({ apiKey: KEY, fetch }), 'proj_a', { ownerProjectAccess: 'inactive' });
    expect(requests[0]!.url.searchParams.get('owner_project_access')).toBe('inactive');
    expect(key!.ownerProjectAccess).toBeNull();
  });

  it('an unexpected access value is a shape error naming its path', () => {
    expect(() => parseProjectApiKeyEntry(apiKey('key_a', 'maybe'), 'data[0]')).toThrow('data[0].owner_project_access should be "active" or "inactive"');
  });
});

import { describe, expect, it } from 'vitest';
import { createAdminGet } from './admin-request';
import { listProjectApiKeys, parseProjectApiKeyEntry } from './project-api-keys';
import { fakeFetch } from './testing/fake-fetch';
import { failure } from './testing/admin-api-failure';
import { listPage, SPEC_PROJECT_API_KEY } from './testing/fixtures';

const KEY = 'sk-admin-test';
/** What the spec's example says of its owner's access. */
const OWNER_ACCESS = (SPEC_PROJECT_API_KEY as { owner_project_access?: 'active' | 'inactive' }).owner_project_access ?? null;

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

describe('listProjectApiKeys: one project', () => {
  it('lists the keys of one project, escaping its id in the path', async () => {
    const { fetch, requests } = fakeFetch([{ json: listPage([SPEC_PROJECT_API_KEY]) }]);
    const keys = await listProjectApiKeys(createAdminGet({ apiKey: KEY, fetch }), 'proj_abc/../x');
    expect(requests[0]?.url.href).toBe(
      'https://api.openai.com/v1/organization/projects/proj_abc%2F..%2Fx/api_keys?limit=100&owner_project_access=any',
    );
    expect(keys).toEqual([
      {
        id: 'key_abc',
        name: 'My API Key',
        redactedValue: 'sk-abc...def',
        createdAt: 1711471533,
        lastUsedAt: 1711471534,
        owner: { type: 'user', id: 'user_abc', name: 'First Last', email: 'user@example.com' },
        ownerProjectAccess: OWNER_ACCESS,
      },
    ]);
  });

  it('reads service-account owners and keys never used', async () => {
    const key = {
      ...SPEC_PROJECT_API_KEY,
      last_used_at: null,
      owner: { type: 'service_account', service_account: { id: 'svc_1', name: 'CI', created_at: 1 } },
    };
    const { fetch } = fakeFetch([{ json: listPage([key]) }]);
    const [parsed] = await listProjectApiKeys(createAdminGet({ apiKey: KEY, fetch }), 'proj_abc');
    expect(parsed?.lastUsedAt).toBeNull();
    expect(parsed?.owner).toEqual({ type: 'service_account', id: 'svc_1', name: 'CI', email: null });
  });

  it('reports a key without an owner as malformed', async () => {
    const { owner: _owner, ...ownerless } = SPEC_PROJECT_API_KEY;
    const { fetch } = fakeFetch([{ json: listPage([ownerless]) }]);
    expect((await failure(listProjectApiKeys(createAdminGet({ apiKey: KEY, fetch }), 'proj_abc'))).kind).toBe('malformed');
  });
});

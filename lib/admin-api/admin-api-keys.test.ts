import { describe, expect, it } from 'vitest';
import { createAdminGet } from './admin-request';
import { findOwnAdminKey, listAdminApiKeys, type AdminApiKeyEntry } from './admin-api-keys';
import { fakeFetch } from './testing/fake-fetch';

const spec = {
  object: 'organization.admin_api_key',
  id: 'key_abc',
  name: 'Main Admin Key',
  redacted_value: 'sk-admin...xyz',
  created_at: 1711471533,
  expires_at: 1714063533,
  last_used_at: 1711471534,
  owner: { type: 'user', object: 'organization.user', id: 'user_123', name: 'John Doe', created_at: 1711471533, role: 'owner' },
};

describe('admin API keys', () => {
  it("reads the spec's example", async () => {
    const { fetch } = fakeFetch([{ json: { object: 'list', data: [spec], first_id: 'key_abc', last_id: 'key_abc', has_more: false } }]);
    expect(await listAdminApiKeys(createAdminGet({ apiKey: 'sk-admin-x', fetch }))).toEqual([
      { id: 'key_abc', name: 'Main Admin Key', redactedValue: 'sk-admin...xyz', createdAt: 1711471533, expiresAt: 1714063533, lastUsedAt: 1711471534, ownerName: 'John Doe' },
    ]);
  });

  it('finds the key in use by its redacted tail, only when exactly one matches', () => {
    const entry = (id: string, redactedValue: string): AdminApiKeyEntry => ({ id, name: null, redactedValue, createdAt: 0, expiresAt: null, lastUsedAt: null, ownerName: null });
    const keys = [entry('a', 'sk-admin...WXYZ'), entry('b', 'sk-admin...QRST')];
    expect(findOwnAdminKey(keys, 'sk-admin-secretsecretWXYZ')?.id).toBe('a');
    expect(findOwnAdminKey(keys, 'sk-admin-secretsecretAAAA')).toBeNull();
    expect(findOwnAdminKey([...keys, entry('c', 'sk-admin...WXYZ')], 'sk-admin-secretsecretWXYZ')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { createAdminGet } from './admin-request';
import { findOwnAdminKey, listAdminApiKeys, parseAdminApiKey, type AdminApiKeyEntry } from './admin-keys';
import { fakeFetch } from './testing/fake-fetch';

const KEY = 'sk-admin-E2eFixtureKey0123456789abcdefXYZW';

describe('admin API keys', () => {
  it('reads the spec’s example item, expiry in Unix seconds or null', () => {
    const item = {
      object: 'organization.admin_api_key',
      id: 'key_abc',
      name: 'Main Admin Key',
      redacted_value: 'sk-admin...def',
      created_at: 1711471533,
      expires_at: 1714063533,
      last_used_at: 1711471534,
      owner: { type: 'service_account', object: 'organization.service_account', id: 'sa_456', name: 'My Service Account', created_at: 1711471533, role: 'member' },
    };
    expect(parseAdminApiKey(item, 'data[0]')).toEqual({
      id: 'key_abc',
      name: 'Main Admin Key',
      redactedValue: 'sk-admin...def',
      createdAt: 1711471533,
      expiresAt: 1714063533,
      lastUsedAt: 1711471534,
      ownerName: 'My Service Account',
    });
    expect(parseAdminApiKey({ ...item, expires_at: null }, 'data[0]').expiresAt).toBeNull();
    expect(() => parseAdminApiKey({ ...item, expires_at: 'soon' }, 'data[0]')).toThrow();
  });

  it('finds the stored key by its redacted value, only when exactly one listed key fits', () => {
    const listed = (redactedValue: string, id = redactedValue) => ({ id, redactedValue, expiresAt: 1 });
    expect(findOwnAdminKey([listed('sk-admin...abc'), listed('sk-admin...YZW')], KEY)?.redactedValue).toBe('sk-admin...YZW');
    expect(findOwnAdminKey([listed('sk-admin-E2e…XYZW')], KEY)?.redactedValue).toBe('sk-admin-E2e…XYZW');
    // Two keys ending alike: a guess could warn about the wrong key's expiry.
    expect(findOwnAdminKey([listed('sk-admin...YZW', 'a'), listed('sk-admin...ZW', 'b')], KEY)).toBeNull();
    expect(findOwnAdminKey([listed('sk-admin...abc'), listed('redacted')], KEY)).toBeNull();
  });
});

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

describe('listing admin API keys', () => {
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

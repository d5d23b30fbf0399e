import { describe, expect, it } from 'vitest';
import { findOwnAdminKey, parseAdminApiKey } from './admin-keys';

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
    expect(parseAdminApiKey(item, 'data[0]')).toEqual({ id: 'key_abc', redactedValue: 'sk-admin...def', expiresAt: 1714063533 });
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

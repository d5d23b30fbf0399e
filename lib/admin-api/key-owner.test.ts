import { describe, expect, it } from 'vitest';
import { keyOwnerLabel } from './key-owner';

describe('keyOwnerLabel: whose key', () => {
  it("names a user by e-mail, falling back to the name when the e-mail is missing (an older stored listing)", () => {
    expect(keyOwnerLabel({ type: 'user', name: 'Ada Lovelace', email: 'ada@example.com' })).toBe('ada@example.com');
    expect(keyOwnerLabel({ type: 'user', name: 'Ada Lovelace', email: null })).toBe('Ada Lovelace');
    expect(keyOwnerLabel({ type: 'user', name: 'Ada Lovelace' })).toBe('Ada Lovelace');
    expect(keyOwnerLabel({ type: 'user', name: null, email: null })).toBeNull();
  });

  it('names a service account by its name, and says it is one', () => {
    expect(keyOwnerLabel({ type: 'service_account', name: 'Deploy bot', email: null })).toBe('service account “Deploy bot”');
    expect(keyOwnerLabel({ type: 'service_account', name: null, email: null })).toBe('a service account');
  });
});

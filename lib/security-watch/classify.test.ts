import { describe, expect, it } from 'vitest';
import { classifyEvent, genericTitle } from './classify';
import { auditEvent } from './testing/audit-fixtures';

const none = { adminKeyIds: new Set<string>() };
const T = 1_763_000_000;

describe('classifyEvent', () => {
  it('names the events that matter and links each to its page', () => {
    const created = classifyEvent(auditEvent('e1', 'api_key.created', T, { project: { id: 'proj_a', name: 'Alpha' }, payload: { id: 'key_1' } }), none);
    expect(created).toMatchObject({ category: 'api-key', action: 'created', title: 'API key created', routine: false });
    expect(created.page).toEqual({ kind: 'project-api-keys', projectId: 'proj_a' });

    expect(classifyEvent(auditEvent('e2', 'api_key.deleted', T), none)).toMatchObject({ title: 'API key deleted', page: { kind: 'organization-api-keys' } });
    expect(classifyEvent(auditEvent('e3', 'invite.sent', T, { payload: { id: 'inv', data: { email: 'new@example.com', role: 'owner' } } }), none).title).toBe(
      'Member invited: new@example.com as owner',
    );
    expect(classifyEvent(auditEvent('e4', 'user.updated', T, { payload: { id: 'u', changes_requested: { role: 'owner' } } }), none).title).toBe(
      'Member given a new role (owner)',
    );
    expect(classifyEvent(auditEvent('e5', 'project.archived', T), none)).toMatchObject({ category: 'project', title: 'Project archived' });
    expect(classifyEvent(auditEvent('e6', 'ip_allowlist.config.deactivated', T), none)).toMatchObject({ category: 'ip-allowlist', title: 'IP allowlist switched off' });
    expect(classifyEvent(auditEvent('e7', 'rate_limit.updated', T, { project: { id: 'proj_a' } }), none)).toMatchObject({
      title: 'Rate limit changed',
      page: { kind: 'limits', projectId: 'proj_a' },
    });
    expect(classifyEvent(auditEvent('e8', 'service_account.created', T, { payload: { id: 'sa', data: { role: 'member' } } }), none).title).toBe(
      'Service account created (member)',
    );
    expect(classifyEvent(auditEvent('e9', 'login.failed', T), none)).toMatchObject({ category: 'failed-login', routine: false });
  });

  it('tells logging switched off from other organization changes', () => {
    const off = auditEvent('o1', 'organization.updated', T, { payload: { id: 'org', changes_requested: { api_call_logging: 'disabled' } } });
    expect(classifyEvent(off, none)).toMatchObject({ category: 'logging', title: 'API call logging switched off', page: { kind: 'data-retention' } });
    const on = auditEvent('o2', 'organization.updated', T, { payload: { id: 'org', changes_requested: { api_call_logging: 'enabled_per_call' } } });
    expect(classifyEvent(on, none).title).toBe('API call logging set to enabled per call');
    const renamed = auditEvent('o3', 'organization.updated', T, { payload: { id: 'org', changes_requested: { title: 'New name' } } });
    expect(classifyEvent(renamed, none)).toMatchObject({ category: 'organization', title: 'Organization settings changed' });
  });

  it('recognizes an admin key by its id in the admin-key list, by management scopes, or by an admin_api_key type', () => {
    const event = auditEvent('a1', 'api_key.created', T, { payload: { id: 'key_admin' } });
    expect(classifyEvent(event, none).category).toBe('api-key');
    expect(classifyEvent(event, { adminKeyIds: new Set(['key_admin']) })).toMatchObject({ category: 'admin-key', title: 'Admin key created', page: { kind: 'admin-keys' } });
    const scoped = auditEvent('a2', 'api_key.created', T, { payload: { id: 'key_x', data: { scopes: ['api.management.read'] } } });
    expect(classifyEvent(scoped, none).category).toBe('admin-key');
    expect(classifyEvent(auditEvent('a3', 'admin_api_key.created', T), none)).toMatchObject({ category: 'admin-key', action: 'created' });
  });

  it('shows an unknown type generically instead of dropping it; only routine sign-ins are routine', () => {
    const unknown = classifyEvent(auditEvent('u1', 'tunnel.created', T), none);
    expect(unknown).toMatchObject({ category: 'other', title: 'Tunnel created', routine: false, page: { kind: 'organization-settings' } });
    expect(classifyEvent(auditEvent('u2', 'quantum.key.rotated', T), none).title).toBe('Quantum key rotated');
    expect(classifyEvent(auditEvent('u3', 'login.succeeded', T), none).routine).toBe(true);
    expect(classifyEvent(auditEvent('u4', 'logout.succeeded', T), none).routine).toBe(true);
    expect(genericTitle('')).toBe('Unknown event');
  });
});

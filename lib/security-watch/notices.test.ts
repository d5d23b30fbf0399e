import { describe, expect, it } from 'vitest';
import type { AdminApiKeyEntry } from '../admin-api/admin-keys';
import { DEFAULT_SECURITY_SETTINGS } from './settings';
import { findFailedLoginBursts } from './failed-logins';
import { HANDLED_KEEP_SECONDS, pickSecurityNotices, pruneHandled, type NoticeInput } from './notices';
import { auditEvent } from './testing/audit-fixtures';

// Friday 2025-03-14 03:00 UTC: outside 08:00–20:00.
const NIGHT = Date.parse('2025-03-14T03:00:00Z') / 1000;
const NOW = NIGHT + 3600;

function input(patch: Partial<NoticeInput>): NoticeInput {
  return {
    freshEvents: [],
    bursts: [],
    newAdminKeys: null,
    firstRead: false,
    firstAdminKeyRead: false,
    settings: DEFAULT_SECURITY_SETTINGS,
    timeZone: 'UTC',
    context: { adminKeyIds: new Set() },
    handled: {},
    nowSeconds: NOW,
    ...patch,
  };
}

const adminKey = (id: string, createdAt: number): AdminApiKeyEntry => ({
  id,
  name: 'Ops',
  redactedValue: 'sk-admin...abc',
  createdAt,
  expiresAt: null,
  lastUsedAt: null,
  ownerName: 'Mallory',
});

describe('pickSecurityNotices', () => {
  it('notifies an API key created at night, logging switched off and an admin key, once each', () => {
    const events = [
      auditEvent('k1', 'api_key.created', NIGHT, { project: { id: 'proj_a', name: 'Alpha' }, payload: { id: 'key_1' } }),
      auditEvent('l1', 'organization.updated', NIGHT + 60, { payload: { id: 'org', changes_requested: { api_call_logging: 'disabled' } } }),
      auditEvent('a1', 'api_key.created', NIGHT + 120, { payload: { id: 'key_admin' } }),
    ];
    const first = pickSecurityNotices(input({ freshEvents: events, context: { adminKeyIds: new Set(['key_admin']) } }));
    expect(first.notices.map((notice) => [notice.kind, notice.id])).toEqual([
      ['api-key-off-hours', 'security:event:k1'],
      ['logging-off', 'security:event:l1'],
      ['admin-key-created', 'security:admin-key:key_admin'],
    ]);
    expect(first.notices[0]!.message).toBe('An API key was created in Alpha by owner@example.com at 2025-03-14 03:00 UTC.');
    expect(first.notices[0]!.page).toEqual({ kind: 'project-api-keys', projectId: 'proj_a' });

    // The same events again (overlap, a second refresh), and the admin key seen in the list: nothing new.
    const again = pickSecurityNotices(
      input({ freshEvents: events, newAdminKeys: [adminKey('key_admin', NIGHT + 120)], handled: first.handled, context: { adminKeyIds: new Set(['key_admin']) } }),
    );
    expect(again.notices).toEqual([]);
  });

  it('stays quiet for an API key created in usual hours', () => {
    const day = auditEvent('k2', 'api_key.created', Date.parse('2025-03-14T10:00:00Z') / 1000);
    expect(pickSecurityNotices(input({ freshEvents: [day], nowSeconds: day.effectiveAt + 60 })).notices).toEqual([]);
  });

  it('notifies a failed-login burst once, even as it grows', () => {
    const failures = [0, 1, 2, 3, 4].map((n) => auditEvent(`f${n}`, 'login.failed', NIGHT + n * 30, { email: 'target@example.com' }));
    const first = pickSecurityNotices(input({ bursts: findFailedLoginBursts(failures) }));
    expect(first.notices).toHaveLength(1);
    expect(first.notices[0]).toMatchObject({ id: 'security:logins:f0', kind: 'failed-login-burst', title: '5 failed sign-ins' });
    // The OS keeps notification history: a count, never the addresses.
    expect(first.notices[0]!.message).toContain('on 1 account');
    expect(first.notices[0]!.message).not.toContain('@');
    const grown = [...failures, auditEvent('f5', 'login.failed', NIGHT + 200)];
    expect(pickSecurityNotices(input({ bursts: findFailedLoginBursts(grown), handled: first.handled })).notices).toEqual([]);
  });

  it('announces a new admin key from the list; on the first listing only one made in the last day', () => {
    const first = pickSecurityNotices(
      input({ newAdminKeys: [adminKey('key_old', NOW - 40 * 86_400), adminKey('key_new', NOW - 600)], firstAdminKeyRead: true }),
    );
    expect(first.notices.map((notice) => notice.id)).toEqual(['security:admin-key:key_new']);
    expect(first.notices[0]!.message).toContain('"Ops"');
    expect(first.handled).toHaveProperty(['security:admin-key:key_old']);
  });

  it('on the first read announces only the last day; older events are handled silently', () => {
    const old = auditEvent('k-old', 'api_key.created', NIGHT - 10 * 86_400);
    const recent = auditEvent('k-new', 'api_key.created', NIGHT);
    const result = pickSecurityNotices(input({ freshEvents: [old, recent], firstRead: true }));
    expect(result.notices.map((notice) => notice.id)).toEqual(['security:event:k-new']);
    expect(Object.keys(result.handled).sort()).toEqual(['security:event:k-new', 'security:event:k-old']);
  });

  it('a kind switched off in options is not announced, and not replayed when switched on later', () => {
    const event = auditEvent('k3', 'api_key.created', NIGHT);
    const off = { ...DEFAULT_SECURITY_SETTINGS, notify: { ...DEFAULT_SECURITY_SETTINGS.notify, 'api-key-off-hours': false } };
    const quiet = pickSecurityNotices(input({ freshEvents: [event], settings: off }));
    expect(quiet.notices).toEqual([]);
    expect(pickSecurityNotices(input({ freshEvents: [event], handled: quiet.handled })).notices).toEqual([]);
  });

  it('forgets handled ids only long after the 30-day window', () => {
    expect(pruneHandled({ a: NOW - HANDLED_KEEP_SECONDS - 1, b: NOW - 10 }, NOW)).toEqual({ b: NOW - 10 });
  });
});

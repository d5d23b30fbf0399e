import { describe, expect, it } from 'vitest';
import { rawAuditEvent, auditPage } from '../security-watch/testing/audit-fixtures';
import { createAdminGet } from './admin-request';
import { parseLoggingEvent, readLoggingChanges } from './logging-events';
import { fakeFetch } from './testing/fake-fetch';

const KEY = 'sk-admin-unit-test-key';
const updated = (id: string, at: number, changes: Record<string, unknown>) =>
  rawAuditEvent(id, 'organization.updated', at, { payload: { id: 'org-Acme', changes_requested: changes } });

describe('parseLoggingEvent', () => {
  it('keeps the setting, the selection, the organization and the time, nothing about the actor', () => {
    const parsed = parseLoggingEvent(
      updated('e1', 1700, { api_call_logging: 'enabled_for_selected_projects', api_call_logging_project_ids: ['proj_A', 'proj_B'] }),
      'data[0]',
    );
    expect(parsed.change).toEqual({ effectiveAt: 1700, organizationId: 'org-Acme', setting: 'enabled_for_selected_projects', projectIds: ['proj_A', 'proj_B'] });
    expect(JSON.stringify(parsed)).not.toContain('owner@example.com');
  });

  it('reads the selection as the spec types it too: one string of ids', () => {
    expect(parseLoggingEvent(updated('e1', 1, { api_call_logging_project_ids: 'proj_A, proj_B' }), 'e').change).toMatchObject({
      setting: null,
      projectIds: ['proj_A', 'proj_B'],
    });
  });

  it('ignores other changes and other event types', () => {
    expect(parseLoggingEvent(updated('e1', 1, { title: 'Acme' }), 'e').change).toBeNull();
    expect(parseLoggingEvent(rawAuditEvent('e2', 'api_key.created', 1, { payload: { id: 'key_1' } }), 'e').change).toBeNull();
  });
});

describe('readLoggingChanges', () => {
  it('asks for organization.updated events only, from the cursor', async () => {
    const { fetch, requests } = fakeFetch([{ json: auditPage([updated('e2', 2000, { api_call_logging: 'disabled' })]) }]);
    const read = await readLoggingChanges(createAdminGet({ apiKey: KEY, fetch }), { effectiveAfter: 1500, maxPages: 2 });
    expect(requests[0]!.url.pathname).toBe('/v1/organization/audit_logs');
    expect(requests[0]!.url.searchParams.getAll('event_types[]')).toEqual(['organization.updated']);
    expect(requests[0]!.url.searchParams.get('effective_at[gt]')).toBe('1500');
    expect(read).toMatchObject({ newestEffectiveAt: 2000, requests: 1, changes: [{ setting: 'disabled', effectiveAt: 2000 }] });
  });

  it('a first read stops at the first page holding a setting; the cursor follows every event read', async () => {
    const { fetch, requests } = fakeFetch([
      { json: auditPage([updated('e5', 5000, { title: 'x' })], true) },
      { json: auditPage([updated('e4', 4000, { api_call_logging: 'enabled_per_call' }), updated('e3', 3000, { api_call_logging: 'disabled' })], true) },
    ]);
    const read = await readLoggingChanges(createAdminGet({ apiKey: KEY, fetch }), { effectiveAfter: null, maxPages: 5 });
    expect(requests).toHaveLength(2);
    expect(requests[0]!.url.searchParams.has('effective_at[gt]')).toBe(false);
    expect(requests[1]!.url.searchParams.get('after')).toBe('e5');
    expect(read.newestEffectiveAt).toBe(5000);
    expect(read.changes.map((change) => change.setting)).toEqual(['enabled_per_call', 'disabled']);
  });

  it('reads no more than maxPages', async () => {
    const { fetch, requests } = fakeFetch((url) => ({ json: auditPage([updated(`e${url.searchParams.get('after') ?? 0}x`, 10, { title: 'x' })], true) }));
    await readLoggingChanges(createAdminGet({ apiKey: KEY, fetch }), { effectiveAfter: null, maxPages: 3 });
    expect(requests).toHaveLength(3);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createAdminGet } from '../admin-api/admin-request';
import { fakeFetch, type FakeReply } from '../admin-api/testing/fake-fetch';
import { apiError } from '../admin-api/testing/fixtures';
import { AUDIT_READ_GAP_MS } from '../logging-reminder/logging-sources';
import { auditPage, rawAuditEvent } from '../security-watch/testing/audit-fixtures';
import { refreshLoggingSources } from './logging-reminder';
import { loggingSources } from '../storage/logging-reminder';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const NOW_S = NOW / 1000;
const KEY = 'sk-admin-unit-test-key';
const AUDIT_OFF = 'Audit logging is not enabled for this organization. An owner can enable it in Data controls.';

const loggingChange = (id: string, secondsAgo: number, changes: Record<string, unknown>) =>
  rawAuditEvent(id, 'organization.updated', NOW_S - secondsAgo, { email: 'owner@example.com', payload: { id: 'org-Acme', changes_requested: changes } });

interface Api {
  audit?: (url: URL) => FakeReply;
  retention?: (projectId: string | null) => FakeReply;
}

function api({ audit = () => ({ json: auditPage([]) }), retention = () => ({ json: { object: 'organization.data_retention', type: 'modified_abuse_monitoring' } }) }: Api = {}) {
  return fakeFetch((url) => {
    if (url.pathname.endsWith('/audit_logs')) return audit(url);
    const project = /\/projects\/([^/]+)\/data_retention$/.exec(url.pathname);
    if (project) return retention(decodeURIComponent(project[1]!));
    if (url.pathname.endsWith('/organization/data_retention')) return retention(null);
    return { status: 404, json: apiError('Unknown path') };
  });
}

const run = (fetch: ReturnType<typeof fakeFetch>['fetch'], now = NOW, projects: string[] = ['proj_A'], same = true) =>
  refreshLoggingSources({
    get: createAdminGet({ apiKey: KEY, fetch, now: () => now, maxAttempts: 1 }),
    now,
    projectsWithTraffic: projects,
    stillSameKey: async () => same,
  });

const auditReads = (requests: { url: URL }[]) => requests.filter(({ url }) => url.pathname.endsWith('/audit_logs'));

beforeEach(() => {
  fakeBrowser.reset();
});

describe('refreshLoggingSources: the audit log', () => {
  it('keeps the newest logging change (no actor), and reads only what is newer next time, not before three hours', async () => {
    const events = [loggingChange('e2', 600, { api_call_logging: 'disabled' }), loggingChange('e1', 9_000, { api_call_logging: 'enabled_for_all_projects' })];
    const fake = api({ audit: (url) => ({ json: auditPage(events.filter((event) => (event['effective_at'] as number) > Number(url.searchParams.get('effective_at[gt]') ?? 0))) }) });
    await run(fake.fetch);
    const stored = await loggingSources.getValue();
    expect(stored.audit).toMatchObject({
      availability: 'on',
      organizationId: 'org-Acme',
      setting: { setting: 'disabled', at: (NOW_S - 600) * 1000, source: 'audit log' },
      cursor: NOW_S - 600,
    });
    expect(JSON.stringify(stored)).not.toContain('owner@example.com');
    expect(JSON.stringify(stored)).not.toContain('203.0.113.9');

    await run(fake.fetch, NOW + AUDIT_READ_GAP_MS - 1);
    expect(auditReads(fake.requests)).toHaveLength(1);

    events.unshift(loggingChange('e3', -AUDIT_READ_GAP_MS / 1000, { api_call_logging: 'enabled_per_call' }));
    await run(fake.fetch, NOW + AUDIT_READ_GAP_MS + 1000);
    const reads = auditReads(fake.requests);
    expect(reads).toHaveLength(2);
    expect(reads[1]!.url.searchParams.get('effective_at[gt]')).toBe(String(NOW_S - 600));
    expect((await loggingSources.getValue()).audit.setting?.setting).toBe('enabled_per_call');
  });

  it('audit logging off: a quiet state that says so; never a failure', async () => {
    await run(api({ audit: () => ({ status: 403, json: apiError(AUDIT_OFF) }) }).fetch);
    expect((await loggingSources.getValue()).audit).toMatchObject({ availability: 'off', setting: null, problem: null });
  });

  it('a key without the scope (403): quiet, and the retention reads still happen', async () => {
    const fake = api({ audit: () => ({ status: 403, json: apiError('Missing scopes: api.audit_logs.read') }) });
    await run(fake.fetch);
    const stored = await loggingSources.getValue();
    expect(stored.audit.availability).toBe('forbidden');
    expect(stored.retention.organization?.type).toBe('modified_abuse_monitoring');
  });

  it('a server error keeps what was read and notes the problem', async () => {
    await run(api({ audit: () => ({ json: auditPage([loggingChange('e1', 60, { api_call_logging: 'disabled' })]) }) }).fetch);
    await run(api({ audit: () => ({ status: 500, json: apiError('boom') }) }).fetch, NOW + AUDIT_READ_GAP_MS);
    expect((await loggingSources.getValue()).audit).toMatchObject({ availability: 'on', setting: { setting: 'disabled' }, problem: expect.stringContaining('server error') });
  });

  it('writes nothing when the key was replaced meanwhile', async () => {
    await run(api().fetch, NOW, ['proj_A'], false);
    expect((await loggingSources.getValue()).audit.readAt).toBeNull();
  });
});

describe('refreshLoggingSources: data retention', () => {
  it('reads the organization and the projects with traffic once a UTC day', async () => {
    const fake = api({ retention: (projectId) => ({ json: { type: projectId === 'proj_Z' ? 'zero_data_retention' : 'organization_default' } }) });
    await run(fake.fetch, NOW, ['proj_A', 'proj_Z']);
    expect((await loggingSources.getValue()).retention).toEqual({
      organization: { type: 'organization_default', readAt: NOW },
      projects: { proj_A: { type: 'organization_default', readAt: NOW }, proj_Z: { type: 'zero_data_retention', readAt: NOW } },
    });
    const retentionReads = () => fake.requests.filter(({ url }) => url.pathname.endsWith('/data_retention')).length;
    expect(retentionReads()).toBe(3);
    await run(fake.fetch, NOW + 3_600_000, ['proj_A', 'proj_Z']);
    expect(retentionReads()).toBe(3);
    await run(fake.fetch, Date.parse('2026-11-21T00:05:00Z'), ['proj_A', 'proj_Z']);
    expect(retentionReads()).toBe(6);
  });

  it('403 for the organization: quiet, and no project is asked', async () => {
    const fake = api({ retention: () => ({ status: 403, json: apiError('Missing scopes') }) });
    await run(fake.fetch, NOW, ['proj_A', 'proj_B']);
    expect(fake.requests.filter(({ url }) => url.pathname.endsWith('/data_retention'))).toHaveLength(1);
    expect((await loggingSources.getValue()).retention).toEqual({ organization: { type: null, readAt: NOW }, projects: {} });
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fakeFetch, type FakeReply } from '../admin-api/testing/fake-fetch';
import { apiError, SPEC_PROJECT_API_KEY } from '../admin-api/testing/fixtures';
import { DEFAULT_SECURITY_SETTINGS } from '../security-watch/settings';
import { auditPage, rawAuditEvent } from '../security-watch/testing/audit-fixtures';
import type { StoredAdminKey } from '../storage/key-store';
import { runSecurityWatch, acknowledgeSecurityNotices, MAX_UNSEEN_NOTICES } from './security-watch';
import { usageProjects } from '../storage/api-records';
import { securityWatchSettings, securityWatchState, unseenSecurityNotices } from '../storage/security-watch';
import { EMPTY_WATCH_STATE } from '../security-watch/watch-state';

// happy-dom has no IndexedDB; the key store is exercised for real in the E2E tests.
const keyStore = vi.hoisted(() => ({ record: null as StoredAdminKey | null }));
vi.mock('../storage/key-store', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../storage/key-store')>()),
  getAdminKey: async () => keyStore.record,
}));

const KEY = 'sk-admin-unit-test-keyWXYZ';
// Friday 2025-03-14 03:00 UTC: outside the default usual hours.
const NOW = Date.parse('2025-03-14T03:00:00Z');
const NOW_S = NOW / 1000;
const DAY = 86_400;

const ADMIN_KEYS = {
  object: 'list',
  data: [{ object: 'organization.admin_api_key', id: 'key_mine', name: 'Extension', redacted_value: 'sk-admin...WXYZ', created_at: NOW_S - 90 * DAY, expires_at: null, owner: {} }],
  first_id: 'key_mine',
  last_id: 'key_mine',
  has_more: false,
};
const projectKey = (id: string, lastUsed: number | null, access = 'active') => ({ ...SPEC_PROJECT_API_KEY, id, created_at: NOW_S - 200 * DAY, last_used_at: lastUsed, owner_project_access: access });

interface FakeApi {
  audit?: (url: URL) => FakeReply;
  reply?: (url: URL) => FakeReply | undefined;
}

function api({ audit = () => ({ json: auditPage([]) }), reply }: FakeApi = {}) {
  return fakeFetch((url) => {
    const override = reply?.(url);
    if (override) return override;
    if (url.pathname.endsWith('/audit_logs')) return audit(url);
    if (url.pathname.endsWith('/admin_api_keys')) return { json: ADMIN_KEYS };
    if (url.pathname.endsWith('/spend_limit')) return { status: 404, json: apiError('No spend limit set') };
    if (url.pathname.endsWith('/proj_a/api_keys')) {
      return { json: { object: 'list', data: [projectKey('key_old', NOW_S - 120 * DAY), projectKey('key_gone', NOW_S - DAY, 'inactive')], has_more: false } };
    }
    return { status: 404, json: apiError('Unknown path') };
  });
}

const run = (fetch: ReturnType<typeof fakeFetch>['fetch'], notify = vi.fn(async () => {}), force = true) =>
  // The usual hours are judged in UTC here, whatever zone the tests run in.
  runSecurityWatch({ fetch, now: () => Date.now(), notify, timeZone: () => 'UTC' }, { force }).then(() => notify);

/** The worker's wiring of the watch (a fresh module each time: its message listener may be set up once per module). */
async function wireWatch() {
  vi.resetModules();
  const { handleSecurityWatch } = await import('./security-watch');
  handleSecurityWatch({ updateBadge: async () => {}, refresh: async () => {} }, { id: fakeBrowser.runtime.id, baseUrl: 'chrome-extension://x/' });
}

const auditRequests = (requests: { url: URL }[]) => requests.filter(({ url }) => url.pathname.endsWith('/audit_logs'));

beforeEach(async () => {
  fakeBrowser.reset();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  keyStore.record = { key: KEY, savedAt: NOW - 1000, access: { canListProjects: true, canReadCosts: true, canReadUsage: true }, projects: null };
  await securityWatchSettings.setValue({ ...DEFAULT_SECURITY_SETTINGS, enabled: true });
  await usageProjects.setValue({ projects: [{ id: 'proj_a', name: 'Alpha', archived: false }], listed: true });
});

describe('security watch: switched on in options', () => {
  it('runs a refresh after the one already running, which may have passed its watch step while the watch was off', async () => {
    await securityWatchSettings.setValue(DEFAULT_SECURITY_SETTINGS);
    vi.resetModules();
    const { handleSecurityWatch } = await import('./security-watch');
    let finishRunning: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      finishRunning = resolve;
    });
    const refresh = vi.fn((_force: boolean) => (refresh.mock.calls.length === 1 ? running : Promise.resolve()));
    handleSecurityWatch({ updateBadge: async () => {}, refresh }, { id: fakeBrowser.runtime.id, baseUrl: 'chrome-extension://x/' });
    await securityWatchSettings.setValue({ ...DEFAULT_SECURITY_SETTINGS, enabled: true });
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    // The running refresh (joined by the first call) is not the end of it: another follows once it is done.
    finishRunning();
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(2));
    expect(refresh.mock.calls).toEqual([[false], [false]]);
  });
});

describe('security watch step', () => {
  it('does nothing until switched on in options', async () => {
    await securityWatchSettings.setValue(DEFAULT_SECURITY_SETTINGS);
    const { fetch, requests } = api();
    await run(fetch);
    expect(requests).toEqual([]);
  });

  it('reads 30 days first, then only what is new: a refresh with nothing new costs one audit-log request', async () => {
    const events = [
      rawAuditEvent('e2', 'api_key.created', NOW_S - 60, { project: { id: 'proj_a', name: 'Alpha' }, payload: { id: 'key_new' } }),
      rawAuditEvent('e1', 'login.succeeded', NOW_S - 120),
    ];
    let calls = 0;
    const { fetch, requests } = api({ audit: () => ({ json: auditPage(calls++ === 0 ? events : []) }) });
    const notify = await run(fetch);

    const first = auditRequests(requests)[0]!.url;
    expect(first.searchParams.get('effective_at[gt]')).toBe(String(NOW_S - 30 * DAY));
    const state = await securityWatchState.getValue();
    // The routine sign-in is left out of the list but moved the cursor.
    expect(state.audit.events.map((event) => event.id)).toEqual(['e2']);
    expect(state.audit).toMatchObject({ availability: 'on', newestEffectiveAt: NOW_S - 60, coverage: null });
    expect(state.adminKeys).toEqual({ ids: ['key_mine'], ownKeyFound: true, ownExpiresAt: null });
    expect(state.spendLimit).toMatchObject({ known: true, value: null });
    expect(state.projects.map((project) => [project.projectId, project.keys.map((key) => key.id)])).toEqual([['proj_a', ['key_old', 'key_gone']]]);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify.mock.calls[0]).toEqual([[expect.objectContaining({ id: 'security:event:e2', kind: 'api-key-off-hours' })]]);
    expect(await unseenSecurityNotices.getValue()).toHaveLength(1);

    vi.setSystemTime(NOW + 15 * 60_000);
    requests.length = 0;
    const again = await run(fetch);
    expect(auditRequests(requests)).toHaveLength(1);
    expect(auditRequests(requests)[0]!.url.searchParams.get('effective_at[gt]')).toBe(String(NOW_S - 60 - 300));
    // Spend limit and project keys are not due again for hours: admin keys and the log only.
    expect(requests.map(({ url }) => url.pathname.replace('/v1/organization/', ''))).toEqual(['admin_api_keys', 'audit_logs']);
    expect(again).not.toHaveBeenCalled();
  });

  it('a paginated first read follows the pages and stops at its bound, saying so', async () => {
    let page = 0;
    const { fetch, requests } = api({
      audit: () => {
        page++;
        return { json: auditPage([rawAuditEvent(`p${page}`, 'project.created', NOW_S - page * 100)], true) };
      },
    });
    await run(fetch);
    expect(auditRequests(requests)).toHaveLength(5);
    expect(auditRequests(requests)[1]!.url.searchParams.get('after')).toBe('p1');
    const { audit } = await securityWatchState.getValue();
    expect(audit.events).toHaveLength(5);
    expect(audit.coverage).toEqual({ kind: 'truncated', before: NOW_S - 500 });
  });

  it('an empty log is "empty", not "on"', async () => {
    const { fetch } = api();
    await run(fetch);
    expect((await securityWatchState.getValue()).audit.availability).toBe('empty');
  });

  it('a 403 on the audit log is "forbidden"; a refusal saying logging is off is "off"; the rest is still read', async () => {
    const forbidden = api({ audit: () => ({ status: 403, json: apiError('You have insufficient permissions for this operation.') }) });
    await run(forbidden.fetch);
    let state = await securityWatchState.getValue();
    expect(state.audit.availability).toBe('forbidden');
    expect(state.problem).toBeNull();
    expect(state.projects).toHaveLength(1);

    vi.setSystemTime(NOW + 120_000);
    const off = api({ audit: () => ({ status: 403, json: apiError('Audit logging is not enabled for this organization.') }) });
    await run(off.fetch);
    state = await securityWatchState.getValue();
    expect(state.audit).toMatchObject({ availability: 'off', refusal: 'Audit logging is not enabled for this organization.' });
    // Nothing is ever sent but GETs: the extension never switches it on.
    expect(off.requests.every(({ url }) => !url.pathname.includes('data_retention'))).toBe(true);
  });

  it('429 with Retry-After: the last good data stays, the problem is shown and nothing is asked until then', async () => {
    const good = api({ audit: () => ({ json: auditPage([rawAuditEvent('e1', 'project.created', NOW_S - 60)]) }) });
    await run(good.fetch);
    vi.setSystemTime(NOW + 120_000);
    const limited = api({ audit: () => ({ status: 429, json: apiError('Rate limit reached', 'rate_limit_error'), headers: { 'Retry-After': '600' } }) });
    await run(limited.fetch);
    const state = await securityWatchState.getValue();
    expect(state.problem).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 600 });
    expect(state.retryAt).toBe(NOW + 120_000 + 600_000);
    expect(state.audit.events.map((event) => event.id)).toEqual(['e1']);

    limited.requests.length = 0;
    vi.setSystemTime(NOW + 300_000);
    await run(limited.fetch);
    expect(limited.requests).toEqual([]);
  });

  it('a key removed while the step runs leaves nothing of it behind', async () => {
    const { fetch } = api({
      audit: () => {
        keyStore.record = null;
        return { json: auditPage([rawAuditEvent('e1', 'api_key.created', NOW_S - 60)]) };
      },
    });
    const notify = await run(fetch);
    expect(notify).not.toHaveBeenCalled();
    expect((await securityWatchState.getValue()).audit.events).toEqual([]);
  });

  it('a key revoked at OpenAI mid-refresh (401) keeps the last data beside the invalid-key problem', async () => {
    const good = api({ audit: () => ({ json: auditPage([rawAuditEvent('e1', 'project.created', NOW_S - 60)]) }) });
    await run(good.fetch);
    vi.setSystemTime(NOW + 120_000);
    const revoked = api({ audit: () => ({ status: 401, json: apiError('Incorrect API key provided') }) });
    await run(revoked.fetch);
    const state = await securityWatchState.getValue();
    expect(state.problem).toMatchObject({ kind: 'invalid-key' });
    expect(state.audit.events.map((event) => event.id)).toEqual(['e1']);
  });

  it("orders by the API's timestamps when the computer's clock is behind, and never notifies twice", async () => {
    // The API's clock is two hours ahead of this computer's.
    const ahead = NOW_S + 2 * 3600;
    const created = rawAuditEvent('a1', 'api_key.created', ahead, { payload: { id: 'key_mine' } });
    const earlier = rawAuditEvent('a0', 'project.created', ahead - 30);
    const { fetch, requests } = api({ audit: () => ({ json: auditPage([created, earlier]) }) });
    const first = await run(fetch);
    expect((await securityWatchState.getValue()).audit.events.map((event) => event.id)).toEqual(['a1', 'a0']);
    expect(first.mock.calls[0]).toEqual([[expect.objectContaining({ id: 'security:admin-key:key_mine', kind: 'admin-key-created' })]]);

    vi.setSystemTime(NOW + 120_000);
    requests.length = 0;
    const second = await run(fetch);
    // The cursor is the API's newest timestamp, not this computer's "now".
    expect(auditRequests(requests)[0]!.url.searchParams.get('effective_at[gt]')).toBe(String(ahead - 300));
    expect(second).not.toHaveBeenCalled();
  });

  it('a new admin key in the list is announced once, even without audit logging', async () => {
    const { fetch } = api({ audit: () => ({ status: 403, json: apiError('Audit logging is not enabled for this organization.') }) });
    await run(fetch);
    vi.setSystemTime(NOW + 120_000);
    const withNewKey = api({
      audit: () => ({ status: 403, json: apiError('Audit logging is not enabled for this organization.') }),
      reply: (url) =>
        url.pathname.endsWith('/admin_api_keys')
          ? { json: { ...ADMIN_KEYS, data: [...ADMIN_KEYS.data, { ...ADMIN_KEYS.data[0], id: 'key_evil', name: 'backup', redacted_value: 'sk-admin...EVIL', created_at: NOW_S + 100 }] } }
          : undefined,
    });
    const notify = await run(withNewKey.fetch);
    expect(notify.mock.calls[0]).toEqual([[expect.objectContaining({ id: 'security:admin-key:key_evil' })]]);
    vi.setSystemTime(NOW + 240_000);
    expect(await run(withNewKey.fetch)).not.toHaveBeenCalled();
  });

  it('a new admin key starts afresh; removing the key clears everything', async () => {
    const { fetch } = api({ audit: () => ({ json: auditPage([rawAuditEvent('e1', 'project.created', NOW_S - 60)]) }) });
    await run(fetch);
    keyStore.record = { ...keyStore.record!, savedAt: NOW };
    vi.setSystemTime(NOW + 120_000);
    const other = api();
    await run(other.fetch);
    expect(auditRequests(other.requests)[0]!.url.searchParams.get('effective_at[gt]')).toBe(String(NOW_S + 120 - 30 * DAY));
    expect((await securityWatchState.getValue()).audit.events).toEqual([]);

    keyStore.record = null;
    await run(other.fetch);
    expect((await securityWatchState.getValue()).keySavedAt).toBeNull();
  });

  it('an acknowledgement landing while the step writes its notices neither brings back seen ones nor loses new ones', async () => {
    const seen = { id: 'security:event:seen', kind: 'api-key-off-hours' as const, projectId: null, title: 't', message: 'm', page: { kind: 'organization-settings' as const }, at: NOW_S - 3600 };
    await unseenSecurityNotices.setValue([seen]);
    await securityWatchState.setValue({ ...EMPTY_WATCH_STATE, keySavedAt: keyStore.record!.savedAt });
    // The popup acknowledges `seen` right after the step has read the unseen list.
    const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    let armed = true;
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys?: unknown) => {
      const value = await get(keys as string);
      if (armed && [keys].flat().includes('securityUnseen')) {
        armed = false;
        void acknowledgeSecurityNotices([seen.id]);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return value;
    });
    const { fetch } = api({ audit: () => ({ json: auditPage([rawAuditEvent('e2', 'api_key.created', NOW_S - 60, { project: { id: 'proj_a', name: 'Alpha' }, payload: { id: 'key_new' } })]) }) });
    await run(fetch);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await unseenSecurityNotices.getValue()).map((notice) => notice.id)).toEqual(['security:event:e2']);
  });

  it('switched off, it forgets what it read (e-mail addresses, IPs) at once, and on its next step if the worker slept through the switch', async () => {
    const events = [rawAuditEvent('e1', 'api_key.created', NOW_S - 60, { email: 'target@example.com', payload: { id: 'key_new' } })];
    const { fetch } = api({ audit: () => ({ json: auditPage(events) }) });
    await run(fetch);
    expect(JSON.stringify(await securityWatchState.getValue())).toContain('target@example.com');

    // The worker is awake: the settings change clears at once.
    await wireWatch();
    await securityWatchSettings.setValue({ ...DEFAULT_SECURITY_SETTINGS, enabled: false });
    await vi.waitFor(async () => expect(await securityWatchState.getValue()).toEqual(EMPTY_WATCH_STATE));
    expect(await unseenSecurityNotices.getValue()).toEqual([]);

    // The worker slept through the switch: the next step clears.
    await run(fetch);
    await securityWatchState.setValue({ ...EMPTY_WATCH_STATE, keySavedAt: NOW - 1000, lastAttemptAt: NOW });
    await run(fetch);
    expect(await securityWatchState.getValue()).toEqual(EMPTY_WATCH_STATE);
  });

  it('keeps at most MAX_UNSEEN_NOTICES unseen notices, the newest', async () => {
    const old = Array.from({ length: MAX_UNSEEN_NOTICES }, (_, n) => ({
      id: `security:event:old${n}`,
      kind: 'api-key-off-hours' as const,
      projectId: null,
      title: 't',
      message: 'm',
      page: { kind: 'organization-settings' as const },
      at: NOW_S - 7200 + n,
    }));
    await unseenSecurityNotices.setValue(old);
    await securityWatchState.setValue({ ...EMPTY_WATCH_STATE, keySavedAt: keyStore.record!.savedAt });
    const { fetch } = api({ audit: () => ({ json: auditPage([rawAuditEvent('e2', 'api_key.created', NOW_S - 60, { project: { id: 'proj_a', name: 'Alpha' }, payload: { id: 'key_new' } })]) }) });
    await run(fetch);
    const unseen = await unseenSecurityNotices.getValue();
    expect(unseen).toHaveLength(MAX_UNSEEN_NOTICES);
    expect(unseen.at(-1)?.id).toBe('security:event:e2');
    expect(unseen[0]?.id).toBe('security:event:old1');
  });

  it('a failed-login notification, clicked, opens the popup (which lists the accounts), not a dashboard page', async () => {
    const burst = { id: 'security:logins:f0', kind: 'failed-login-burst' as const, projectId: null, title: '5 failed sign-ins', message: 'm', page: { kind: 'members' as const }, at: NOW_S };
    await unseenSecurityNotices.setValue([burst]);
    const created = vi.spyOn(fakeBrowser.tabs, 'create');
    await wireWatch();
    await fakeBrowser.notifications.onClicked.trigger(burst.id);
    await vi.waitFor(async () => expect(await unseenSecurityNotices.getValue()).toEqual([]));
    expect(created.mock.calls.map(([details]) => details.url)).toEqual([fakeBrowser.runtime.getURL('/popup.html')]);
  });

  it('with storage full, a new finding still notifies (before its write), and the refusal is noted', async () => {
    const { storageProblem } = await import('../storage/storage-problems');
    const { fetch } = api({ audit: () => ({ json: auditPage([rawAuditEvent('e2', 'api_key.created', NOW_S - 60, { project: { id: 'proj_a', name: 'Alpha' }, payload: { id: 'key_new' } })]) }) });
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      if ('securityUnseen' in items) throw new Error('Resource::kQuotaBytes quota exceeded');
      return set(items);
    });
    const notify = await run(fetch);
    expect(notify.mock.calls[0]).toEqual([[expect.objectContaining({ id: 'security:event:e2' })]]);
    expect(await storageProblem.getValue()).toEqual({ area: 'local', what: "the security watch's findings" });
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { apiError, bucketPage, costResult, listPage, project } from '../admin-api/testing/fixtures';
import { fakeFetch, type FakeReply } from '../admin-api/testing/fake-fetch';
import { usageGlanceSettings } from '../storage/settings';
import type { UsageCache } from '../usage/cache';
import { BADGE_OVER_THRESHOLD } from './badge';
import type { KeyRetention, StoredAdminKey } from '../storage/key-store';
import { unseenSpikes, usageCache, usageStatus } from '../storage/api-records';
import { EMPTY_LOGGING_SOURCES } from '../logging-reminder/logging-sources';
import { keyOrganization, REFRESH_ALARM, RETRY_ALARM } from './worker';
import { platformTabSender, sendAsPlatformTabs } from './testing/platform-tabs';
import { loggingSources } from '../storage/logging-reminder';
import { DEFAULT_SECURITY_SETTINGS } from '../security-watch/settings';
import { securityWatchSettings } from '../storage/security-watch';

// happy-dom has no IndexedDB; the key store is exercised for real in the E2E tests.
// One organization's key here; several organizations' keys are exercised in key-store.test.ts and the E2E tests.
const keyStore = vi.hoisted(() => ({ record: null as StoredAdminKey | null, retention: 'device' as KeyRetention }));
vi.mock('../storage/key-store', async (importOriginal) => {
  const original = await importOriginal<typeof import('../storage/key-store')>();
  const current = () => keyStore.record && { ...keyStore.record, organization: keyStore.record.organization ?? original.EARLIER_KEY_ORGANIZATION };
  return {
    ...original,
    getAdminKey: async () => current(),
    listStoredAdminKeys: async () => {
      const record = current();
      return record ? [{ record, retention: keyStore.retention, leftOnDisk: false }] : [];
    },
    setAdminKey: async (record: StoredAdminKey, retention: KeyRetention = 'device') => {
      keyStore.record = record;
      keyStore.retention = retention;
    },
    moveAdminKey: async (_organizationId: string, retention: KeyRetention) => {
      if (!keyStore.record) return null;
      keyStore.retention = retention;
      return retention;
    },
    removeAdminKey: async () => void (keyStore.record = null),
  };
});

const NOW = Date.parse('2025-03-15T10:00:00Z');
const TODAY = Date.parse('2025-03-15T00:00:00Z') / 1000;
const KEY = 'sk-admin-unit-test-key';

/** Today: $3.40 in proj_a; the API answers normally unless `reply` overrides. */
function api(reply?: (url: URL) => FakeReply | undefined) {
  return fakeFetch((url) => {
    const override = reply?.(url);
    if (override) return override;
    if (url.pathname.endsWith('/projects')) return { json: listPage([project('proj_a', 'Alpha')]) };
    // The glance's daily lookups: no keys, no limits.
    if (url.pathname.endsWith('/api_keys')) return { json: listPage([]) };
    if (url.pathname.endsWith('/spend_limit')) return { status: 404, json: { error: { message: 'No limit', type: 'invalid_request_error' } } };
    if (url.pathname.endsWith('/costs')) return { json: bucketPage([{ start_time: TODAY, results: [costResult(3.4, 'proj_a', 'gpt-4o')] }]) };
    return { json: bucketPage([]) };
  });
}

const isGlanceLookup = (url: URL) => /\/spend_limit$|\/api_keys$/.test(url.pathname);
/** The logging sources' reads (lib/background/logging-reminder.ts): the audit log every 3 hours, retention daily. */
const isLoggingSource = (url: URL) => /\/audit_logs$|\/data_retention$/.test(url.pathname);
const isFigures = (url: URL) => !isGlanceLookup(url) && !isLoggingSource(url);

async function startWorker(fetch: ReturnType<typeof fakeFetch>['fetch']) {
  vi.stubGlobal('fetch', fetch);
  // The real entrypoint, so its wiring is what is tested (a test file under entrypoints/ would be built as one).
  const { default: background } = await import('../../entrypoints/background');
  background.main();
}

/** Lets the worker's promise chains (storage, fake fetch) run to the end. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const OLD_CACHE = { fetchedAt: NOW - 3_600_000, projects: [], projectsListed: true, summaries: {} } as unknown as UsageCache;

beforeEach(() => {
  fakeBrowser.reset();
  vi.resetModules();
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
  keyStore.record = {
    key: KEY,
    savedAt: NOW,
    access: { canListProjects: true, canReadCosts: true, canReadUsage: true },
    projects: null,
  };
});

describe('background worker: usage refresh', () => {
  it('refreshes on install, schedules the periodic alarm and sets the badge', async () => {
    const { fetch, requests } = api();
    await startWorker(fetch);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle();

    // Costs, daily usage and projects for the figures, plus hourly usage for the spike check;
    // and, once a UTC day, the organization's limit and the active project's key list and limit.
    expect(requests.filter(({ url }) => isFigures(url))).toHaveLength(4);
    expect(requests.filter(({ url }) => isGlanceLookup(url))).toHaveLength(3);
    // And the logging sources: the audit log, the organization's and the active project's retention.
    expect(requests.filter(({ url }) => isLoggingSource(url)).map(({ url }) => url.pathname)).toEqual([
      '/v1/organization/audit_logs',
      '/v1/organization/data_retention',
      '/v1/organization/projects/proj_a/data_retention',
    ]);
    expect(requests.filter(({ url }) => url.searchParams.get('bucket_width') === '1h')).toHaveLength(1);
    expect((await usageCache.getValue())?.summaries.organization?.today.costMicros).toBe(3_400_000);
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 15 });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('$3');
  });

  it('refreshes when the alarm fires, with the same four requests each time', async () => {
    const { fetch, requests } = api();
    await startWorker(fetch);
    vi.setSystemTime(NOW + 15 * 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await settle();
    expect(requests.filter(({ url }) => isFigures(url))).toHaveLength(4);
    expect((await usageCache.getValue())?.fetchedAt).toBe(NOW + 15 * 60_000);

    vi.setSystemTime(NOW + 30 * 60_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await settle();
    expect(requests.filter(({ url }) => isFigures(url))).toHaveLength(8);
    // Key lists and limits were looked up once for the day, not again; the logging sources neither.
    expect(requests.filter(({ url }) => isGlanceLookup(url))).toHaveLength(3);
    expect(requests.filter(({ url }) => isLoggingSource(url))).toHaveLength(3);
  });

  it('follows the configured interval, never under a minute', async () => {
    await startWorker(api().fetch);
    await usageGlanceSettings.setValue({ refreshMinutes: 0, badgeScope: 'organization', dailyThresholdMicros: null });
    await settle();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 1 });
    await usageGlanceSettings.setValue({ refreshMinutes: 60, badgeScope: 'organization', dailyThresholdMicros: null });
    await settle();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 60 });
  });

  it('a stored usage glance setting of another shape reads as the default: the alarm keeps a real period', async () => {
    await fakeBrowser.storage.sync.set({ usageGlance: {} });
    await startWorker(api().fetch);
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 15 });
    await fakeBrowser.storage.sync.set({ usageGlance: { refreshMinutes: 'soon', badgeScope: 7, dailyThresholdMicros: 'x' } });
    await settle();
    expect(await fakeBrowser.alarms.get(REFRESH_ALARM)).toMatchObject({ periodInMinutes: 15 });
  });

  it('a refresh still running when the key is removed does not bring its figures back', async () => {
    let answer: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (answer = resolve));
    const { fetch } = api();
    await startWorker(async (url, init) => {
      await gate;
      return fetch(url, init);
    });
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: NOW });
    keyStore.record = null;
    answer();
    await settle();
    expect(await usageCache.getValue()).toBeNull();
  });

  it('what the key read about logging is forgotten with the key: it belongs to the key’s organization', async () => {
    const { fetch } = api((url) =>
      url.pathname.endsWith('/organization/data_retention') ? { json: { object: 'organization.data_retention', type: 'zero_data_retention' } } : undefined,
    );
    await startWorker(fetch);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await settle();
    expect((await loggingSources.getValue()).retention.organization?.type).toBe('zero_data_retention');
    await fakeBrowser.runtime.onMessage.trigger(
      { id: 1, type: 'removeAdminKey', data: 'local-earlier-key', timestamp: Date.now() },
      { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/options.html` },
    );
    await settle();
    expect(await loggingSources.getValue()).toEqual(EMPTY_LOGGING_SOURCES);
  });

  it('a worker stopped mid-refresh leaves the old cache whole; the new one lands in a single write', async () => {
    await usageCache.setValue(OLD_CACHE);
    const { fetch } = api((url) => (url.pathname.endsWith('/costs') ? { hang: true } : undefined));
    await startWorker(fetch);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: NOW });
    await settle();
    // The costs request never answers: this is where the browser would stop the worker.
    expect(await usageCache.getValue()).toEqual(OLD_CACHE);
    expect(set).not.toHaveBeenCalled();

    vi.resetModules();
    fakeBrowser.runtime.onStartup.removeAllListeners();
    fakeBrowser.alarms.onAlarm.removeAllListeners();
    await startWorker(api().fetch);
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    const cacheWrites = set.mock.calls.filter(([items]) => 'usageCache' in items);
    expect(cacheWrites).toHaveLength(1);
    expect(Object.keys(cacheWrites[0]![0]).sort()).toEqual(['spikeIncidents', 'unseenSpikes', 'usageCache', 'usageStatus']);
    expect((await usageCache.getValue())?.fetchedAt).toBe(NOW);
  });

  it('keeps the cached numbers beside the error of a failed refresh', async () => {
    await usageCache.setValue(OLD_CACHE);
    await startWorker(api(() => ({ status: 401, json: apiError('Incorrect API key provided') })).fetch);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: NOW });
    await settle();
    expect(await usageCache.getValue()).toEqual(OLD_CACHE);
    expect(await usageStatus.getValue()).toMatchObject({ lastAttemptAt: NOW, problem: { kind: 'invalid-key' }, retryAt: null });
  });

  it('honours Retry-After: schedules the next try then and sends nothing before it', async () => {
    const { fetch, requests } = api(() => ({ status: 429, headers: { 'Retry-After': '600' }, json: apiError('Slow down') }));
    await startWorker(fetch);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: NOW });
    await settle();
    const sent = requests.length;
    expect(await usageStatus.getValue()).toMatchObject({ problem: { kind: 'rate-limited', retryAfterSeconds: 600 }, retryAt: NOW + 600_000 });
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toMatchObject({ scheduledTime: NOW + 600_000 });

    vi.setSystemTime(NOW + 300_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() });
    await settle();
    expect(requests).toHaveLength(sent);

    vi.setSystemTime(NOW + 600_000);
    await fakeBrowser.alarms.onAlarm.trigger({ name: RETRY_ALARM, scheduledTime: Date.now() });
    await settle();
    expect(requests.length).toBeGreaterThan(sent);
  });

  it('without a key, records the no-key state and blanks the badge', async () => {
    keyStore.record = null;
    const { fetch, requests } = api();
    await startWorker(fetch);
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    expect(requests).toHaveLength(0);
    expect((await usageStatus.getValue()).problem).toEqual({ kind: 'no-key' });
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
  });

  it('turns the badge red over the daily threshold of its scope', async () => {
    await usageGlanceSettings.setValue({ refreshMinutes: 15, badgeScope: 'proj_a', dailyThresholdMicros: 3_000_000 });
    await startWorker(api().fetch);
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('$3');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual([0xc5, 0x22, 0x1f, 255]);
    expect(BADGE_OVER_THRESHOLD).toBe('#c5221f');
  });
});

describe("background worker: a computer clock that is wrong, then put right", () => {
  const HOUR = 3_600_000;
  const figureRounds = (requests: { url: URL }[]) => requests.filter(({ url }) => url.pathname.endsWith('/costs')).length;
  const alarm = async (name = REFRESH_ALARM) => {
    await fakeBrowser.alarms.onAlarm.trigger({ name, scheduledTime: Date.now() });
    await settle();
  };
  /** The security watch is on: its reads are "since when" checks too. */
  const withSecurityWatch = () => securityWatchSettings.setValue({ ...DEFAULT_SECURITY_SETTINGS, enabled: true });
  const auditReads = (requests: { url: URL }[]) => requests.filter(({ url }) => url.pathname.endsWith('/audit_logs')).length;

  it('6 hours fast, then corrected: the next alarm refreshes once (figures, logging sources, security watch), the one after waits', async () => {
    await withSecurityWatch();
    const { fetch, requests } = api();
    await startWorker(fetch);
    vi.setSystemTime(NOW + 6 * HOUR);
    await alarm();
    expect(figureRounds(requests)).toBe(1);
    const auditBefore = auditReads(requests);

    vi.setSystemTime(NOW);
    await alarm();
    expect(figureRounds(requests)).toBe(2);
    expect((await usageCache.getValue())?.fetchedAt).toBe(NOW);
    // The audit log (every 3 hours) and the security watch read again rather than wait 6 hours.
    expect(auditReads(requests)).toBeGreaterThan(auditBefore);

    vi.setSystemTime(NOW + 30_000);
    await alarm();
    expect(figureRounds(requests)).toBe(2);
  });

  it('an alarm left 6 hours ahead by the fast clock is set again within one period', async () => {
    const { fetch } = api();
    await startWorker(fetch);
    vi.setSystemTime(NOW + 6 * HOUR);
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.scheduledTime).toBe(NOW + 6 * HOUR + 15 * 60_000);

    vi.setSystemTime(NOW);
    await fakeBrowser.runtime.onMessage.trigger(
      { id: 1, type: 'refreshUsage', data: { force: false }, timestamp: Date.now() },
      { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` },
    );
    await settle();
    expect((await fakeBrowser.alarms.get(REFRESH_ALARM))?.scheduledTime).toBe(NOW + 15 * 60_000);
  });

  it('a year fast with a 429: once corrected, neither the alarm nor Refresh waits out the year', async () => {
    let limited = true;
    const { fetch, requests } = api(() => (limited ? { status: 429, headers: { 'Retry-After': '30' }, json: apiError('Slow down') } : undefined));
    await startWorker(fetch);
    const YEAR = 365 * 24 * HOUR;
    vi.setSystemTime(NOW + YEAR);
    await alarm();
    expect(await usageStatus.getValue()).toMatchObject({ problem: { kind: 'rate-limited' }, retryAt: NOW + YEAR + 30_000 });

    limited = false;
    vi.setSystemTime(NOW);
    const before = figureRounds(requests);
    await fakeBrowser.runtime.onMessage.trigger(
      { id: 1, type: 'refreshUsage', data: { force: true }, timestamp: Date.now() },
      { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` },
    );
    await settle();
    expect(figureRounds(requests)).toBe(before + 1);
    expect(await usageStatus.getValue()).toMatchObject({ problem: null, retryAt: null, lastAttemptAt: NOW });
  });

  it('a year fast with a 429: the alarm alone also refreshes once corrected', async () => {
    let limited = true;
    const { fetch, requests } = api(() => (limited ? { status: 429, headers: { 'Retry-After': '30' }, json: apiError('Slow down') } : undefined));
    await startWorker(fetch);
    vi.setSystemTime(NOW + 365 * 24 * HOUR);
    await alarm();
    limited = false;
    vi.setSystemTime(NOW);
    const before = figureRounds(requests);
    await alarm();
    expect(figureRounds(requests)).toBe(before + 1);
  });

  it('3 hours slow, then corrected: the next alarm refreshes once, none is lost', async () => {
    const { fetch, requests } = api();
    await startWorker(fetch);
    vi.setSystemTime(NOW - 3 * HOUR);
    await alarm();
    expect(figureRounds(requests)).toBe(1);
    vi.setSystemTime(NOW);
    await alarm();
    expect(figureRounds(requests)).toBe(2);
    expect((await usageCache.getValue())?.fetchedAt).toBe(NOW);
    await alarm();
    expect(figureRounds(requests)).toBe(2);
  });

  it('with the alarms silent (Chromium holds them after the clock is put back), a dashboard tab brings the overdue refresh, once', async () => {
    const { fetch, requests } = api();
    await startWorker(fetch);
    vi.setSystemTime(NOW + 6 * HOUR);
    await alarm();
    vi.setSystemTime(NOW);
    const page = { id: 1, type: 'hasAdminKey', data: undefined, timestamp: Date.now() };
    await fakeBrowser.runtime.onMessage.trigger(page, platformTabSender(7) as never);
    await settle();
    expect(figureRounds(requests)).toBe(2);
    await fakeBrowser.runtime.onMessage.trigger({ ...page, id: 2 }, platformTabSender(7) as never);
    await settle();
    expect(figureRounds(requests)).toBe(2);
  });

  it('asleep for a night: on waking, the missed periodic alarm and a retry alarm firing together bring one refresh', async () => {
    const { fetch, requests } = api();
    await startWorker(fetch);
    await alarm();
    expect(figureRounds(requests)).toBe(1);
    vi.setSystemTime(NOW + 10 * HOUR);
    await Promise.all([
      fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: NOW + 15 * 60_000 }),
      fakeBrowser.alarms.onAlarm.trigger({ name: RETRY_ALARM, scheduledTime: NOW + 60_000 }),
      fakeBrowser.alarms.onAlarm.trigger({ name: REFRESH_ALARM, scheduledTime: Date.now() }),
    ]);
    await settle();
    expect(figureRounds(requests)).toBe(2);
    expect((await usageCache.getValue())?.fetchedAt).toBe(NOW + 10 * HOUR);
  });
});

describe('background worker: spike notifications', () => {
  it('a click on a spike notification opens the Usage page and counts as seen', async () => {
    await startWorker(api().fetch);
    const spike = { id: 'spike:proj_a:spend:1742000000', projectId: 'proj_a', title: 'Alpha: unusual spend', message: '' };
    await unseenSpikes.setValue([spike, { ...spike, id: 'spike:proj_b:spend:1742000000' }]);
    await fakeBrowser.notifications.onClicked.trigger(spike.id);
    await settle();
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).toContain('https://platform.openai.com/usage');
    expect((await unseenSpikes.getValue()).map((item) => item.id)).toEqual(['spike:proj_b:spend:1742000000']);
  });

  it('ignores clicks on notifications that are not its spike alerts', async () => {
    await startWorker(api().fetch);
    await fakeBrowser.notifications.onClicked.trigger('something-else');
    await settle();
    expect((await fakeBrowser.tabs.query({})).map((tab) => tab.url)).not.toContain('https://platform.openai.com/usage');
  });
});

describe('background worker: who may ask what', () => {
  const EXTENSION = `chrome-extension://${fakeBrowser.runtime.id}/`;
  const send = async (type: string, data: unknown, sender: object) => {
    const replies = await fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender);
    return replies.find((reply) => reply !== undefined) as { res?: unknown; err?: { message: string } };
  };

  beforeEach(async () => {
    await startWorker(api().fetch);
    await fakeBrowser.runtime.onStartup.trigger();
    await settle();
  });

  it('answers extension pages', async () => {
    const reply = await send('getUsageSummary', 'organization', { id: fakeBrowser.runtime.id, url: `${EXTENSION}popup.html` });
    expect(reply.res).toMatchObject({ summary: { today: { costMicros: 3_400_000 } }, fetchedAt: NOW });
  });

  it("gives the platform content script the organization's summary and nothing else", async () => {
    const content = { id: fakeBrowser.runtime.id, url: 'https://platform.openai.com/usage', tab: { id: 3 } };
    expect((await send('getUsageSummary', 'organization', content)).res).toMatchObject({ summary: { scope: 'organization' } });
    // A project's figures are for extension pages only (README, "Usage glance: where the admin key is kept").
    expect((await send('getUsageSummary', 'proj_a', content)).err?.message).toBe(
      'Refused "getUsageSummary": dashboard pages get the organization\'s figures only',
    );
    expect((await send('getUsageSummary', 'proj_a', { id: fakeBrowser.runtime.id, url: `${EXTENSION}popup.html` })).res).toMatchObject({
      summary: { scope: 'proj_a' },
    });
    for (const [type, data] of [
      ['saveAdminKey', { key: 'sk-admin-other', organization: null }],
      ['removeAdminKey', 'local-earlier-key'],
      ['refreshUsage', { force: true }],
    ] as const) {
      expect((await send(type, data, content)).err?.message).toBe(`Refused "${type}" from platform-content-script`);
    }
    expect(keyStore.record?.key).toBe(KEY);
  });

  it('refuses malformed payloads, even from its own pages', async () => {
    const page = { id: fakeBrowser.runtime.id, url: `${EXTENSION}options.html` };
    for (const [type, data] of [
      ['saveAdminKey', { key: 'sk-admin-x' }],
      ['refreshUsage', 'now'],
      ['getUsageSummary', '../../etc'],
      ['acknowledgeSpikes', 'spike:all'],
    ] as const) {
      expect((await send(type, data, page)).err?.message).toBe(`Refused "${type}": malformed payload`);
    }
  });

  it('acknowledges only the spikes the popup showed', async () => {
    const page = { id: fakeBrowser.runtime.id, url: `${EXTENSION}popup.html` };
    const spike = (id: string) => ({ id, projectId: 'proj_a', title: id, message: '' });
    await unseenSpikes.setValue([spike('spike:shown'), spike('spike:new')]);
    await send('acknowledgeSpikes', ['spike:shown'], page);
    expect((await unseenSpikes.getValue()).map((item) => item.id)).toEqual(['spike:new']);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('!');
  });

  it('refuses other pages and other extensions', async () => {
    for (const sender of [
      { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab: { id: 4 } },
      { id: fakeBrowser.runtime.id, url: 'https://platform.openai.com.evil.example/', tab: { id: 4 } },
      { id: fakeBrowser.runtime.id, url: 'https://platform.openai.com/usage' },
      { id: 'another-extension', url: `${EXTENSION}popup.html` },
    ]) {
      expect((await send('getUsageSummary', 'organization', sender)).err?.message).toBe(
        'Refused "getUsageSummary" from an unknown sender',
      );
    }
  });

  it('gives a dashboard tab the records it may not read from storage, and keeps the outline it captured', async () => {
    const { loggingObservations } = await import('../storage/records');
    const { pageOutlineItem } = await import('../storage/page-outline');
    await loggingObservations.setValue({ 'org-1': { pages: { proj_a: { status: 'disabled', at: 1 } } } });
    const content = { id: fakeBrowser.runtime.id, url: 'https://platform.openai.com/logs', tab: { id: 5 }, frameId: 0 };
    const records = (await send('getPageRecords', undefined, content)).res as { loggingObservations: Record<string, unknown> };
    expect(records.loggingObservations).toEqual({ 'org-1': { pages: { proj_a: { status: 'disabled', at: 1 } } } });

    const outline = { featureId: 'project-emphasis', path: '/usage', at: 2, outline: 'Page outline: "project-emphasis" did not recognize /usage' };
    expect((await send('storePageOutline', outline, content)).err).toBeUndefined();
    expect(await pageOutlineItem('project-emphasis').getValue()).toEqual(outline);
    // Only our features' ids: each id would be a storage key of its own.
    for (const featureId of ['../featureHealth', 'made-up-feature', 'a', 'x'.repeat(40)]) {
      expect((await send('storePageOutline', { ...outline, featureId }, content)).err?.message).toBe(
        'Refused "storePageOutline": malformed payload',
      );
    }
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith('pageOutline.') && !key.endsWith('$'))).toEqual([
      'pageOutline.project-emphasis',
    ]);
    expect((await send('storePageOutline', { ...outline, outline: 'x'.repeat(60_000) }, content)).err?.message).toBe(
      'Refused "storePageOutline": payload too large',
    );
    const popup = { id: fakeBrowser.runtime.id, url: `${EXTENSION}popup.html` };
    expect((await send('getPageRecords', undefined, popup)).err?.message).toBe('Refused "getPageRecords" from extension-page');
  });
});

describe('background worker: the one writer of shared records', () => {
  const EXTENSION = `chrome-extension://${fakeBrowser.runtime.id}/`;
  const send = async (type: string, data: unknown, sender: object) => {
    const replies = await fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender);
    return replies.find((reply) => reply !== undefined) as { res?: unknown; err?: { message: string } };
  };
  const records = () => import('../storage/records');

  beforeEach(async () => {
    await startWorker(api().fetch);
    // Five platform tabs take turns sending.
    sendAsPlatformTabs(5);
  });

  it('a burst of 50 logging observations from several tabs keeps all 50', async () => {
    const { recordPageObservation } = await import('../messaging/logging-reports');
    await Promise.all(
      Array.from({ length: 50 }, (_, n) => recordPageObservation('org-1', `proj_${n}`, { status: n % 2 ? 'enabled' : 'disabled', at: NOW })),
    );
    const pages = (await (await records()).loggingObservations.getValue())['org-1']?.pages ?? {};
    expect(Object.keys(pages)).toHaveLength(50);
    expect(pages.proj_7).toEqual({ status: 'enabled', at: NOW });
  });

  it('keeps every report of a burst mixing settings, health, projects and silences', async () => {
    const { recordSettingObservation, silenceReminder } = await import('../messaging/logging-reports');
    const { rememberProject, reportFeatureHealth } = await import('../messaging/page-reports');
    await Promise.all([
      ...Array.from({ length: 20 }, (_, n) =>
        rememberProject({ key: `proj_${n}`, id: `proj_${n}`, name: `Project ${n}`, organization: 'Acme' }),
      ),
      // Health is kept for our own features only (payload-checks.ts): every one of them reports, three times.
      ...Array.from({ length: 9 }, (_, n) =>
        reportFeatureHealth({ [['project-emphasis', 'usage-zip-export', 'logging-reminder'][n % 3]!]: { state: 'active', path: '/usage', at: NOW - n } }),
      ),
      ...Array.from({ length: 10 }, (_, n) => silenceReminder(`proj_${n}`, n % 2 ? 'dismiss' : 'snooze')),
      recordSettingObservation('org-2', { setting: 'enabled_per_call', projectIds: [], at: NOW }),
    ]);
    const { featureHealth, knownProjects, loggingObservations } = await records();
    const { loggingReminderSilence } = await import('../storage/settings');
    expect(Object.keys(await knownProjects.getValue())).toHaveLength(20);
    expect(Object.keys(await featureHealth.getValue()).sort()).toEqual(['logging-reminder', 'project-emphasis', 'usage-zip-export']);
    expect(Object.keys(await loggingReminderSilence.getValue())).toHaveLength(10);
    expect((await loggingObservations.getValue())['org-2']?.setting?.setting).toBe('enabled_per_call');
  });

  it('files a report no later than its own clock', async () => {
    const { recordPageObservation } = await import('../messaging/logging-reports');
    await recordPageObservation('org-1', 'proj_a', { status: 'disabled', at: NOW + 365 * 86_400_000 });
    expect((await (await records()).loggingObservations.getValue())['org-1']?.pages.proj_a?.at).toBe(NOW);
  });

  it('refuses oversized and malformed reports, and writes nothing for them', async () => {
    const tab = platformTabSender(3, '/logs');
    const page = { organization: 'org-1', project: 'proj_a', status: 'disabled', at: NOW };
    for (const [type, data, why] of [
      ['recordLoggingSetting', { organization: 'org-1', setting: 'enabled_for_selected_projects', projectIds: [`proj_${'a'.repeat(2_000_000)}`], at: NOW }, 'payload too large'],
      ['reportFeatureHealth', { 'project-emphasis': { state: 'error', path: '/usage', at: NOW, error: 'x'.repeat(2_000_000) } }, 'payload too large'],
      ['rememberProject', { key: 'proj_a', id: 'proj_a', name: 'n'.repeat(5_000), organization: 'Acme' }, 'payload too large'],
      ['recordLoggingPage', { ...page, status: 'on' }, 'malformed payload'],
      ['recordLoggingPage', { ...page, extra: 'x' }, 'malformed payload'],
      ['recordLoggingPage', { ...page, at: 'now' }, 'malformed payload'],
      ['recordLoggingSetting', { organization: 'org-1', setting: 'disabled', projectIds: ['not-a-project'], at: NOW }, 'malformed payload'],
      ['reportFeatureHealth', { 'Project Emphasis!': { state: 'active', path: '/usage', at: NOW } }, 'malformed payload'],
      ['reportFeatureHealth', { 'made-up-feature': { state: 'active', path: '/usage', at: NOW } }, 'malformed payload'],
      ['reportFeatureHealth', { 'project-emphasis': { state: 'great', path: '/usage', at: NOW } }, 'malformed payload'],
      ['rememberProject', { key: 'proj_a', id: 'proj_a', name: '', organization: 'Acme' }, 'malformed payload'],
      ['silenceReminder', { project: 'proj_a', how: 'forever' }, 'malformed payload'],
    ] as const) {
      expect((await send(type, data, tab)).err?.message).toBe(`Refused "${type}": ${why}`);
    }
    const { featureHealth, knownProjects, loggingObservations } = await records();
    expect(await loggingObservations.getValue()).toEqual({});
    expect(await featureHealth.getValue()).toEqual({});
    expect(await knownProjects.getValue()).toEqual({});
  });

  it('bounds every message, including the ones that were there before', async () => {
    const popup = { id: fakeBrowser.runtime.id, url: `${EXTENSION}popup.html` };
    expect((await send('acknowledgeSpikes', Array.from({ length: 20_000 }, (_, n) => `spike:${n}`), popup)).err?.message).toBe(
      'Refused "acknowledgeSpikes": payload too large',
    );
    expect((await send('refreshUsage', { force: true, padding: 'x'.repeat(1_000) }, popup)).err?.message).toBe(
      'Refused "refreshUsage": payload too large',
    );
  });

  it('takes observations from platform content scripts only; silences from the popup too', async () => {
    const popup = { id: fakeBrowser.runtime.id, url: `${EXTENSION}popup.html` };
    const report = { organization: 'org-1', project: 'proj_a', status: 'disabled', at: NOW };
    expect((await send('recordLoggingPage', report, popup)).err?.message).toBe('Refused "recordLoggingPage" from extension-page');
    expect((await send('recordLoggingPage', report, { id: 'another-extension', url: 'https://platform.openai.com/logs', tab: { id: 2 } })).err?.message).toBe(
      'Refused "recordLoggingPage" from an unknown sender',
    );
    expect((await send('silenceReminder', { project: 'proj_a', how: 'dismiss' }, popup)).err).toBeUndefined();
    const { loggingReminderSilence } = await import('../storage/settings');
    expect(await loggingReminderSilence.getValue()).toEqual({ proj_a: { dismissed: true } });
  });
});

describe('background worker: the key at rest', () => {
  const popup = { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/options.html` };
  const send = async (type: string, data: unknown, sender: object) => {
    const replies = await fakeBrowser.runtime.onMessage.trigger({ id: 1, type, data, timestamp: Date.now() }, sender);
    return replies.find((reply) => reply !== undefined) as { res?: unknown; err?: { message: string } };
  };
  const OTHER = 'sk-admin-another-key-for-the-test-Q7vM';
  /** The API lists the organization's admin keys, ours among them. */
  const withAdminKeys = (items: object[]) =>
    api((url) => (url.pathname.endsWith('/admin_api_keys') ? { json: listPage(items as { id: string }[]) } : undefined));

  beforeEach(() => {
    keyStore.record = null;
  });

  it('keeps a new key where the user chose, and records when OpenAI says it expires', async () => {
    await startWorker(
      withAdminKeys([
        { object: 'organization.admin_api_key', id: 'key_1', redacted_value: 'sk-admin...abcd', created_at: 1, expires_at: null },
        { object: 'organization.admin_api_key', id: 'key_2', redacted_value: 'sk-admin...Q7vM', created_at: 1, expires_at: 1_800_000_000 },
      ]).fetch,
    );
    const { adminKeyRetention } = await import('../storage/settings');
    await adminKeyRetention.setValue({ next: 'session', organizations: {} });
    const reply = await send('saveAdminKey', { key: OTHER, organization: { from: 'tab', id: 'org-acme', name: 'Acme' } }, popup);
    expect(reply.res).toMatchObject({ ok: true, stored: { expiresAt: 1_800_000_000_000 } });
    expect(keyStore.retention).toBe('session');
    expect(keyStore.record).toMatchObject({ key: OTHER, expiresAt: 1_800_000_000_000, organization: { id: 'org-acme', name: 'Acme', namedFrom: 'tab' } });
    expect(await adminKeyRetention.getValue()).toEqual({ next: 'session', organizations: { 'org-acme': 'session' } });
    expect((await send('getKeyExpiry', undefined, popup)).res).toBe(1_800_000_000_000);
  });

  it('saves the key all the same when OpenAI does not say when it expires, and says nothing then', async () => {
    await startWorker(api((url) => (url.pathname.endsWith('/admin_api_keys') ? { status: 403, json: apiError('Insufficient permissions') } : undefined)).fetch);
    expect((await send('saveAdminKey', { key: OTHER, organization: null }, popup)).res).toMatchObject({ ok: true, stored: { organization: { name: 'My organization' } } });
    expect(keyStore.record?.key).toBe(OTHER);
    expect(keyStore.record).not.toHaveProperty('expiresAt');
    expect((await send('getKeyExpiry', undefined, popup)).res).toBeNull();
  });

  it('moves the stored key when the choice changes; only its own pages may ask', async () => {
    await startWorker(api().fetch);
    const earlier = 'local-earlier-key';
    expect((await send('setKeyRetention', { organizationId: earlier, retention: 'session' }, popup)).res).toBeNull();
    keyStore.record = { key: KEY, savedAt: NOW, access: { canListProjects: true, canReadCosts: true, canReadUsage: true }, projects: null };
    expect((await send('setKeyRetention', { organizationId: earlier, retention: 'session' }, popup)).res).toBe('session');
    expect(keyStore.retention).toBe('session');
    const { adminKeyRetention } = await import('../storage/settings');
    expect(await adminKeyRetention.getValue()).toEqual({ next: 'session', organizations: { [earlier]: 'session' } });
    // The next key's choice alone: no key moves.
    expect((await send('setKeyRetention', { organizationId: null, retention: 'device' }, popup)).res).toBeNull();
    expect(await adminKeyRetention.getValue()).toEqual({ next: 'device', organizations: { [earlier]: 'session' } });
    expect(keyStore.retention).toBe('session');

    const content = platformTabSender(2);
    expect((await send('setKeyRetention', { organizationId: earlier, retention: 'device' }, content)).err?.message).toBe(
      'Refused "setKeyRetention" from platform-content-script',
    );
    expect((await send('getKeyExpiry', undefined, content)).err?.message).toBe('Refused "getKeyExpiry" from platform-content-script');
    expect((await send('setKeyRetention', { organizationId: earlier, retention: 'cloud' }, popup)).err?.message).toBe(
      'Refused "setKeyRetention": malformed payload',
    );
    expect(keyStore.retention).toBe('session');
  });
  it('tells a Usage page whether a key is set (never the key) and opens the accounting export it offers', async () => {
    await startWorker(api().fetch);
    const content = platformTabSender(2);
    expect((await send('hasAdminKey', undefined, content)).res).toBe(false);
    keyStore.record = { key: KEY, savedAt: NOW, access: { canListProjects: true, canReadCosts: true, canReadUsage: true }, projects: null };
    expect((await send('hasAdminKey', undefined, content)).res).toBe(true);
    expect(JSON.stringify(await send('hasAdminKey', undefined, content))).not.toContain(KEY);

    expect((await send('openAccountingExport', { year: 2025, organizationName: 'Acme Corp' }, content)).err).toBeUndefined();
    const urls = (await fakeBrowser.tabs.query({})).map((tab) => tab.url ?? '');
    expect(urls.find((url) => url.includes('/export.html'))).toMatch(/\/export\.html\?year=2025&scope=organization&org=Acme\+Corp$/);
    // The page's organization id goes along, so the export reads that organization's own key.
    expect((await send('openAccountingExport', { year: 2025, organizationName: 'Globex', organizationId: 'org-globex' }, content)).err).toBeUndefined();
    const again = (await fakeBrowser.tabs.query({})).map((tab) => tab.url ?? '');
    expect(again.filter((url) => /\/export\.html\?.*[?&]orgId=org-globex(&|$)/.test(url))).toHaveLength(1);
    expect((await send('openAccountingExport', { year: 2025, organizationName: null, scope: 'proj_x' }, content)).err?.message).toBe(
      'Refused "openAccountingExport": malformed payload',
    );
    const stranger = { id: fakeBrowser.runtime.id, url: 'https://evil.example/', tab: { id: 3 } };
    expect((await send('hasAdminKey', undefined, stranger)).err?.message).toBe('Refused "hasAdminKey" from an unknown sender');
  });
});

describe('keyOrganization: which organization a key is saved for', () => {
  const entry = (key: string, organization: { id: string; name: string; namedFrom: 'tab' | 'user' | 'earlier-version' }) => ({ record: { key, organization } });
  const ACME = { id: 'org-acme', name: 'Acme', namedFrom: 'tab' as const };

  it('the platform tab names it; a name the user typed names it otherwise; a first key with neither is "My organization"', () => {
    expect(keyOrganization({ from: 'tab', id: 'org-acme', name: 'Acme' }, [], 'sk-admin-a', NOW)).toEqual(ACME);
    expect(keyOrganization({ from: 'user', name: ' Globex ' }, [], 'sk-admin-a', NOW)).toEqual({ id: `local-${NOW.toString(36)}`, name: 'Globex', namedFrom: 'user' });
    expect(keyOrganization(null, [], 'sk-admin-a', NOW)).toMatchObject({ name: 'My organization', namedFrom: 'user' });
  });

  it('a key already saved stays with its organization; a typed name already used is that organization; else a second unnamed key is refused', () => {
    const keys = [entry('sk-admin-a', ACME), entry('sk-admin-b', { id: 'local-1', name: 'Globex', namedFrom: 'user' })];
    expect(keyOrganization({ from: 'user', name: 'Other' }, keys, 'sk-admin-a', NOW)).toEqual(ACME);
    expect(keyOrganization({ from: 'user', name: 'Globex' }, keys, 'sk-admin-c', NOW)).toEqual({ id: 'local-1', name: 'Globex', namedFrom: 'user' });
    expect(keyOrganization(null, keys, 'sk-admin-c', NOW)).toBeNull();
  });
});

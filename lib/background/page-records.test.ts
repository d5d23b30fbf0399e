import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageRecords } from '../messaging/messages';
import type { OrganizationLogging } from '../logging-reminder/logging-state';
import { CHANGE_SETTLE_MS, createPageRecordsHub, MAX_SUBSCRIBED_TABS, servePageRecords, type TabList } from './page-records';
import { knownProjects, loggingObservations } from '../storage/records';
import { loggingReminderSilence } from '../storage/settings';
import { EMPTY_LOGGING_SOURCES } from '../logging-reminder/logging-sources';
import { loggingSources } from '../storage/logging-reminder';

function memoryTabs(): TabList & { tabs: number[] } {
  const list = {
    tabs: [] as number[],
    get: () => Promise.resolve([...list.tabs]),
    set: (tabs: number[]) => {
      list.tabs = [...tabs];
      return Promise.resolve();
    },
  };
  return list;
}

const sources = {
  knownProjects: () => Promise.resolve({ 'org|Alpha': { key: 'proj_a', id: 'proj_a', name: 'Alpha', organization: 'Org', lastSeen: 1 } }),
  loggingObservations: () => Promise.resolve({}),
  loggingSilence: () => Promise.resolve({}),
  loggingSources: () => Promise.resolve(EMPTY_LOGGING_SOURCES),
};

/** Sources that changed since each read (a project seen again), so each publish has something new. */
function changingSources() {
  let seen = 1;
  return {
    ...sources,
    knownProjects: () => Promise.resolve({ 'org|Alpha': { key: 'proj_a', id: 'proj_a', name: 'Alpha', organization: 'Org', lastSeen: seen++ } }),
  };
}

describe('createPageRecordsHub', () => {
  it('answers the records and sends each later change to every tab that asked', async () => {
    const tabs = memoryTabs();
    const sent: [number, PageRecords][] = [];
    let clock = 10;
    const hub = createPageRecordsHub({ sources: changingSources(), tabs, now: () => clock++, send: (tab, records) => Promise.resolve(void sent.push([tab, records])) });

    const [first] = await Promise.all([hub.read(7), hub.read(9), hub.read(7)]);
    expect(first.knownProjects.map((project) => project.name)).toEqual(['Alpha']);
    expect(tabs.tabs.sort()).toEqual([7, 9]);

    await hub.publish();
    expect(sent.map(([tab]) => tab).sort()).toEqual([7, 9]);
    expect(sent[0]![1].readAt).toBeGreaterThan(first.readAt);
  });

  it('sends a tab nothing when the records it would get have not changed', async () => {
    const tabs = memoryTabs();
    const sent: number[] = [];
    let observations: Record<string, OrganizationLogging> = {};
    const hub = createPageRecordsHub({
      sources: { ...sources, loggingObservations: () => Promise.resolve(observations) },
      tabs,
      now: Date.now,
      send: (tab) => Promise.resolve(void sent.push(tab)),
    });
    await hub.read(7);
    // The first change after a read is sent whatever it holds: the read's answer may reach
    // the tab after it. Then a write that changed nothing the tab sees is not sent again.
    await hub.publish();
    await hub.publish();
    await hub.publish();
    expect(sent).toEqual([7]);
    observations = { 'org-1': { pages: { proj_a: { status: 'disabled', at: 1 } } } };
    await hub.publish();
    await hub.publish();
    expect(sent).toEqual([7, 7]);
  });

  it('forgets a tab that cannot be reached, and keeps the others', async () => {
    const tabs = memoryTabs();
    const hub = createPageRecordsHub({
      sources: changingSources(),
      tabs,
      now: Date.now,
      send: (tab) => (tab === 2 ? Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')) : Promise.resolve()),
    });
    await hub.read(1);
    await hub.read(2);
    await hub.publish();
    expect(tabs.tabs).toEqual([1]);
  });

  it('does not subscribe a sender without a tab, and keeps at most MAX_SUBSCRIBED_TABS tabs, newest last', async () => {
    const tabs = memoryTabs();
    const hub = createPageRecordsHub({ sources, tabs, now: Date.now, send: () => Promise.resolve() });
    await hub.read(null);
    expect(tabs.tabs).toEqual([]);
    for (let tab = 1; tab <= MAX_SUBSCRIBED_TABS + 5; tab += 1) await hub.read(tab);
    expect(tabs.tabs).toHaveLength(MAX_SUBSCRIBED_TABS);
    expect(tabs.tabs[0]).toBe(6);
    expect(tabs.tabs.at(-1)).toBe(MAX_SUBSCRIBED_TABS + 5);
  });
});

describe('servePageRecords', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.useFakeTimers();
    return () => vi.useRealTimers();
  });

  it('sends a burst of changes to the subscribed tabs as one message, with the stored records', async () => {
    const sent: [number, PageRecords][] = [];
    const hub = servePageRecords((tab, records) => Promise.resolve(void sent.push([tab, records])));
    await hub.read(3);

    await loggingObservations.setValue({ 'org-1': { pages: { proj_a: { status: 'disabled', at: 5 } } } });
    await loggingReminderSilence.setValue({ proj_a: { dismissed: true } });
    await knownProjects.setValue({ proj_a: { key: 'proj_a', id: 'proj_a', name: 'Alpha', organization: 'Org', lastSeen: 5 } });
    await loggingSources.setValue({
      ...EMPTY_LOGGING_SOURCES,
      audit: { ...EMPTY_LOGGING_SOURCES.audit, availability: 'on', organizationId: 'org-1', cursor: 99, problem: 'HTTP 503' },
      retention: { organization: { type: 'zero_data_retention', readAt: 5 }, projects: {} },
    });
    expect(sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(CHANGE_SETTLE_MS + 10);

    expect(sent).toHaveLength(1);
    const [tab, records] = sent[0]!;
    expect(tab).toBe(3);
    expect(records.loggingObservations['org-1']?.pages.proj_a?.status).toBe('disabled');
    expect(records.loggingSilence.proj_a).toEqual({ dismissed: true });
    expect(records.knownProjects.map((project) => project.name)).toEqual(['Alpha']);
    // Of the key's sources, only what a page uses: no cursor, no problems.
    expect(records.loggingSources).toEqual({
      auditSetting: null,
      organizationId: 'org-1',
      retention: { organization: { type: 'zero_data_retention', readAt: 5 }, projects: {} },
    });
  });
});

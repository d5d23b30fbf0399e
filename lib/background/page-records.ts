import { subscribedTabs } from '../storage/page-record-tabs';
import type { OrganizationLogging, Silence } from '../logging-reminder/logging-state';
import { type LoggingSources } from '../logging-reminder/logging-sources';
import { pageLoggingSources } from '../logging-reminder/retention';
import { loggingReminderSilence } from '../storage/settings';
import type { PageRecords } from '../messaging/messages';
import { knownProjects, loggingObservations, type KnownProject } from '../storage/records';
import { loggingSources } from '../storage/logging-reminder';
import { clockNow } from '../core/clock';

/**
 * What dashboard pages read of the worker's records. Pages may not open storage.local
 * (lib/storage/storage-access.ts restricts it to the worker and extension pages where the browser can):
 * they ask the worker once, and the worker sends each tab that asked the records again
 * whenever one of them changes.
 */


/** A browser has far fewer dashboard tabs open; the oldest goes first past this. */
export const MAX_SUBSCRIBED_TABS = 100;
/** Changes that land together (a burst of reports) reach tabs as one message. */
export const CHANGE_SETTLE_MS = 100;

export interface RecordSources {
  knownProjects(): Promise<Record<string, KnownProject>>;
  loggingObservations(): Promise<Record<string, OrganizationLogging>>;
  loggingSilence(): Promise<Record<string, Silence>>;
  loggingSources(): Promise<LoggingSources>;
}

export async function readPageRecords(sources: RecordSources, now: number): Promise<PageRecords> {
  const [projects, observations, silence, fromKey] = await Promise.all([
    sources.knownProjects(),
    sources.loggingObservations(),
    sources.loggingSilence(),
    sources.loggingSources(),
  ]);
  return {
    knownProjects: Object.values(projects),
    loggingObservations: observations,
    loggingSilence: silence,
    loggingSources: pageLoggingSources(fromKey),
    readAt: now,
  };
}

export interface TabList {
  get(): Promise<number[]>;
  set(tabs: number[]): Promise<void>;
}

export interface PageRecordsHubDeps {
  sources: RecordSources;
  tabs: TabList;
  /** Rejects when the tab is gone or has no content script of ours any more. */
  send(tabId: number, records: PageRecords): Promise<void>;
  now(): number;
}

export interface PageRecordsHub {
  /** The records now; `tabId` is sent every later change. */
  read(tabId: number | null): Promise<PageRecords>;
  /** Sends the records to every tab that asked; tabs that cannot be reached are forgotten. */
  publish(): Promise<void>;
}

/** What a tab was sent, to tell whether there is anything new for it (readAt aside). */
const contentOf = ({ readAt: _readAt, ...records }: PageRecords) => JSON.stringify(records);

export function createPageRecordsHub(deps: PageRecordsHubDeps): PageRecordsHub {
  // Registry changes are serialized: two tabs asking at once must both be kept.
  let registry = Promise.resolve();
  // What each tab was last given: a write that changed nothing a tab sees is not sent to it
  // (a burst of reports would otherwise send every tab the records again and again).
  const given = new Map<number, string>();
  const changeTabs = (change: (tabs: number[]) => number[]) =>
    (registry = registry.then(async () => deps.tabs.set(change(await deps.tabs.get()))).catch(() => undefined));

  return {
    async read(tabId) {
      if (tabId !== null) await changeTabs((tabs) => [...tabs.filter((tab) => tab !== tabId), tabId].slice(-MAX_SUBSCRIBED_TABS));
      // The next change is sent to this tab whatever it was given before: its answer to this
      // read may reach it after a change sent meanwhile, and would leave it behind for good.
      if (tabId !== null) given.delete(tabId);
      return readPageRecords(deps.sources, deps.now());
    },
    async publish() {
      await registry;
      const tabs = await deps.tabs.get();
      if (tabs.length === 0) return;
      const records = await readPageRecords(deps.sources, deps.now());
      const content = contentOf(records);
      const gone: number[] = [];
      await Promise.all(
        tabs
          .filter((tab) => given.get(tab) !== content)
          .map((tab) =>
            deps.send(tab, records).then(
              () => void given.set(tab, content),
              () => gone.push(tab),
            ),
          ),
      );
      for (const tab of gone) given.delete(tab);
      if (gone.length > 0) await changeTabs((current) => current.filter((tab) => !gone.includes(tab)));
    },
  };
}

/** The hub over the stored records, publishing after each change of one of them settles. */
export function servePageRecords(send: PageRecordsHubDeps['send']): PageRecordsHub {
  const hub = createPageRecordsHub({
    sources: {
      knownProjects: () => knownProjects.getValue(),
      loggingObservations: () => loggingObservations.getValue(),
      loggingSilence: () => loggingReminderSilence.getValue(),
      loggingSources: () => loggingSources.getValue(),
    },
    tabs: { get: () => subscribedTabs.getValue(), set: (tabs) => subscribedTabs.setValue(tabs) },
    send,
    now: clockNow,
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void hub.publish().catch((error: unknown) => console.warn('[refined-openai-platform] page records not sent:', error)), CHANGE_SETTLE_MS);
  };
  knownProjects.watch(changed);
  loggingObservations.watch(changed);
  loggingReminderSilence.watch(changed);
  loggingSources.watch(changed);
  return hub;
}

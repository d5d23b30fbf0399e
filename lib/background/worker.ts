import { browser } from 'wxt/browser';
import { createAdminClient, type KeyAccess } from '../admin-api/client';
import { AdminApiError } from '../admin-api/errors';
import { MIN_REFRESH_MINUTES, usageGlanceSettings } from '../settings/settings';
import { badgeState } from './badge';
import { INITIAL_STATUS, summaryFor, type UsageStatus } from '../usage/cache';
import { getAdminKey, removeAdminKey, setAdminKey } from './key-store';
import { MESSAGE_ACCESS, usageGlanceMessenger, type KeyVerification, type UsageGlanceProtocol } from './messages';
import { refreshUsage, type RefreshDeps } from './refresh';
import { assertSender, RefusedMessageError, type ExtensionIdentity, type SenderInfo } from './sender';
import { EMPTY_INCIDENT_STATE } from '../spike-alerts/incident-store';
import { spikeIncidents, unseenSpikes, usageCache, usageProjects, usageProjectSummaries, usageStatus } from './storage';
import { storage } from 'wxt/utils/storage';

export const REFRESH_ALARM = 'usage-glance:refresh';
export const RETRY_ALARM = 'usage-glance:retry';

export interface UsageGlanceWorker {
  refresh(force: boolean): Promise<UsageStatus>;
  saveKey(key: string): Promise<KeyVerification>;
  removeKey(): Promise<void>;
  /** (Re)creates the periodic alarm when it is missing or its period no longer matches the settings. */
  scheduleRefresh(): Promise<void>;
  updateBadge(): Promise<void>;
  /** The user has seen these spikes (popup opened, notification clicked): the badge calms down. */
  acknowledgeSpikes(ids: readonly string[]): Promise<void>;
}

export function createUsageGlanceWorker(deps: Omit<RefreshDeps, 'getKey'>): UsageGlanceWorker {
  const refreshDeps: RefreshDeps = { ...deps, getKey: async () => (await getAdminKey())?.key ?? null };
  // The popup, an alarm and startup can all ask at once: they share one round of requests.
  let inFlight: Promise<UsageStatus> | null = null;

  const updateBadge = async () => {
    const [cache, status, settings, spikes, projects, names] = await Promise.all([
      usageCache.getValue(),
      usageStatus.getValue(),
      usageGlanceSettings.getValue(),
      unseenSpikes.getValue(),
      usageProjectSummaries.getValue(),
      usageProjects.getValue(),
    ]);
    const badge = badgeState({ cache, projects, names, status, settings, now: deps.now(), unseenSpikes: spikes });
    await Promise.all([
      browser.action.setBadgeText({ text: badge.text }),
      browser.action.setBadgeBackgroundColor({ color: badge.color }),
      browser.action.setTitle({ title: badge.title }),
    ]);
  };

  const runRefresh = async (force: boolean) => {
    const status = await refreshUsage(refreshDeps, { force });
    // Alarms survive the worker being stopped, unlike a timer.
    if (status.retryAt !== null) await browser.alarms.create(RETRY_ALARM, { when: status.retryAt });
    await updateBadge();
    return status;
  };

  const refresh = (force: boolean) => {
    inFlight ??= runRefresh(force).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    refresh,
    updateBadge,

    acknowledgeSpikes: async (ids) => {
      // Only what was shown: a spike found since then stays unseen.
      await unseenSpikes.setValue((await unseenSpikes.getValue()).filter((spike) => !ids.includes(spike.id)));
      await updateBadge();
    },

    scheduleRefresh: async () => {
      const { refreshMinutes } = await usageGlanceSettings.getValue();
      const period = Math.max(MIN_REFRESH_MINUTES, refreshMinutes);
      const existing = await browser.alarms.get(REFRESH_ALARM);
      if (existing?.periodInMinutes === period) return;
      await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: period, delayInMinutes: period });
    },

    saveKey: async (rawKey) => {
      const key = rawKey.trim();
      let access: KeyAccess | null = null;
      try {
        const client = createAdminClient({ apiKey: key, fetch: deps.fetch });
        access = await client.verifyKey();
        if (!access.canReadCosts || !access.canReadUsage) {
          throw new AdminApiError('forbidden', { detail: 'the key may not read costs or usage' });
        }
        const projects = access.canListProjects
          ? (await client.projects({ includeArchived: false })).map(({ id, name }) => ({ id, name }))
          : null;
        const stored = { savedAt: deps.now(), access, projects };
        // A refresh still running with the previous key must not land after the reset below.
        await inFlight?.catch(() => undefined);
        await setAdminKey({ key, ...stored });
        // A new key's numbers replace the old key's, which may be another organization's.
        await storage.setItems([
          { item: usageCache, value: null },
          { item: usageProjectSummaries, value: null },
          { item: usageProjects, value: null },
          { item: usageStatus, value: INITIAL_STATUS },
        ]);
        // A refresh started with the old key meanwhile drops its results (refresh.ts): follow it with one for this key.
        void (inFlight ?? Promise.resolve())
          .catch(() => undefined)
          .then(() => refresh(true));
        return { ok: true, stored };
      } catch (error) {
        if (error instanceof AdminApiError) return { ok: false, failure: error.toFailure(), access };
        throw error;
      }
    },

    removeKey: async () => {
      await removeAdminKey();
      await storage.setItems([
        { item: usageCache, value: null },
        { item: usageProjectSummaries, value: null },
        { item: usageProjects, value: null },
        { item: usageStatus, value: { ...INITIAL_STATUS, problem: { kind: 'no-key' } } },
        { item: spikeIncidents, value: EMPTY_INCIDENT_STATE },
        { item: unseenSpikes, value: [] },
      ]);
      await browser.alarms.clear(RETRY_ALARM);
      await updateBadge();
    },
  };
}

type Handlers = { [Type in keyof UsageGlanceProtocol]: (data: Parameters<UsageGlanceProtocol[Type]>[0]) => Promise<ReturnType<UsageGlanceProtocol[Type]>> };

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= 1000 && value.every((item) => typeof item === 'string');

const PAYLOAD_CHECKS: { [Type in keyof UsageGlanceProtocol]: (data: unknown) => boolean } = {
  refreshUsage: (data) => typeof (data as { force?: unknown } | null)?.force === 'boolean',
  saveAdminKey: (data) => typeof data === 'string' && data.length <= 512,
  removeAdminKey: () => true,
  acknowledgeSpikes: isStringList,
  getUsageSummary: (data) => data === 'organization' || (typeof data === 'string' && /^proj_[\w-]{1,64}$/.test(data)),
};

/** Every message is checked against MESSAGE_ACCESS and its payload's shape before its handler runs. */
export function handleUsageGlanceMessages(worker: UsageGlanceWorker, self: ExtensionIdentity): void {
  const handlers: Handlers = {
    refreshUsage: ({ force }) => worker.refresh(force),
    saveAdminKey: (key) => worker.saveKey(key),
    removeAdminKey: () => worker.removeKey(),
    acknowledgeSpikes: (ids) => worker.acknowledgeSpikes(ids),
    getUsageSummary: async (scope) => {
      const [cache, projects] = await Promise.all([usageCache.getValue(), usageProjectSummaries.getValue()]);
      const summary = cache && summaryFor(cache, scope, projects);
      return cache && summary ? { summary, fetchedAt: cache.fetchedAt } : null;
    },
  };
  for (const type of Object.keys(handlers) as (keyof UsageGlanceProtocol)[]) {
    // async: a refusal then reaches the sender as the library's error reply, not a dropped message.
    usageGlanceMessenger.onMessage(type, async ({ data, sender }) => {
      assertSender(sender as SenderInfo, self, MESSAGE_ACCESS[type], type);
      // Types vanish at run time: a malformed payload is refused, not half-handled.
      if (!PAYLOAD_CHECKS[type](data)) throw new RefusedMessageError(`Refused "${type}": malformed payload`);
      return (handlers[type] as (data: unknown) => Promise<unknown>)(data) as never;
    });
  }
}

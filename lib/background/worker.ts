import { browser } from 'wxt/browser';
import type { AdminClient, KeyAccess } from '../admin-api/client';
import { adminApiFor } from '../admin-api/connect';
import { AdminApiError } from '../admin-api/errors';
import { findOwnAdminKey } from '../admin-api/admin-keys';
import { adminKeyRetention, MIN_REFRESH_MINUTES, usageGlanceSettings } from '../storage/settings';
import { badgeState } from './badge';
import { INITIAL_STATUS, summaryFor, type UsageStatus } from '../usage/cache';
import { getAdminKey, listStoredAdminKeys, moveAdminKey, removeAdminKey, setAdminKey, type KeyOrganization, type KeyRetention } from '../storage/key-store';
import { readStoredKey } from '../storage/stored-key';
import { MESSAGE_ACCESS, usageGlanceMessenger, type KeyVerification, type SaveKeyRequest, type UsageGlanceProtocol } from '../messaging/messages';
import { refreshUsage, type RefreshDeps } from './refresh';
import { assertSender, RefusedMessageError, type ExtensionIdentity, type SenderInfo, type SenderRole } from '../messaging/sender';
import { ORGANIZATION_SCOPE } from '../admin-api/scope';
import { EMPTY_INCIDENT_STATE } from '../spike-alerts/incident-store';
import { organizationFigures, spikeIncidents, unseenSpikes, usageCache, usageProjects, usageProjectSummaries, usageStatus } from '../storage/api-records';
import { storage } from 'wxt/utils/storage';
import { clearSecurityWatch, runSecurityWatch } from './security-watch';
import { clearLoggingSources, readLoggingSources } from './logging-reminder';
import { payloadProblem } from '../messaging/payload-checks';
import { createRecordWriter, type RecordWriter } from './record-writer';
import { recordWrites } from './serial-queue';
import { openExportPage } from '../messaging/open-export-page';
import { pageOutlineItem } from '../storage/page-outline';
import { FEATURES } from '../features/catalog';
import { featureHealth, knownProjects, loggingObservations } from '../storage/records';
import { guardWrite, ignoreWhenFull, storageProblem } from '../storage/storage-problems';
import type { PageRecordsHub } from './page-records';
import { unseenSecurityNotices } from '../storage/security-watch';
import { isWithin } from '../core/clock';
import { describeError } from '../core/describe-error';
import { forgetOrganizationFigures, namedNotices, refreshOtherOrganizations } from './organizations';

export const REFRESH_ALARM = 'usage-glance:refresh';
export const RETRY_ALARM = 'usage-glance:retry';

export interface UsageGlanceWorker {
  refresh(force: boolean): Promise<UsageStatus>;
  /** Refreshes when the figures are older than a refresh period (or from a clock that was ahead); else nothing. */
  refreshIfOverdue(): Promise<void>;
  saveKey(request: SaveKeyRequest): Promise<KeyVerification>;
  /** Removes one organization's key and what was read with it, and nothing else. */
  removeKey(organizationId: string): Promise<void>;
  /** Keeps one organization's key (null: the next one saved) on this device or until the browser closes. */
  setKeyRetention(organizationId: string | null, retention: KeyRetention): Promise<KeyRetention | null>;
  /** Finishes moves of keys cut short (a crash, the browser closing): where each is follows its preference (key-store.ts). */
  settleKeyRetention(): Promise<void>;
  /** (Re)creates the periodic alarm when it is missing or its period no longer matches the settings. */
  scheduleRefresh(): Promise<void>;
  updateBadge(): Promise<void>;
  /** The user has seen these spikes (popup opened, notification clicked): the badge calms down. */
  acknowledgeSpikes(ids: readonly string[]): Promise<void>;
  /** The one writer of the records pages report to (lib/storage/records.ts). */
  records: RecordWriter;
}

export function createUsageGlanceWorker(deps: Omit<RefreshDeps, 'getKey'>): UsageGlanceWorker {
  const notify = deps.notify;
  const refreshDeps: RefreshDeps = {
    ...deps,
    getKey: readStoredKey,
    ...(notify && {
      notify: async (notices) => {
        const names = (await listStoredAdminKeys()).map((entry) => entry.record.organization.name);
        await notify(namedNotices(notices, names));
      },
    }),
  };
  const records = createRecordWriter(deps.now);
  // The popup, an alarm and startup can all ask at once: they share one round of requests.
  let inFlight: Promise<UsageStatus> | null = null;

  const updateBadge = async () => {
    const [cache, status, settings, spikes, projects, names, organizations] = await Promise.all([
      usageCache.getValue(),
      usageStatus.getValue(),
      usageGlanceSettings.getValue(),
      unseenSpikes.getValue(),
      usageProjectSummaries.getValue(),
      usageProjects.getValue(),
      organizationFigures.getValue(),
    ]);
    const badge = badgeState({
      cache,
      projects,
      names,
      status,
      settings,
      now: deps.now(),
      unseenSpikes: [...spikes, ...(await unseenSecurityNotices.getValue())],
      organizations,
    });
    await Promise.all([
      browser.action.setBadgeText({ text: badge.text }),
      browser.action.setBadgeBackgroundColor({ color: badge.color }),
      browser.action.setTitle({ title: badge.title }),
    ]);
  };

  /**
   * (Re)creates the periodic alarm when it is missing, its period no longer matches the
   * settings, or it lies further ahead than one period: it was set while the computer's
   * clock was ahead, and the browser would keep it silent until the clock caught up.
   */
  const scheduleRefresh = async () => {
    const { refreshMinutes } = await usageGlanceSettings.getValue();
    const period = Math.max(MIN_REFRESH_MINUTES, refreshMinutes);
    const existing = await browser.alarms.get(REFRESH_ALARM);
    const tooFar = existing !== undefined && existing.scheduledTime > deps.now() + period * 60_000;
    if (existing?.periodInMinutes === period && !tooFar) return;
    await browser.alarms.create(REFRESH_ALARM, { periodInMinutes: period, delayInMinutes: period });
  };

  const runRefresh = async (force: boolean) => {
    // Any refresh (popup, alarm, startup) also puts right an alarm a clock change left far ahead.
    await scheduleRefresh();
    const status = await refreshUsage(refreshDeps, { force });
    // Figures and spike alerts show at once: the reads below may take a while.
    await updateBadge();
    // The logging setting and retention (lib/background/logging-reminder.ts); never throws.
    if (status.problem === null) await readLoggingSources(refreshDeps);
    await runSecurityWatch(refreshDeps, { force });
    // Every other organization's figures, each with its own key; never throws for one organization's failure.
    await refreshOtherOrganizations(refreshDeps, { force }).catch((error: unknown) =>
      console.warn('[refined-openai-platform] other organizations not refreshed:', describeError(error)),
    );
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

  /**
   * Chromium holds every alarm for as long as the clock was put back (docs/facts.md): the
   * periodic refresh can fall silent for hours. Any other wake-up (a dashboard tab's
   * message) then brings the overdue refresh, once: refresh() shares one in flight.
   */
  const refreshIfOverdue = async () => {
    const [cache, status, settings] = await Promise.all([usageCache.getValue(), usageStatus.getValue(), usageGlanceSettings.getValue()]);
    if (status.problem?.kind === 'no-key') return;
    const period = Math.max(MIN_REFRESH_MINUTES, settings.refreshMinutes) * 60_000;
    if (cache !== null && isWithin(cache.fetchedAt, period, deps.now())) return;
    if (isWithin(status.lastAttemptAt, period, deps.now())) return;
    await refresh(false);
  };

  return {
    refresh,
    refreshIfOverdue,
    updateBadge,
    records,

    acknowledgeSpikes: async (ids) => {
      // Only what was shown: a spike found since then stays unseen.
      await records.acknowledgeSpikes(ids);
      await updateBadge();
    },

    scheduleRefresh,

    saveKey: async ({ key: rawKey, organization: hint }) => {
      let access: KeyAccess | null = null;
      try {
        const { key, client } = adminApiFor(rawKey, { fetch: deps.fetch });
        access = await client.verifyKey();
        if (!access.canReadCosts || !access.canReadUsage) {
          throw new AdminApiError('forbidden', { detail: 'the key may not read costs or usage' });
        }
        const projects = access.canListProjects
          ? (await client.projects({ includeArchived: false })).map(({ id, name }) => ({ id, name }))
          : null;
        const expiresAt = await keyExpiry(client, key);
        const keys = await listStoredAdminKeys();
        const organization = keyOrganization(hint, keys, key, deps.now());
        if (organization === null) {
          const userMessage =
            'Which organization is this key for? The Admin API does not say and no platform.openai.com tab shows one: type its name and save again.';
          return { ok: false, failure: { kind: 'organization-unknown', userMessage }, access };
        }
        const replaced = keys.find((entry) => entry.record.organization.id === organization.id)?.record;
        const stored = {
          savedAt: deps.now(),
          // A new key for an organization keeps its place among the others (the first stays first).
          addedAt: replaced ? (replaced.addedAt ?? replaced.savedAt) : deps.now(),
          access,
          projects,
          organization,
          ...(expiresAt === undefined ? {} : { expiresAt }),
        };
        // The organization whose figures the usage glance shows (the first saved): a new key for it resets them.
        const readsFigures = keys.length === 0 || keys[0]!.record.organization.id === organization.id;
        // A refresh still running with the previous key must not land after the reset below.
        if (readsFigures) await inFlight?.catch(() => undefined);
        const retentions = await adminKeyRetention.getValue();
        const retention = retentions.organizations[organization.id] ?? retentions.next;
        // Where this organization's key goes, kept beside the others'. With storage.local full the
        // key is still saved (IndexedDB or the session): its place then follows the next key's choice.
        await guardWrite('local', "where the organization's key is kept", () =>
          adminKeyRetention.setValue({ ...retentions, organizations: { ...retentions.organizations, [organization.id]: retention } }),
        ).catch(ignoreWhenFull);
        await setAdminKey({ key, ...stored }, retention);
        if (readsFigures) {
          // A new key's numbers replace the old key's, which may be another organization's.
          await clearLoggingSources();
          // Removed, not overwritten with their defaults: a removal frees room, so it works with storage full too.
          await storage.removeItems([usageCache, usageProjectSummaries, usageProjects, usageStatus]);
          // A refresh started with the old key meanwhile drops its results (refresh.ts): follow it with one for this key.
          void (inFlight ?? Promise.resolve())
            .catch(() => undefined)
            .then(() => refresh(true));
        } else {
          // Another organization: its figures come with a refresh (the first organization's, if recent, is not read again).
          void (inFlight ?? Promise.resolve())
            .catch(() => undefined)
            .then(() => refreshOtherOrganizations(deps, { force: false }))
            .then(updateBadge)
            .catch((error: unknown) => console.warn('[refined-openai-platform] organization not refreshed:', describeError(error)));
        }
        return { ok: true, stored };
      } catch (error) {
        if (error instanceof AdminApiError) return { ok: false, failure: error.toFailure(), access };
        throw error;
      }
    },

    settleKeyRetention: async () => {
      const [retentions, keys] = await Promise.all([adminKeyRetention.getValue(), listStoredAdminKeys()]);
      for (const { record } of keys) await moveAdminKey(record.organization.id, retentions.organizations[record.organization.id] ?? retentions.next);
    },

    setKeyRetention: async (organizationId, retention) => {
      const retentions = await adminKeyRetention.getValue();
      if (organizationId === null) {
        await adminKeyRetention.setValue({ ...retentions, next: retention });
        return null;
      }
      // The last choice made is also the next key's: one organization's choice is usually the user's for all.
      await adminKeyRetention.setValue({ next: retention, organizations: { ...retentions.organizations, [organizationId]: retention } });
      return moveAdminKey(organizationId, retention);
    },

    removeKey: async (organizationId) => {
      const keys = await listStoredAdminKeys();
      const readsFigures = keys[0]?.record.organization.id === organizationId;
      await removeAdminKey(organizationId);
      await forgetOrganizationFigures(organizationId).catch(ignoreWhenFull);
      const retentions = await adminKeyRetention.getValue();
      const { [organizationId]: _removed, ...organizations } = retentions.organizations;
      // A removal must work with storage full: a preference left for a removed organization is harmless.
      await guardWrite('local', "where the organization's key is kept", () => adminKeyRetention.setValue({ ...retentions, organizations })).catch(ignoreWhenFull);
      // Only the figures read with this organization's key go; another organization's stay.
      if (!readsFigures) return updateBadge();
      await recordWrites.run(() =>
        storage.setItems([
          { item: usageCache, value: null },
          { item: usageProjectSummaries, value: null },
          { item: usageProjects, value: null },
          { item: usageStatus, value: { ...INITIAL_STATUS, problem: { kind: 'no-key' } } },
          { item: spikeIncidents, value: EMPTY_INCIDENT_STATE },
          { item: unseenSpikes, value: [] },
        ]),
      );
      await browser.alarms.clear(RETRY_ALARM);
      await clearSecurityWatch();
      await clearLoggingSources();
      await updateBadge();
      // The next organization's key, if any, now reads the figures.
      if (keys.length > 1) void refresh(true);
    },
  };
}

/**
 * The organization a key is saved for (docs/facts.md "Which organization a key belongs to"):
 * the one it is already saved for; else the platform tab's; else the name the user typed; a
 * first key with neither is the user's only organization so far. Null: ask for a name.
 */
export function keyOrganization(
  hint: SaveKeyRequest['organization'],
  keys: readonly { record: { key: string; organization: KeyOrganization } }[],
  key: string,
  now: number,
): KeyOrganization | null {
  const same = keys.find((entry) => entry.record.key === key);
  if (same) return same.record.organization;
  if (hint?.from === 'tab') return { id: hint.id, name: hint.name, namedFrom: 'tab' };
  const name = hint?.name.trim() ?? '';
  if (name !== '') {
    const named = keys.find((entry) => entry.record.organization.namedFrom !== 'tab' && entry.record.organization.name === name);
    return named?.record.organization ?? { id: `local-${now.toString(36)}`, name, namedFrom: 'user' };
  }
  return keys.length === 0 ? { id: `local-${now.toString(36)}`, name: 'My organization', namedFrom: 'user' } : null;
}

/**
 * When OpenAI says the key expires (epoch ms; null: never), from its admin key list;
 * undefined when it did not say (the key may not list admin keys, or its listing could not
 * be told apart from another's). Never a reason to refuse the key.
 */
async function keyExpiry(client: AdminClient, key: string): Promise<number | null | undefined> {
  try {
    const own = findOwnAdminKey(await client.adminApiKeys(), key);
    if (!own) return undefined;
    return own.expiresAt === null ? null : own.expiresAt * 1000;
  } catch (error) {
    if (error instanceof AdminApiError) return undefined;
    throw error;
  }
}

/** The sender of a message that passed its checks; `tabId` is set for a dashboard tab's top frame. */
interface CheckedSender {
  role: SenderRole;
  tabId: number | null;
}

type Handlers = {
  [Type in keyof UsageGlanceProtocol]: (
    data: Parameters<UsageGlanceProtocol[Type]>[0],
    sender: CheckedSender,
  ) => Promise<ReturnType<UsageGlanceProtocol[Type]>>;
};

/** Every message is checked against MESSAGE_ACCESS and its payload's size and shape (lib/messaging/payload-checks.ts) before its handler runs. */
export function handleUsageGlanceMessages(worker: UsageGlanceWorker, self: ExtensionIdentity, pageRecords: PageRecordsHub): void {
  const handlers: Handlers = {
    refreshUsage: ({ force }) => worker.refresh(force),
    saveAdminKey: (request) => worker.saveKey(request),
    removeAdminKey: (organizationId) => worker.removeKey(organizationId),
    setKeyRetention: ({ organizationId, retention }) => worker.setKeyRetention(organizationId, retention),
    getKeyExpiry: async () => (await getAdminKey())?.expiresAt ?? null,
    acknowledgeSpikes: (ids) => worker.acknowledgeSpikes(ids),
    getUsageSummary: async (scope, { role }) => {
      // Dashboard pages get the organization's figures only (README, "Usage glance: where the admin key is kept").
      if (role === 'platform-content-script' && scope !== ORGANIZATION_SCOPE) {
        throw new RefusedMessageError('Refused "getUsageSummary": dashboard pages get the organization\'s figures only');
      }
      const [cache, projects] = await Promise.all([usageCache.getValue(), usageProjectSummaries.getValue()]);
      const summary = cache && summaryFor(cache, scope, projects);
      return cache && summary ? { summary, fetchedAt: cache.fetchedAt } : null;
    },
    recordLoggingPage: (report) => worker.records.loggingPage(report),
    recordLoggingSetting: (report) => worker.records.loggingSetting(report),
    reportFeatureHealth: (batch) => worker.records.featureHealth(batch),
    rememberProject: (sighting) => worker.records.knownProject(sighting),
    silenceReminder: (request) => worker.records.silence(request),
    hasAdminKey: async () => (await getAdminKey()) !== null,
    openAccountingExport: async ({ year, organizationName, organizationId }) => {
      // A page whose switcher shows no id is matched to a stored organization by name: with several
      // keys, the first organization's would otherwise export its costs under this page's name.
      const byName = organizationName === null ? undefined : (await listStoredAdminKeys()).find((entry) => entry.record.organization.name === organizationName);
      await openExportPage({
        period: { kind: 'year', year },
        scope: 'organization',
        organizationName,
        organizationId: organizationId ?? byName?.record.organization.id ?? null,
      });
    },
    getPageRecords: (_, { tabId }) => pageRecords.read(tabId),
    storePageOutline: (outline) =>
      guardWrite('local', 'a page outline for a bug report', () => pageOutlineItem(outline.featureId).setValue(outline)),
    clearPageRecords: async () => {
      await recordWrites.run(() =>
        storage.removeItems([knownProjects, loggingObservations, featureHealth, ...FEATURES.map((feature) => pageOutlineItem(feature.id))]),
      );
      await storageProblem.setValue(null);
    },
  };
  for (const type of Object.keys(handlers) as (keyof UsageGlanceProtocol)[]) {
    // async: a refusal then reaches the sender as the library's error reply, not a dropped message.
    usageGlanceMessenger.onMessage(type, async ({ data, sender }) => {
      const role = assertSender(sender as SenderInfo, self, MESSAGE_ACCESS[type], type);
      // Types vanish at run time: an oversized or malformed payload is refused, not half-handled.
      const problem = payloadProblem(type, data);
      if (problem) throw new RefusedMessageError(`Refused "${type}": ${problem === 'too large' ? 'payload too large' : 'malformed payload'}`);
      const tabId = topFrameTab(sender);
      // A dashboard tab woke the worker: figures an alarm should have refreshed are refreshed now.
      if (tabId !== null) void worker.refreshIfOverdue().catch((error: unknown) => console.warn('[refined-openai-platform] overdue refresh failed:', error));
      return (handlers[type] as (data: unknown, sender: CheckedSender) => Promise<unknown>)(data, { role, tabId }) as never;
    });
  }
}

/** The tab of a message from a tab's top frame (where our content script runs), else null. */
function topFrameTab(sender: { tab?: { id?: number }; frameId?: number }): number | null {
  const id = sender.tab?.id;
  return typeof id === 'number' && id >= 0 && (sender.frameId ?? 0) === 0 ? id : null;
}

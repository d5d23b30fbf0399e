
/**
 * The security watch's step of a refresh (docs/facts.md §1): read what is new in the audit
 * log, the admin-key list, and now and then the spend limit and a few projects' keys; pick
 * the notifications; store it all in one write. The worker is the only writer of these items.
 */
import { storage } from 'wxt/utils/storage';
import { securityWatchSettings, securityWatchState, unseenSecurityNotices } from '../storage/security-watch';
import { securityMessenger } from '../messaging/security';
import { browser } from 'wxt/browser';
import type { AdminGet } from '../admin-api/admin-request';
import { adminApiFor } from '../admin-api/connect';
import { findOwnAdminKey, listAdminApiKeys, type AdminApiKeyEntry } from '../admin-api/admin-keys';
import { readAuditLogs } from '../admin-api/audit-logs';
import { AdminApiError, MAX_RETRY_AFTER_SECONDS } from '../admin-api/errors';
import { listProjectApiKeys } from '../admin-api/project-api-keys';
import { readSpendLimit } from '../admin-api/spend-limits';
import { normalizeSecuritySettings } from '../security-watch/settings';
import { auditRefusal } from '../security-watch/audit-availability';
import { planAuditRead, mergeAuditEvents } from '../security-watch/audit-window';
import { classifyEvent } from '../security-watch/classify';
import { findFailedLoginBursts } from '../security-watch/failed-logins';
import { pickSecurityNotices, SECURITY_NOTIFICATION_PREFIX } from '../security-watch/notices';
import { browserTimeZone } from '../security-watch/usual-hours';
import { EMPTY_WATCH_STATE, parseWatchState, type ProjectKeys, type SecurityWatchState } from '../security-watch/watch-state';
import { securityPageUrl } from '../platform/security-links';
import { getAdminKey } from '../storage/key-store';
import type { RefreshDeps } from './refresh';
import { assertSender, RefusedMessageError, type ExtensionIdentity, type SenderInfo } from '../messaging/sender';
import { usageProjects } from '../storage/api-records';
import { describeError } from '../core/describe-error';
import { isWaiting, isWithin } from '../core/clock';
import { recordWrites } from './serial-queue';
import { guardWrite } from '../storage/storage-problems';



/** Notices not yet seen kept at most (newest kept): a burst of events cannot grow the list without end. */
export const MAX_UNSEEN_NOTICES = 100;

/** Same gap as the usage refresh: opening the popup twice costs one round. */
export const SECURITY_MIN_GAP_MS = 60_000;
/** Keys and the spend limit change rarely: each is re-read after this long. */
export const SLOW_READ_MAX_AGE_MS = 6 * 3_600_000;
/** Requests per refresh must not grow with the number of projects: a few at a time, oldest first. */
export const PROJECTS_PER_REFRESH = 5;

type Deps = Pick<RefreshDeps, 'fetch' | 'now' | 'notify'> & {
  /** The zone "usual hours" are judged in (default: the browser's); tests choose theirs. */
  timeZone?: () => string;
};

/** Never throws: a failed watch keeps its last data and shows why, and never costs the usage figures. */
export async function runSecurityWatch(deps: Deps, { force }: { force: boolean }): Promise<void> {
  try {
    await step(deps, force);
  } catch (error) {
    console.warn('[refined-openai-platform] security watch failed:', error);
  }
}

/** After the admin key is removed: nothing of the old organization stays. */
export async function clearSecurityWatch(): Promise<void> {
  // In the records queue, like every change of the unseen list (serial-queue.ts).
  await recordWrites.run(() =>
    storage.setItems([
      { item: securityWatchState, value: EMPTY_WATCH_STATE },
      { item: unseenSecurityNotices, value: [] },
    ]),
  );
}

async function step(deps: Deps, force: boolean): Promise<void> {
  const settings = normalizeSecuritySettings(await securityWatchSettings.getValue());
  if (!settings.enabled) {
    // Switched off (maybe while the worker slept): the e-mail addresses and IPs it kept go too.
    if (JSON.stringify(await securityWatchState.getValue()) !== JSON.stringify(EMPTY_WATCH_STATE)) await clearSecurityWatch();
    return;
  }
  const stored = await getAdminKey();
  if (stored === null) {
    if ((await securityWatchState.getValue()).keySavedAt !== null) await clearSecurityWatch();
    return;
  }
  let state = parseWatchState(await securityWatchState.getValue());
  if (state.keySavedAt !== stored.savedAt) {
    // Another key, maybe another organization: its cursor, list and dedupe start afresh.
    state = { ...EMPTY_WATCH_STATE, keySavedAt: stored.savedAt };
    await recordWrites.run(() => unseenSecurityNotices.removeValue());
  }
  const now = deps.now();
  // Times stored while the computer's clock was ahead count as unknown (lib/clock/clock.ts): the watch reads rather than waits.
  if (isWaiting({ setAt: state.lastAttemptAt, until: state.retryAt, maxMs: MAX_RETRY_AFTER_SECONDS * 1000 }, now)) return;
  if (!force && state.problem === null && isWithin(state.lastAttemptAt, SECURITY_MIN_GAP_MS, now)) return;

  const stillSameKey = async () => (await getAdminKey())?.savedAt === stored.savedAt;
  try {
    const { get } = adminApiFor(stored.key, { fetch: deps.fetch, now: deps.now });
    const next = await read(get, state, stored.key, now);
    const nowSeconds = Math.floor(now / 1000);
    const picked = pickSecurityNotices({
      freshEvents: next.fresh,
      bursts: findFailedLoginBursts(next.state.audit.events),
      newAdminKeys: next.newAdminKeys,
      firstRead: next.firstAuditRead,
      firstAdminKeyRead: state.adminKeys.ids === null,
      settings,
      timeZone: (deps.timeZone ?? browserTimeZone)(),
      context: { adminKeyIds: new Set(next.state.adminKeys.ids ?? []) },
      handled: state.handled,
      nowSeconds,
    });
    // The key was removed or replaced while this ran: what was read belongs to it, not to the new one.
    if (!(await stillSameKey())) return;
    // Shown before they are written: a write refused for quota must not cost the alert.
    if (picked.notices.length > 0) await deps.notify?.(picked.notices);
    // Read and written in the records queue: an acknowledgement cannot land in between
    // and be undone (seen notices back) or undo this (new ones lost).
    await recordWrites.run(async () =>
      guardWrite('local', "the security watch's findings", async () =>
        storage.setItems([
          { item: securityWatchState, value: { ...next.state, handled: picked.handled, lastAttemptAt: now, retryAt: null, problem: null } },
          { item: unseenSecurityNotices, value: [...(await unseenSecurityNotices.getValue()), ...picked.notices].slice(-MAX_UNSEEN_NOTICES) },
        ]),
      ),
    );
  } catch (error) {
    if (!(await stillSameKey())) return;
    const problem =
      error instanceof AdminApiError
        ? error.toFailure()
        : { kind: 'unexpected' as const, userMessage: `The security watch could not finish (${describeError(error)}). The extension may need an update.` };
    if (!(error instanceof AdminApiError)) console.warn('[refined-openai-platform] security watch failed:', error);
    const retryAt = error instanceof AdminApiError && error.retryAfterSeconds !== null ? now + error.retryAfterSeconds * 1000 : null;
    // The last good list, keys and dedupe stay; only the status changes.
    await securityWatchState.setValue({ ...state, lastAttemptAt: now, retryAt, problem });
  }
}

interface ReadResult {
  state: SecurityWatchState;
  fresh: SecurityWatchState['audit']['events'];
  newAdminKeys: AdminApiKeyEntry[] | null;
  firstAuditRead: boolean;
}

/** Everything this refresh asks the API; throws (committing nothing) on any failure but an expected refusal. */
async function read(get: AdminGet, state: SecurityWatchState, secret: string, now: number): Promise<ReadResult> {
  const nowSeconds = Math.floor(now / 1000);

  // Admin keys first: the audit log's api_key.* events are told apart by these ids.
  const adminKeys = await refusedAsNull(() => listAdminApiKeys(get));
  const previousIds = new Set(state.adminKeys.ids ?? []);
  const own = adminKeys ? findOwnAdminKey(adminKeys, secret) : null;
  const adminKeyState: SecurityWatchState['adminKeys'] = adminKeys
    ? { ids: adminKeys.map((key) => key.id), ownKeyFound: own !== null, ownExpiresAt: own?.expiresAt ?? null }
    : { ids: null, ownKeyFound: false, ownExpiresAt: null };
  const newAdminKeys = adminKeys ? adminKeys.filter((key) => !previousIds.has(key.id)) : null;

  const plan = planAuditRead(state.audit.newestEffectiveAt, nowSeconds);
  let audit = state.audit;
  let fresh: SecurityWatchState['audit']['events'] = [];
  try {
    const result = await readAuditLogs(get, { effectiveAfter: plan.effectiveAfter, maxPages: plan.maxPages });
    const context = { adminKeyIds: new Set(adminKeyState.ids ?? []) };
    const kept = result.events.filter((event) => !classifyEvent(event, context).routine);
    const merged = mergeAuditEvents(state.audit.events, kept, state.audit.newestEffectiveAt);
    // The cursor follows every event read, routine ones included, so they are not asked for again.
    const newest = Math.max(merged.newestEffectiveAt ?? -Infinity, ...result.events.map((event) => event.effectiveAt));
    const oldestRead = Math.min(...result.events.map((event) => event.effectiveAt));
    fresh = merged.fresh;
    audit = {
      availability: merged.events.length > 0 ? 'on' : 'empty',
      refusal: null,
      newestEffectiveAt: Number.isFinite(newest) ? newest : state.audit.newestEffectiveAt,
      events: merged.events,
      coverage: !result.truncated
        ? state.audit.coverage
        : plan.first
          ? { kind: 'truncated', before: oldestRead }
          : { kind: 'gap', from: state.audit.newestEffectiveAt ?? plan.effectiveAfter, to: oldestRead },
    };
  } catch (error) {
    const refusal = error instanceof AdminApiError ? auditRefusal(error) : null;
    if (refusal === null) throw error;
    audit = { ...EMPTY_WATCH_STATE.audit, availability: refusal, refusal: (error as AdminApiError).apiMessage };
  }

  const slowDue = (readAt: number | null) => !isWithin(readAt, SLOW_READ_MAX_AGE_MS, now);
  let spendLimit = state.spendLimit;
  if (slowDue(spendLimit.readAt)) {
    try {
      const result = await readSpendLimit((path) => get(path, {}, (json) => json), 'organization');
      spendLimit =
        result.state === 'not-allowed'
          ? { known: false, value: null, readAt: now }
          : { known: true, value: result.state === 'limit' ? result.limit : null, readAt: now };
    } catch (error) {
      // An answer of another shape leaves the line "unknown"; 401, 429 and the like fail the refresh as usual.
      if (!(error instanceof AdminApiError) || !['http', 'malformed'].includes(error.kind)) throw error;
      spendLimit = { known: false, value: null, readAt: now };
    }
  }

  const projects = await readProjectKeys(get, state.projects, now);
  return {
    state: { ...state, audit, adminKeys: adminKeyState, spendLimit, projects },
    fresh,
    newAdminKeys,
    firstAuditRead: plan.first,
  };
}

/** A 403 (or a 404 from an endpoint this organization lacks) means "not available", not a failed refresh. */
async function refusedAsNull<T>(request: () => Promise<T>): Promise<T | null> {
  try {
    return await request();
  } catch (error) {
    if (error instanceof AdminApiError && (error.kind === 'forbidden' || error.status === 404)) return null;
    throw error;
  }
}

/** The projects of the last usage refresh (active ones); the stalest few are re-read. */
async function readProjectKeys(get: AdminGet, previous: readonly ProjectKeys[], now: number): Promise<ProjectKeys[]> {
  const names = await usageProjects.getValue();
  if (!names) return [...previous];
  const byId = new Map(previous.map((entry) => [entry.projectId, entry]));
  const current = names.projects.filter((project) => !project.archived);
  const due = current
    .filter((project) => {
      const entry = byId.get(project.id);
      return entry === undefined || !isWithin(entry.readAt, SLOW_READ_MAX_AGE_MS, now);
    })
    .sort((a, b) => (byId.get(a.id)?.readAt ?? 0) - (byId.get(b.id)?.readAt ?? 0))
    .slice(0, PROJECTS_PER_REFRESH);
  for (const project of due) {
    try {
      const keys = await listProjectApiKeys(get, project.id, { ownerProjectAccess: 'any' });
      byId.set(project.id, { projectId: project.id, projectName: project.name, readAt: now, keys, problem: null });
    } catch (error) {
      if (!(error instanceof AdminApiError) || !(error.kind === 'forbidden' || error.status === 404)) throw error;
      byId.set(project.id, { projectId: project.id, projectName: project.name, readAt: now, keys: [], problem: error.userMessage });
    }
  }
  // Projects archived or gone since are dropped; names follow the latest listing.
  return current.flatMap((project) => {
    const entry = byId.get(project.id);
    return entry ? [{ ...entry, projectName: project.name }] : [];
  });
}


/** Through the records queue, the one writer of the unseen list (serial-queue.ts). */
export async function acknowledgeSecurityNotices(ids: readonly string[]): Promise<void> {
  await recordWrites.run(async () => {
    const unseen = await unseenSecurityNotices.getValue();
    if (unseen.some((notice) => ids.includes(notice.id))) await unseenSecurityNotices.setValue(unseen.filter((notice) => !ids.includes(notice.id)));
  });
}

/** Wires the watch's message, notification clicks and settings; `worker` is the usage worker that runs the step. */
export function handleSecurityWatch(
  worker: { updateBadge(): Promise<void>; refresh(force: boolean): Promise<unknown> },
  self: ExtensionIdentity,
): void {
  const updateBadge = () => worker.updateBadge();
  securityWatchSettings.watch((next, previous) => {
    const on = normalizeSecuritySettings(next).enabled;
    // Switched on: a refresh already running (say, the one a key just saved started) may have
    // passed its watch step while the watch was off, and asking now would only join it; so a
    // refresh follows it (its figures are recent by then: only the watch reads).
    if (on && !normalizeSecuritySettings(previous).enabled) {
      void worker
        .refresh(false)
        .catch(() => undefined)
        .then(() => worker.refresh(false))
        .catch(() => undefined);
    }
    // Switched off: what it read (members' e-mail addresses and IPs) is forgotten, and what it announced stops holding the badge.
    if (!on) void clearSecurityWatch().then(updateBadge);
  });
  securityMessenger.onMessage('acknowledgeSecurity', async ({ data, sender }) => {
    assertSender(sender as SenderInfo, self, ['extension-page'], 'acknowledgeSecurity');
    const ids: unknown = data;
    if (!Array.isArray(ids) || ids.length > 1000 || !ids.every((id) => typeof id === 'string' && id.length <= 200)) {
      throw new RefusedMessageError('Refused "acknowledgeSecurity": malformed payload');
    }
    await acknowledgeSecurityNotices(ids as string[]);
    await updateBadge();
  });
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(SECURITY_NOTIFICATION_PREFIX)) return;
    void (async () => {
      const notice = (await unseenSecurityNotices.getValue()).find((candidate) => candidate.id === id);
      // Failed sign-ins name no one in the notification: the popup lists the accounts.
      if (notice?.kind === 'failed-login-burst') await openPopup();
      else await browser.tabs.create({ url: securityPageUrl(notice?.page ?? { kind: 'organization-settings' }) });
      await browser.notifications.clear(id);
      await acknowledgeSecurityNotices([id]);
      await updateBadge();
    })();
  });
}

/** The toolbar popup where the browser can open it from a notification, else the same page in a tab. */
async function openPopup(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/popup.html') });
  }
}

import type { AdminClient } from '../admin-api/client';
import { adminApiFor } from '../admin-api/connect';
import { AdminApiError } from '../admin-api/errors';
import { describeError } from '../core/describe-error';
import { withServerClock, type FetchLike } from '../admin-api/transport';
import { fetchUsageSnapshot } from '../usage/refresh-plan';
import {
  buildUsageCache,
  currentCache,
  effectiveRetryAt,
  projectNames,
  splitUsageCache,
  type RefreshProblem,
  type UsageStatus,
} from '../usage/cache';
import { spikeAlertSettings, usageGlanceSettings } from '../storage/settings';
import { parseIncidentState } from '../spike-alerts/incident-store';
import { buildGlanceDetails } from './glance';
import { checkForSpikes, type SpikeCheckResult } from './spike-alerts';
import { spikeIncidents, unseenSpikes, usageCache, usageProjects, usageProjectSummaries, usageStatus, MAX_UNSEEN_SPIKES } from '../storage/api-records';
import { recordWrites } from './serial-queue';
import { guardWrite, StorageFullError } from '../storage/storage-problems';
import { storage } from 'wxt/utils/storage';
import type { SpikeNotice } from '../spike-alerts/notice';
import { usageGlanceDetails } from '../storage/glance-details';
import { isWithin } from '../core/clock';

export interface RefreshDeps {
  getKey(): Promise<string | null>;
  fetch: FetchLike;
  /** Epoch milliseconds. */
  now(): number;
  /** Shows the spikes this refresh found for the first time. */
  notify?(notices: SpikeNotice[]): Promise<void>;
}

/** Opening the popup twice in a row should not cost two rounds of API calls. */
export const MIN_REFRESH_GAP_MS = 60_000;

/**
 * One refresh: a fixed number of requests (fetchUsageSnapshot), then the new cache and a
 * clean status in a single storage.local.set, so a worker stopped halfway leaves the old
 * cache whole. A failure writes the status alone and the last good numbers stay.
 *
 * Every project's own figures go to storage.session first (usageProjectSummaries): they
 * are tagged with the cache's fetchedAt, so a worker stopped between the two writes leaves
 * them unused rather than mixed with another refresh's.
 */
export async function refreshUsage(deps: RefreshDeps, options: { force: boolean }): Promise<UsageStatus> {
  const now = deps.now();
  const [status, stored, projects] = await Promise.all([
    usageStatus.getValue(),
    usageCache.getValue(),
    usageProjectSummaries.getValue(),
  ]);
  // Retry-After is the API's request, so even the Refresh button waits it out (an hour at most).
  if (effectiveRetryAt(status, now) !== null) return status;
  // Recent enough, unless its per-project figures were lost (a browser restart empties storage.session).
  const cache = currentCache(stored);
  const whole = cache !== null && projects?.fetchedAt === cache.fetchedAt;
  if (!options.force && whole && status.problem === null && isWithin(cache.fetchedAt, MIN_REFRESH_GAP_MS, now)) return status;

  const key = await deps.getKey();
  if (key === null) return fail(now, { kind: 'no-key' });

  try {
    const clock = withServerClock(deps.fetch, deps.now);
    const { client } = adminApiFor(key, { fetch: clock.fetch });
    const snapshot = { ...(await fetchUsageSnapshot(client, now)), serverNow: clock.serverNow() };
    const built = buildUsageCache(snapshot);
    // Keys and limits (a failure here keeps the figures); their key lists also name a spike's key.
    const details = await buildGlanceDetails({
      client: { apiKey: key, fetch: clock.fetch, now: deps.now },
      snapshot,
      cache: built,
      previous: await usageGlanceDetails.getValue(),
      now,
    }).catch((error: unknown) => {
      console.warn('[refined-openai-platform] keys and limits skipped:', error);
      return null;
    });
    const spikes = await checkSpikes(client, snapshot, now, clock.serverNow(), details);
    // The key was removed or replaced while this ran: its numbers are another key's, maybe
    // another organization's, and must not land over the reset that came with the change.
    if ((await deps.getKey()) !== key) return usageStatus.getValue();
    const next: UsageStatus = { lastAttemptAt: now, problem: null, retryAt: null };
    // The badge's project travels with the cache, so the badge is right even before storage.session is.
    const { badgeScope } = await usageGlanceSettings.getValue();
    const split = splitUsageCache(built, [badgeScope]);
    const names = projectNames(snapshot);
    // Spikes are shown first: a write refused below (storage full) must not cost the alert.
    if (spikes && spikes.notices.length > 0) await deps.notify?.(spikes.notices);
    try {
      // Unchanged names are not written again: every write to storage.local reaches every platform tab.
      // Names and project figures stand on their own, so they go first, each in a write of its own.
      if (JSON.stringify(names) !== JSON.stringify(await usageProjects.getValue())) {
        await guardWrite('local', 'the project names', () => usageProjects.setValue(names)).catch(keepGoingWhenFull);
      }
      await usageProjectSummaries.setValue(split.projects);
      // Tagged with the cache's fetchedAt like the project figures. Like a failed lookup, a
      // write refused by storage.session's quota (thousands of projects' keys) keeps the figures.
      if (details) {
        await usageGlanceDetails.setValue(details).catch((error: unknown) => console.warn('[refined-openai-platform] keys and limits not kept:', describeError(error)));
      }
      // In the records queue: an acknowledgement of spikes cannot land between the read of
      // unseenSpikes below and this write (serial-queue.ts).
      await recordWrites.run(async () =>
        guardWrite('local', 'the usage figures and spike alerts', async () =>
          storage.setItems([
            { item: usageCache, value: split.cache },
            { item: usageStatus, value: next },
            ...(spikes
              ? [
                  { item: spikeIncidents, value: spikes.state },
                  { item: unseenSpikes, value: [...(await unseenSpikes.getValue()), ...spikes.notices].slice(-MAX_UNSEEN_SPIKES) },
                ]
              : []),
          ]),
        ),
      );
    } catch (error) {
      keepGoingWhenFull(error);
    }
    return next;
  } catch (error) {
    if (error instanceof AdminApiError) {
      const retryAt = error.retryAfterSeconds === null ? null : now + error.retryAfterSeconds * 1000;
      return fail(now, error.toFailure(), retryAt);
    }
    console.warn('[refined-openai-platform] usage refresh failed:', error);
    return fail(now, {
      kind: 'unexpected',
      userMessage: `The usage figures could not be computed (${describeError(error)}). The extension may need an update.`,
    });
  }
}

/** A failed spike check keeps quiet (no data, no verdict) and never costs the user their figures. */
async function checkSpikes(
  client: AdminClient,
  snapshot: Parameters<typeof checkForSpikes>[0]['snapshot'],
  now: number,
  serverNow: number | null,
  details: Parameters<typeof checkForSpikes>[0]['details'],
): Promise<SpikeCheckResult | null> {
  const settings = await spikeAlertSettings.getValue();
  if (!settings.enabled) return null;
  try {
    const state = parseIncidentState(await spikeIncidents.getValue());
    return await checkForSpikes({ client, snapshot, settings, state, now, serverNow, details });
  } catch (error) {
    console.warn('[refined-openai-platform] spike check skipped:', error);
    return null;
  }
}

/** Storage is full: the popup and options say so (storage-problems.ts); what else there is to write is still written. */
function keepGoingWhenFull(error: unknown): void {
  if (!(error instanceof StorageFullError)) throw error;
  console.warn('[refined-openai-platform]', error.message);
}

async function fail(now: number, problem: RefreshProblem, retryAt: number | null = null): Promise<UsageStatus> {
  const status: UsageStatus = { lastAttemptAt: now, problem, retryAt };
  await guardWrite('local', 'the status of the last refresh', () => usageStatus.setValue(status)).catch(keepGoingWhenFull);
  return status;
}

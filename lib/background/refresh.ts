import { createAdminClient } from '../admin-api/client';
import { AdminApiError } from '../admin-api/errors';
import { withServerClock, type FetchLike } from '../admin-api/transport';
import { fetchUsageSnapshot } from '../usage/refresh-plan';
import { buildUsageCache, effectiveRetryAt, type RefreshProblem, type UsageStatus } from '../usage/cache';
import { spikeAlertSettings } from '../settings/settings';
import { parseIncidentState } from '../spike-alerts/incident-store';
import { checkForSpikes, type SpikeCheckResult, type SpikeNotice } from './spike-check';
import { spikeIncidents, unseenSpikes, usageCache, usageStatus } from './storage';
import { storage } from 'wxt/utils/storage';

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
 */
export async function refreshUsage(deps: RefreshDeps, options: { force: boolean }): Promise<UsageStatus> {
  const now = deps.now();
  const [status, cache] = await Promise.all([usageStatus.getValue(), usageCache.getValue()]);
  // Retry-After is the API's request, so even the Refresh button waits it out (an hour at most).
  const retryAt = effectiveRetryAt(status);
  if (retryAt !== null && now < retryAt) return status;
  if (!options.force && cache && status.problem === null && now - cache.fetchedAt < MIN_REFRESH_GAP_MS) return status;

  const key = await deps.getKey();
  if (key === null) return fail(now, { kind: 'no-key' });

  try {
    const clock = withServerClock(deps.fetch, deps.now);
    const client = createAdminClient({ apiKey: key, fetch: clock.fetch });
    const snapshot = { ...(await fetchUsageSnapshot(client, now)), serverNow: clock.serverNow() };
    const spikes = await checkSpikes(client, snapshot, now, clock.serverNow());
    // The key was removed or replaced while this ran: its numbers are another key's, maybe
    // another organization's, and must not land over the reset that came with the change.
    if ((await deps.getKey()) !== key) return usageStatus.getValue();
    const next: UsageStatus = { lastAttemptAt: now, problem: null, retryAt: null };
    await storage.setItems([
      { item: usageCache, value: buildUsageCache(snapshot) },
      { item: usageStatus, value: next },
      ...(spikes
        ? [
            { item: spikeIncidents, value: spikes.state },
            { item: unseenSpikes, value: [...(await unseenSpikes.getValue()), ...spikes.notices] },
          ]
        : []),
    ]);
    if (spikes && spikes.notices.length > 0) await deps.notify?.(spikes.notices);
    return next;
  } catch (error) {
    if (error instanceof AdminApiError) {
      const retryAt = error.retryAfterSeconds === null ? null : now + error.retryAfterSeconds * 1000;
      return fail(now, error.toFailure(), retryAt);
    }
    console.warn('[refined-openai-platform] usage refresh failed:', error);
    return fail(now, {
      kind: 'unexpected',
      userMessage: `The usage figures could not be computed (${error instanceof Error ? error.message : String(error)}). The extension may need an update.`,
    });
  }
}

/** A failed spike check keeps quiet (no data, no verdict) and never costs the user their figures. */
async function checkSpikes(
  client: ReturnType<typeof createAdminClient>,
  snapshot: Parameters<typeof checkForSpikes>[0]['snapshot'],
  now: number,
  serverNow: number | null,
): Promise<SpikeCheckResult | null> {
  const settings = await spikeAlertSettings.getValue();
  if (!settings.enabled) return null;
  try {
    const state = parseIncidentState(await spikeIncidents.getValue());
    return await checkForSpikes({ client, snapshot, settings, state, now, serverNow });
  } catch (error) {
    console.warn('[refined-openai-platform] spike check skipped:', error);
    return null;
  }
}

async function fail(now: number, problem: RefreshProblem, retryAt: number | null = null): Promise<UsageStatus> {
  const status: UsageStatus = { lastAttemptAt: now, problem, retryAt };
  await usageStatus.setValue(status);
  return status;
}

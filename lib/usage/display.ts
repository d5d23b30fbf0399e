import { formatDistanceStrict } from 'date-fns';
import type { RefreshProblem, UsageCache, UsageFreshness } from './cache';
import { utcDayStart } from '../core/utc-days';
import { formatUtcDay } from '../core/format';
import { elapsedSince, isWithin } from '../core/clock';

export const ADMIN_KEYS_URL = 'https://platform.openai.com/settings/organization/admin-keys';
export const USAGE_URL = 'https://platform.openai.com/usage';
export const LOGS_URL = 'https://platform.openai.com/logs';

/** "updated just now", "updated 5 minutes ago". */
export function describeAge(fetchedAt: number, now: number): string {
  const age = elapsedSince(fetchedAt, now);
  if (age === null) return "updated at a time this computer's clock cannot place";
  if (age < 60_000) return 'updated just now';
  return `updated ${formatDistanceStrict(fetchedAt, now, { addSuffix: true, roundingMethod: 'floor' })}`;
}

/**
 * Stale: two refresh periods have passed without a new cache (the worker could not
 * refresh), or the cache was made on an earlier UTC day, so its "today" is not today.
 */
export function isStale(cache: UsageCache, now: number, refreshMinutes: number): boolean {
  // Made "in the future" (the computer's clock was ahead): its age is unknown, so it is stale.
  const tooOld = !isWithin(cache.fetchedAt, 2 * Math.max(refreshMinutes, 5) * 60_000 + 1, now);
  return tooOld || utcDayStart(cache.fetchedAt / 1000) !== utcDayStart(now / 1000);
}

/** "14:05 UTC", with the day in front when it is not the day of `now`. */
export function utcTimeLabel(epochMs: number, now: number): string {
  const time = `${new Date(epochMs).toISOString().slice(11, 16)} UTC`;
  return utcDayStart(epochMs / 1000) === utcDayStart(now / 1000) ? time : `${formatUtcDay(utcDayStart(epochMs / 1000))} ${time}`;
}

/** "costs through 24 Nov, usage through 14:05 UTC": how far each kind of figure is complete. */
export function describeFreshness(freshness: UsageFreshness, now: number): string {
  return `costs through ${formatUtcDay(freshness.costsCompleteThrough)}, usage through ${utcTimeLabel(freshness.usageAsOf, now)}`;
}

/** Whether a UTC day's cost (by its start, Unix seconds) is final rather than still arriving. */
export function isCostDayComplete(dayStart: number, freshness: UsageFreshness): boolean {
  return dayStart <= freshness.costsCompleteThrough;
}

/** Headline and whether options can fix it, for each reason a refresh fails. */
export function describeProblem(problem: Exclude<RefreshProblem, { kind: 'no-key' }>, now: number, retryAt: number | null): {
  title: string;
  message: string;
  fixInOptions: boolean;
} {
  const message = problem.userMessage;
  switch (problem.kind) {
    case 'invalid-key':
      return { title: 'The admin key was rejected', message, fixInOptions: true };
    case 'forbidden':
      return { title: 'The admin key may not read usage', message, fixInOptions: true };
    case 'rate-limited':
      return {
        title: 'Rate-limited by OpenAI',
        message:
          retryAt !== null && retryAt > now
            ? `${message} Next try ${formatDistanceStrict(retryAt, now, { addSuffix: true, roundingMethod: 'ceil' })}. Until ${utcTimeLabel(retryAt, now)} even Refresh waits, as OpenAI asked.`
            : `${message} Next try with the next scheduled refresh, or now with Refresh.`,
        fixInOptions: false,
      };
    case 'offline':
      return { title: 'Offline', message, fixInOptions: false };
    case 'redirected':
      return { title: 'Answer from the wrong address refused', message, fixInOptions: false };
    case 'timeout':
      return { title: 'OpenAI did not answer in time', message, fixInOptions: false };
    case 'server':
      return { title: 'OpenAI server error', message, fixInOptions: false };
    case 'malformed':
    case 'http':
    case 'unexpected':
      return { title: 'Unexpected answer', message, fixInOptions: false };
  }
}

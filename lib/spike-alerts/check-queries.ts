import type { CompletionsUsageQuery, CostsQuery } from '../admin-api/client';
import { DAY_SECONDS, utcDayStart } from '../core/utc-days';

const HOUR_SECONDS = 3600;

export interface CheckQueryOptions {
  /** Unix seconds. */
  now: number;
  /** As given to detectIncidents; the defaults match. */
  baselineDays?: number;
  recentBuckets?: number;
  /**
   * Hours added at both ends when `now` is this computer's guess rather than the API's
   * clock: a clock a few hours off still gets the real latest hours (the API does not
   * answer for hours that have not begun), and the check anchors on what came back.
   */
  slackHours?: number;
}

/**
 * What one check fetches: hourly usage and daily costs per project, reaching back far
 * enough for every recent bucket's baseline. With the defaults that is 339 hourly buckets
 * (3 pages of 168) and 17 daily ones (1 page): 4 requests per check.
 */
export function spikeCheckQueries({ now, baselineDays = 14, recentBuckets = 3, slackHours = 0 }: CheckQueryOptions): {
  usage: CompletionsUsageQuery;
  costs: CostsQuery;
} {
  const hour = Math.floor(now / HOUR_SECONDS) * HOUR_SECONDS;
  const day = utcDayStart(now);
  return {
    usage: {
      startTime: hour - (recentBuckets - 1 + slackHours) * HOUR_SECONDS - baselineDays * DAY_SECONDS,
      endTime: hour + (1 + slackHours) * HOUR_SECONDS,
      bucketWidth: '1h',
      // Key and model widen each bucket's results, not the pages: the culprit and the signals cost no request.
      groupBy: ['project_id', 'api_key_id', 'model'],
      limit: 168,
    },
    costs: {
      startTime: day - (recentBuckets - 1 + baselineDays) * DAY_SECONDS,
      endTime: day + DAY_SECONDS,
      groupBy: ['project_id'],
      limit: 180,
    },
  };
}

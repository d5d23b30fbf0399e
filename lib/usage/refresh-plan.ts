import type { AdminClient, CompletionsUsageQuery, CostsQuery } from '../admin-api/client';
import { AdminApiError } from '../admin-api/errors';
import type { CompletionsUsageBucket, CostBucket, Project } from '../admin-api/responses';
import { SERIES_DAYS } from './summarize-usage';
import { DAY_SECONDS, utcDayStart, utcMonthStart } from '../core/utc-days';

/**
 * Everything one refresh asks for. Three listings, however many projects there are:
 * costs and usage come grouped by project in one response each, so per-project scopes
 * are computed locally instead of with a request per project.
 */
export interface UsageRefreshPlan {
  costs: CostsQuery;
  completionsUsage: CompletionsUsageQuery;
  projects: { includeArchived: boolean };
}

export interface UsageSnapshot {
  /** Epoch milliseconds the plan was made for; pass it to summarizeUsage as `now`. */
  fetchedAt: number;
  costs: CostBucket[];
  usage: CompletionsUsageBucket[];
  /** null when the key may not list projects (403); names are then unknown. */
  projects: Project[] | null;
  /** The API's clock (epoch milliseconds, from its Date header) once the listings were read; null when it did not say. */
  serverNow?: number | null;
}

/**
 * The window covers both the 30-day series and the whole month to date (up to 31 days
 * on the 31st), ending with today's partial bucket. At most 31 daily buckets, so each
 * listing normally fits in one page.
 */
export function planUsageRefresh(now: number): UsageRefreshPlan {
  const nowSeconds = Math.floor(now / 1000);
  const today = utcDayStart(nowSeconds);
  const startTime = Math.min(today - (SERIES_DAYS - 1) * DAY_SECONDS, utcMonthStart(nowSeconds));
  const endTime = today + DAY_SECONDS;
  const limit = (endTime - startTime) / DAY_SECONDS;
  return {
    costs: { startTime, endTime, groupBy: ['project_id', 'line_item'], limit },
    // api_key_id widens each bucket's results (not the pages): "which key" needs no request of its own.
    completionsUsage: { startTime, endTime, bucketWidth: '1d', groupBy: ['project_id', 'model', 'api_key_id'], limit },
    // Archived projects can still have costs this month; include them so they have names.
    projects: { includeArchived: true },
  };
}

export async function fetchUsageSnapshot(
  client: Pick<AdminClient, 'costs' | 'completionsUsage' | 'projects'>,
  now: number,
): Promise<UsageSnapshot> {
  const plan = planUsageRefresh(now);
  const [costs, usage, projects] = await Promise.all([
    client.costs(plan.costs),
    client.completionsUsage(plan.completionsUsage),
    client.projects(plan.projects).catch((error: unknown) => {
      // Names are a nicety; a key that may read usage but not projects still gets numbers.
      if (error instanceof AdminApiError && error.kind === 'forbidden') return null;
      throw error;
    }),
  ]);
  return { fetchedAt: now, costs, usage, projects };
}

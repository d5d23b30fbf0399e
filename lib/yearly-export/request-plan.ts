import {
  completionsUsageRequestCount,
  costsRequestCount,
  COSTS_MAX_BUCKETS_PER_PAGE,
  projectsRequestCount,
  USAGE_MAX_BUCKETS_PER_PAGE,
  type CompletionsGroupBy,
  type CompletionsUsageQuery,
  type CostsGroupBy,
  type CostsQuery,
} from '../admin-api/client';
import { scopeProjectId, type Scope } from '../admin-api/scope';
import type { MonthKey, MonthSpan } from '../archive/month-range';
import { spanDays, yearMonths } from './months';


/**
 * Every grouping whose value has a column in the dashboard's files, so those columns fill
 * (lib/admin-api/responses.ts keeps each of them). summary.csv sums over API keys, users,
 * batch and tier, so its lines do not grow with them.
 */
export const COSTS_GROUP_BY: readonly CostsGroupBy[] = ['project_id', 'line_item', 'api_key_id'];
export const USAGE_GROUP_BY: readonly CompletionsGroupBy[] = ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'];

export interface CostsRequest {
  query: CostsQuery;
  /** Months this request's buckets fill; all of them fail together. */
  months: MonthKey[];
}

export interface UsageRequest {
  query: CompletionsUsageQuery;
  month: MonthKey;
}

export interface YearlyExportPlan {
  year: number;
  scope: Scope;
  months: MonthSpan[];
  costs: CostsRequest[];
  usage: UsageRequest[];
}

export interface PlanOptions {
  year: number;
  scope: Scope;
  /** Unix seconds; for the current year, stops at the end of that UTC day (see yearMonths). */
  until?: number;
}

/**
 * Whole months packed greedily into runs of at most one full cost page (180 days): a year
 * takes three cost requests (the same as paging through it 180 days at a time) while a
 * failure still maps to whole months. A usage page holds at most 31 daily buckets, so one
 * request per month is both the fewest possible and the natural unit of failure. Every
 * page asks for as many buckets as the API allows (lib/admin-api/client.ts knows how many).
 */
export function planYearlyExport({ year, scope, until }: PlanOptions): YearlyExportPlan {
  const months = yearMonths(year, until);
  const projectId = scopeProjectId(scope);
  const projectIds = projectId === null ? undefined : [projectId];

  const runs: { start: number; end: number; months: MonthKey[] }[] = [];
  for (const span of months) {
    const run = runs.at(-1);
    if (run && spanDays({ start: run.start, end: span.end }) <= COSTS_MAX_BUCKETS_PER_PAGE) {
      run.end = span.end;
      run.months.push(span.month);
    } else {
      runs.push({ start: span.start, end: span.end, months: [span.month] });
    }
  }

  const costs = runs.map((run) => ({
    query: {
      startTime: run.start,
      endTime: run.end,
      groupBy: COSTS_GROUP_BY,
      limit: COSTS_MAX_BUCKETS_PER_PAGE,
      ...(projectIds ? { projectIds } : {}),
    },
    months: run.months,
  }));

  const usage = months.map((span) => ({
    query: {
      startTime: span.start,
      endTime: span.end,
      bucketWidth: '1d' as const,
      groupBy: USAGE_GROUP_BY,
      limit: USAGE_MAX_BUCKETS_PER_PAGE['1d'],
      ...(projectIds ? { projectIds } : {}),
    },
    month: span.month,
  }));

  return { year, scope, months, costs, usage };
}

export interface RequestCount {
  costs: number;
  completionsUsage: number;
  projects: number;
  total: number;
}

/**
 * HTTP requests the plan costs when every page is as full as the API allows: 3 + 12 + 1 = 16
 * for a whole year of an organization with up to 100 projects. Retries (429, 5xx) come on top.
 */
export function expectedRequestCount(plan: YearlyExportPlan, projectCount = 0): RequestCount {
  const costs = plan.costs.reduce((sum, { query }) => sum + costsRequestCount(query), 0);
  const completionsUsage = plan.usage.reduce((sum, { query }) => sum + completionsUsageRequestCount(query), 0);
  const projects = projectsRequestCount(projectCount);
  return { costs, completionsUsage, projects, total: costs + completionsUsage + projects };
}

import {
  completionsUsageRequestCount,
  costsRequestCount,
  COSTS_MAX_BUCKETS_PER_PAGE,
  LIST_PAGE_SIZE,
  projectsRequestCount,
  USAGE_MAX_BUCKETS_PER_PAGE,
  type CapabilityUsageQuery,
  type CompletionsGroupBy,
  type CostsGroupBy,
  type CostsQuery,
} from '../admin-api/client';
import { USAGE_CAPABILITIES } from '../admin-api/usage-capabilities';
import { scopeProjectId, type Scope } from '../admin-api/scope';
import type { MonthKey, MonthSpan } from '../archive/month-range';
import { CAPABILITIES, type Capability } from './capabilities';
import { spanDays } from './months';
import { periodMonths, type ExportPeriod } from './period';

/**
 * Every grouping whose value has a column in the dashboard's files, so those columns fill
 * (lib/admin-api/responses.ts keeps each of them). summary.csv sums over API keys, users,
 * batch and tier, so its lines do not grow with them.
 */
export const COSTS_GROUP_BY: readonly CostsGroupBy[] = ['project_id', 'line_item', 'api_key_id'];
export const USAGE_GROUP_BY: readonly CompletionsGroupBy[] = ['project_id', 'user_id', 'api_key_id', 'model', 'batch', 'service_tier'];

/** Each capability grouped by everything its endpoint accepts, so every column of its file fills. */
export const capabilityGroupBy = (capability: Capability): readonly string[] =>
  capability === 'completions' ? USAGE_GROUP_BY : USAGE_CAPABILITIES[capability].groupBy;

export interface CostsRequest {
  query: CostsQuery;
  /** Months this request's buckets fill; all of them fail together. */
  months: MonthKey[];
}

export interface UsageRequest {
  capability: Capability;
  query: CapabilityUsageQuery;
  month: MonthKey;
}

export interface YearlyExportPlan {
  period: ExportPeriod;
  scope: Scope;
  months: MonthSpan[];
  costs: CostsRequest[];
  /** One request per capability and month, capability by capability. */
  usage: UsageRequest[];
}

export interface PlanOptions {
  period: ExportPeriod;
  scope: Scope;
  /** Unix seconds; a period still under way stops at the end of that UTC day (see periodMonths). */
  until?: number;
  /** Which capabilities to ask for (default all); a retry asks only for those that failed. */
  capabilities?: readonly Capability[];
}

/**
 * Whole months packed greedily into runs of at most one full cost page (180 days): a year
 * takes three cost requests (the same as paging through it 180 days at a time) while a
 * failure still maps to whole months. A usage page holds at most 31 daily buckets, so one
 * request per capability and month is the fewest for any period of whole months, and the
 * natural unit of failure. Every page asks for as many buckets as the API allows
 * (lib/admin-api/client.ts knows how many).
 */
export function planYearlyExport({ period, scope, until, capabilities = CAPABILITIES }: PlanOptions): YearlyExportPlan {
  const months = periodMonths(period, until);
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

  const usage = capabilities.flatMap((capability) =>
    months.map((span) => ({
      capability,
      query: {
        startTime: span.start,
        endTime: span.end,
        bucketWidth: '1d' as const,
        groupBy: capabilityGroupBy(capability),
        limit: USAGE_MAX_BUCKETS_PER_PAGE['1d'],
        ...(projectIds ? { projectIds } : {}),
      },
      month: span.month,
    })),
  );

  return { period, scope, months, costs, usage };
}

export interface RequestCount {
  costs: number;
  usage: number;
  projects: number;
  total: number;
}

/**
 * HTTP requests the plan costs when every page is as full as the API allows: 3 + 10 × 12 + 1
 * = 124 for a whole year of an organization with up to 100 projects. Retries (429, 5xx) and
 * a capability the key may not read (one 403, the rest not asked) come on top or below.
 */
export function expectedRequestCount(plan: YearlyExportPlan, projectCount = 0): RequestCount {
  const costs = plan.costs.reduce((sum, { query }) => sum + costsRequestCount(query), 0);
  const usage = plan.usage.reduce((sum, { query }) => sum + completionsUsageRequestCount(query), 0);
  const projects = projectsRequestCount(projectCount);
  return { costs, usage, projects, total: costs + usage + projects };
}

/**
 * The fewest requests any client could make for the same data, whatever its windows: each
 * endpoint's days over its largest page (costs 180, usage 31 daily buckets), and the project
 * list over 100 a page. Equal to expectedRequestCount for periods of whole months.
 */
export function fewestRequests(plan: YearlyExportPlan, projectCount = 0): RequestCount {
  const days = plan.months.reduce((sum, span) => sum + spanDays(span), 0);
  const capabilities = new Set(plan.usage.map(({ capability }) => capability)).size;
  const costs = Math.max(1, Math.ceil(days / COSTS_MAX_BUCKETS_PER_PAGE));
  const usage = capabilities * Math.max(1, Math.ceil(days / USAGE_MAX_BUCKETS_PER_PAGE['1d']));
  const projects = Math.max(1, Math.ceil(projectCount / LIST_PAGE_SIZE));
  return { costs, usage, projects, total: costs + usage + projects };
}

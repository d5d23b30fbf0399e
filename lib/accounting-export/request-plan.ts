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
import { periodCutAt, periodMonths, type ExportPeriod } from './period';
import { DAY_SECONDS } from '../core/utc-days';

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
  /** Months this request's buckets fill (one, unless a range is cut in 31-day windows); they fail together. */
  months: MonthKey[];
}

export interface AccountingExportPlan {
  period: ExportPeriod;
  scope: Scope;
  months: MonthSpan[];
  /** The last day fetched when the period was still under way at `until` (periodCutAt), else null: the whole period. */
  cutAt: string | null;
  costs: CostsRequest[];
  /** Per capability, one request per month or per 31-day window (see planAccountingExport), capability by capability. */
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
 * failure still maps to whole months. A usage page holds at most 31 daily buckets: one
 * request per capability and month is the fewest for any period of whole months, and the
 * natural unit of failure; a range that months would cut into more requests than its days
 * need (15 January to 14 February: 2 months, 31 days) is cut into 31-day windows instead,
 * each failing with the months it touches. Every page asks for as many buckets as the API
 * allows (lib/admin-api/client.ts knows how many).
 */
export function planAccountingExport({ period, scope, until, capabilities = CAPABILITIES }: PlanOptions): AccountingExportPlan {
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
    usageWindows(months).map((window) => ({
      capability,
      query: {
        startTime: window.start,
        endTime: window.end,
        bucketWidth: '1d' as const,
        groupBy: capabilityGroupBy(capability),
        limit: USAGE_MAX_BUCKETS_PER_PAGE['1d'],
        ...(projectIds ? { projectIds } : {}),
      },
      months: window.months,
    })),
  );

  return { period, scope, months, cutAt: periodCutAt(period, until), costs, usage };
}

/** The months themselves when that takes no more requests than the days need, else 31-day windows from the first day. */
function usageWindows(months: readonly MonthSpan[]): { start: number; end: number; months: MonthKey[] }[] {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return [];
  const width = USAGE_MAX_BUCKETS_PER_PAGE['1d'];
  if (months.length <= Math.ceil(spanDays({ start: first.start, end: last.end }) / width)) {
    return months.map((span) => ({ start: span.start, end: span.end, months: [span.month] }));
  }
  const windows = [];
  for (let start = first.start; start < last.end; start += width * DAY_SECONDS) {
    const end = Math.min(start + width * DAY_SECONDS, last.end);
    windows.push({ start, end, months: months.filter((span) => span.start < end && span.end > start).map((span) => span.month) });
  }
  return windows;
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
export function expectedRequestCount(plan: AccountingExportPlan, projectCount = 0): RequestCount {
  const costs = plan.costs.reduce((sum, { query }) => sum + costsRequestCount(query), 0);
  const usage = plan.usage.reduce((sum, { query }) => sum + completionsUsageRequestCount(query), 0);
  const projects = projectsRequestCount(projectCount);
  return { costs, usage, projects, total: costs + usage + projects };
}

/**
 * The fewest requests any client could make for the same data, whatever its windows: each
 * endpoint's days over its largest page (costs 180, usage 31 daily buckets), and the project
 * list over 100 a page. planAccountingExport's plans cost exactly this (the tests check it).
 */
export function fewestRequests(plan: AccountingExportPlan, projectCount = 0): RequestCount {
  const days = plan.months.reduce((sum, span) => sum + spanDays(span), 0);
  const capabilities = new Set(plan.usage.map(({ capability }) => capability)).size;
  const costs = Math.max(1, Math.ceil(days / COSTS_MAX_BUCKETS_PER_PAGE));
  const usage = capabilities * Math.max(1, Math.ceil(days / USAGE_MAX_BUCKETS_PER_PAGE['1d']));
  const projects = Math.max(1, Math.ceil(projectCount / LIST_PAGE_SIZE));
  return { costs, usage, projects, total: costs + usage + projects };
}

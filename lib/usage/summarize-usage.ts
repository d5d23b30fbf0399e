import type { Scope } from '../admin-api/scope';
import type { CompletionsUsageBucket, CostBucket } from '../admin-api/responses';
import { normalizeCurrency, toMicros, type Micros } from '../core/money';
import { DAY_SECONDS, utcDayKey, utcDayStart, utcDaysInMonth, utcMonthStart } from '../core/utc-days';

/** The name callers already use for the one Scope (lib/admin-api/scope.ts). */
export type UsageScope = Scope;

export interface PeriodTotals {
  costMicros: Micros;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

export interface DailyCost {
  /** "YYYY-MM-DD", UTC. */
  day: string;
  /** Unix seconds of the UTC midnight that starts the day. */
  startTime: number;
  costMicros: Micros;
}

export interface LineItemCost {
  /** null for costs the API did not attribute to a line item. */
  lineItem: string | null;
  costMicros: Micros;
}

export interface ModelUsage {
  /** null for usage the API did not attribute to a model. */
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  requests: number;
}

export interface UsageSummary {
  scope: UsageScope;
  /** Uppercase ISO 4217 ("USD"); USD when there are no costs at all. */
  currency: string;
  /** All periods are UTC days, like the API's buckets and the dashboard. Today is partial. */
  today: PeriodTotals;
  yesterday: PeriodTotals;
  /** Today and the six UTC days before it. */
  last7Days: PeriodTotals;
  monthToDate: PeriodTotals;
  /** null while no day of the month is complete (the 1st, or the 2nd before the 1st's costs are in). */
  projectedMonthEndMicros: Micros | null;
  /** The last 30 UTC days, oldest first, today last; every day present. */
  daily: DailyCost[];
  /** Biggest costs over the same 30 days, largest first. */
  topLineItems: LineItemCost[];
  /** Most tokens over the same 30 days, largest first. */
  topModels: ModelUsage[];
}

export interface SummarizeUsageInput {
  /** Daily cost buckets, grouped by project_id and line_item. */
  costs: readonly CostBucket[];
  /** Daily completions-usage buckets, grouped by project_id and model. */
  usage: readonly CompletionsUsageBucket[];
  /** Epoch milliseconds. */
  now: number;
  scope: UsageScope;
  /** How many line items and models to keep (default 5). */
  topCount?: number;
  /** Start of the newest UTC day whose costs are complete (Unix seconds); default: costsCompleteThrough(costs, now). */
  costsCompleteThrough?: number;
}

export const SERIES_DAYS = 30;

/**
 * Costs arrive late (about daily) and may still change for a day or two, so: today is
 * never complete; yesterday is complete once costs for it or for today have been
 * reported; anything older is taken as complete (see docs/facts.md §1, "Costs lag").
 * Returns the start (Unix seconds) of the newest complete UTC day.
 */
export function costsCompleteThrough(costs: readonly CostBucket[], now: number): number {
  const today = utcDayStart(Math.floor(now / 1000));
  const yesterday = today - DAY_SECONDS;
  const reportedSince = costs.some((bucket) => bucket.results.length > 0 && bucket.startTime >= yesterday);
  return reportedSince ? yesterday : yesterday - DAY_SECONDS;
}

/**
 * Throws a RangeError when costs come in more than one currency: adding them up would
 * produce a meaningless number, and the API has only ever reported USD.
 */
export function summarizeUsage(input: SummarizeUsageInput): UsageSummary {
  const summaries = summarizeScopes({ ...input, scopes: [input.scope] });
  return summaries.get(input.scope) as UsageSummary;
}

export interface SummarizeScopesInput extends Omit<SummarizeUsageInput, 'scope'> {
  /** 'every-project': the organization and each project that has a cost or usage row. */
  scopes: readonly UsageScope[] | 'every-project';
}

/** Everything a summary is made of, before periods are cut and lists ranked. */
interface ScopeTotals {
  days: Map<number, PeriodTotals>;
  lineItems: Map<string | null, Micros>;
  models: Map<string | null, ModelUsage>;
}

/**
 * Summaries for many scopes in one pass over the rows: each row is added to the
 * organization and to its own project, so the work grows with the rows, not with rows ×
 * projects (a thousand active projects used to mean a thousand passes over every row).
 */
export function summarizeScopes(input: SummarizeScopesInput): Map<UsageScope, UsageSummary> {
  const nowSeconds = Math.floor(input.now / 1000);
  const today = utcDayStart(nowSeconds);
  const tomorrow = today + DAY_SECONDS;
  const seriesStart = today - (SERIES_DAYS - 1) * DAY_SECONDS;

  const totals = new Map<UsageScope, ScopeTotals>();
  const everyProject = input.scopes === 'every-project';
  const requested = new Set<UsageScope>(everyProject ? ['organization'] : input.scopes);
  for (const scope of requested) totals.set(scope, emptyScope());
  const organization = requested.has('organization') ? (totals.get('organization') as ScopeTotals) : null;
  /** The row's own project's totals, when asked for (created on first sight for 'every-project'). */
  const projectTotals = (projectId: string | null): ScopeTotals | null => {
    if (projectId === null || projectId === 'organization') return null;
    let project = totals.get(projectId);
    if (!project && everyProject) {
      project = emptyScope();
      totals.set(projectId, project);
    }
    return project ?? null;
  };

  const currencies = new Set<string>();
  for (const bucket of input.costs) {
    const day = utcDayStart(bucket.startTime);
    const inSeries = bucket.startTime >= seriesStart && bucket.startTime < tomorrow;
    for (const result of bucket.results) {
      currencies.add(normalizeCurrency(result.currency));
      const micros = toMicros(result.amountValue);
      // Each row counts towards the organization and towards its own project.
      if (organization) addCost(organization, day, inSeries, result.lineItem, micros);
      const project = projectTotals(result.projectId);
      if (project) addCost(project, day, inSeries, result.lineItem, micros);
    }
  }
  for (const bucket of input.usage) {
    const day = utcDayStart(bucket.startTime);
    const inSeries = bucket.startTime >= seriesStart && bucket.startTime < tomorrow;
    for (const result of bucket.results) {
      if (organization) addUsage(organization, day, inSeries, result);
      const project = projectTotals(result.projectId);
      if (project) addUsage(project, day, inSeries, result);
    }
  }
  if (currencies.size > 1) throw new RangeError(`Costs are in several currencies: ${[...currencies].join(', ')}`);

  const finish = {
    now: input.now,
    currency: currencies.values().next().value ?? 'USD',
    topCount: input.topCount ?? 5,
    completeThrough: input.costsCompleteThrough ?? costsCompleteThrough(input.costs, input.now),
  };
  const summaries = new Map<UsageScope, UsageSummary>();
  for (const [scope, scopeTotals] of totals) summaries.set(scope, finishSummary(scope, scopeTotals, finish));
  return summaries;
}

function addCost(scope: ScopeTotals, day: number, inSeries: boolean, lineItem: string | null, micros: Micros): void {
  dayTotals(scope, day).costMicros += micros;
  if (inSeries) scope.lineItems.set(lineItem, (scope.lineItems.get(lineItem) ?? 0) + micros);
}

function addUsage(scope: ScopeTotals, day: number, inSeries: boolean, result: CompletionsUsageBucket['results'][number]): void {
  const totals = dayTotals(scope, day);
  totals.inputTokens += result.inputTokens;
  totals.outputTokens += result.outputTokens;
  totals.requests += result.requests;
  if (!inSeries) return;
  let model = scope.models.get(result.model);
  if (!model) {
    model = { model: result.model, inputTokens: 0, outputTokens: 0, requests: 0 };
    scope.models.set(result.model, model);
  }
  model.inputTokens += result.inputTokens;
  model.outputTokens += result.outputTokens;
  model.requests += result.requests;
}

function emptyScope(): ScopeTotals {
  return { days: new Map(), lineItems: new Map(), models: new Map() };
}

function dayTotals(scope: ScopeTotals, day: number): PeriodTotals {
  let totals = scope.days.get(day);
  if (!totals) {
    totals = emptyTotals();
    scope.days.set(day, totals);
  }
  return totals;
}

function finishSummary(
  scope: UsageScope,
  { days, lineItems, models }: ScopeTotals,
  options: { now: number; currency: string; topCount: number; completeThrough: number },
): UsageSummary {
  const nowSeconds = Math.floor(options.now / 1000);
  const today = utcDayStart(nowSeconds);
  const tomorrow = today + DAY_SECONDS;
  const seriesStart = today - (SERIES_DAYS - 1) * DAY_SECONDS;
  const monthStart = utcMonthStart(nowSeconds);
  const sumDays = (from: number, to: number): PeriodTotals => {
    const sum = emptyTotals();
    for (const [day, totals] of days) {
      if (day < from || day >= to) continue;
      sum.costMicros += totals.costMicros;
      sum.inputTokens += totals.inputTokens;
      sum.outputTokens += totals.outputTokens;
      sum.requests += totals.requests;
    }
    return sum;
  };
  const monthToDate = sumDays(monthStart, tomorrow);
  // Days whose costs may still be arriving are left out of the average, like today.
  const completeEnd = Math.min(today, options.completeThrough + DAY_SECONDS);
  return {
    scope,
    currency: options.currency,
    today: sumDays(today, tomorrow),
    yesterday: sumDays(today - DAY_SECONDS, today),
    last7Days: sumDays(today - 6 * DAY_SECONDS, tomorrow),
    monthToDate,
    projectedMonthEndMicros: projectMonthEnd({
      completeDays: Math.max(0, (completeEnd - monthStart) / DAY_SECONDS),
      completeDaysMicros: sumDays(monthStart, completeEnd).costMicros,
      monthToDateMicros: monthToDate.costMicros,
      daysInMonth: utcDaysInMonth(nowSeconds),
    }),
    daily: Array.from({ length: SERIES_DAYS }, (_, i) => {
      const startTime = seriesStart + i * DAY_SECONDS;
      return { day: utcDayKey(startTime), startTime, costMicros: days.get(startTime)?.costMicros ?? 0 };
    }),
    topLineItems: [...lineItems]
      .map(([lineItem, costMicros]) => ({ lineItem, costMicros }))
      .filter((item) => item.costMicros !== 0)
      .sort((a, b) => b.costMicros - a.costMicros || compareNullableNames(a.lineItem, b.lineItem))
      .slice(0, options.topCount),
    topModels: [...models.values()]
      .filter((model) => model.inputTokens + model.outputTokens + model.requests > 0)
      .sort(
        (a, b) =>
          b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) ||
          b.requests - a.requests ||
          compareNullableNames(a.model, b.model),
      )
      .slice(0, options.topCount),
  };
}

/**
 * Projection rule: the average of this month's complete UTC days, times the days in the
 * month. Today, and any day whose costs are still arriving, are left out of the average:
 * they are still filling up (and would drag the average down every morning). The result
 * never falls below what has already been spent, so a spike today still shows in the
 * projection.
 */
function projectMonthEnd(month: {
  completeDays: number;
  completeDaysMicros: Micros;
  monthToDateMicros: Micros;
  daysInMonth: number;
}): Micros | null {
  if (month.completeDays === 0) return null;
  const projected = Math.round((month.completeDaysMicros / month.completeDays) * month.daysInMonth);
  return Math.max(projected, month.monthToDateMicros);
}

function emptyTotals(): PeriodTotals {
  return { costMicros: 0, inputTokens: 0, outputTokens: 0, requests: 0 };
}

/** Stable order for ties; unattributed (null) last. */
function compareNullableNames(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

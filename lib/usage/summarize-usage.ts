import type { CompletionsUsageBucket, CostBucket } from '../admin-api/responses';
import { normalizeCurrency, toMicros, type Micros } from './money';
import { DAY_SECONDS, utcDayKey, utcDayStart, utcDaysInMonth, utcMonthStart } from './utc-days';

/** The whole organization, or one project by id ("proj_…"). */
export type UsageScope = 'organization' | (string & {});

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
  /** null on the first UTC day of a month: no complete day to extrapolate from. */
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
}

export const SERIES_DAYS = 30;

/**
 * Throws a RangeError when costs come in more than one currency: adding them up would
 * produce a meaningless number, and the API has only ever reported USD.
 */
export function summarizeUsage(input: SummarizeUsageInput): UsageSummary {
  const { scope } = input;
  const topCount = input.topCount ?? 5;
  const nowSeconds = Math.floor(input.now / 1000);
  const today = utcDayStart(nowSeconds);
  const tomorrow = today + DAY_SECONDS;
  const seriesStart = today - (SERIES_DAYS - 1) * DAY_SECONDS;
  const monthStart = utcMonthStart(nowSeconds);
  const inScope = (projectId: string | null) => scope === 'organization' || projectId === scope;

  const days = new Map<number, PeriodTotals>();
  const dayTotals = (startTime: number): PeriodTotals => {
    const day = utcDayStart(startTime);
    let totals = days.get(day);
    if (!totals) {
      totals = emptyTotals();
      days.set(day, totals);
    }
    return totals;
  };
  const lineItems = new Map<string | null, Micros>();
  const models = new Map<string | null, ModelUsage>();
  const currencies = new Set<string>();

  for (const bucket of input.costs) {
    const inSeries = bucket.startTime >= seriesStart && bucket.startTime < tomorrow;
    for (const result of bucket.results) {
      currencies.add(normalizeCurrency(result.currency));
      if (!inScope(result.projectId)) continue;
      const micros = toMicros(result.amountValue);
      dayTotals(bucket.startTime).costMicros += micros;
      if (inSeries) lineItems.set(result.lineItem, (lineItems.get(result.lineItem) ?? 0) + micros);
    }
  }

  for (const bucket of input.usage) {
    const inSeries = bucket.startTime >= seriesStart && bucket.startTime < tomorrow;
    for (const result of bucket.results) {
      if (!inScope(result.projectId)) continue;
      const totals = dayTotals(bucket.startTime);
      totals.inputTokens += result.inputTokens;
      totals.outputTokens += result.outputTokens;
      totals.requests += result.requests;
      if (!inSeries) continue;
      const model = models.get(result.model) ?? { model: result.model, inputTokens: 0, outputTokens: 0, requests: 0 };
      model.inputTokens += result.inputTokens;
      model.outputTokens += result.outputTokens;
      model.requests += result.requests;
      models.set(result.model, model);
    }
  }

  if (currencies.size > 1) throw new RangeError(`Costs are in several currencies: ${[...currencies].join(', ')}`);

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

  return {
    scope,
    currency: currencies.values().next().value ?? 'USD',
    today: sumDays(today, tomorrow),
    yesterday: sumDays(today - DAY_SECONDS, today),
    last7Days: sumDays(today - 6 * DAY_SECONDS, tomorrow),
    monthToDate,
    projectedMonthEndMicros: projectMonthEnd({
      completeDays: (today - monthStart) / DAY_SECONDS,
      completeDaysMicros: sumDays(monthStart, today).costMicros,
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
      .slice(0, topCount),
    topModels: [...models.values()]
      .filter((model) => model.inputTokens + model.outputTokens + model.requests > 0)
      .sort(
        (a, b) =>
          b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) ||
          b.requests - a.requests ||
          compareNullableNames(a.model, b.model),
      )
      .slice(0, topCount),
  };
}

/**
 * Projection rule: the average of this month's complete UTC days, times the days in the
 * month. Today is left out of the average because its bucket is still filling up (and
 * would drag the average down every morning). The result never falls below what has
 * already been spent, so a spike today still shows in the projection.
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

import type { Micros } from '../core/money';
import { SERIES_DAYS, type PeriodTotals, type UsageScope, type UsageSummary } from './summarize-usage';
import { DAY_SECONDS, utcDayKey, utcDayStart } from '../core/utc-days';

/** [cost micros, input tokens, output tokens, requests]. */
type PackedTotals = [Micros, number, number, number];

/**
 * A project's summary with nothing the reader can rebuild: the scope is its key, the
 * currency the organization's, each day's date follows from the refresh time. About a
 * quarter of the unpacked size, so thousands of active projects stay well inside the
 * browser's storage.session quota.
 */
export interface PackedSummary {
  /** Today, yesterday, last 7 days, month to date. */
  p: [PackedTotals, PackedTotals, PackedTotals, PackedTotals];
  /** Projected month end (micros), or null. */
  m: Micros | null;
  /** Daily cost of the last 30 UTC days, oldest first; absent when all are zero. */
  d?: Micros[];
  /** Top line items: [line item, micros]. */
  l?: [string | null, Micros][];
  /** Top models: [model, input tokens, output tokens, requests]. */
  o?: [string | null, number, number, number][];
}

const packTotals = (totals: PeriodTotals): PackedTotals => [totals.costMicros, totals.inputTokens, totals.outputTokens, totals.requests];
const unpackTotals = ([costMicros, inputTokens, outputTokens, requests]: PackedTotals): PeriodTotals => ({
  costMicros,
  inputTokens,
  outputTokens,
  requests,
});

export function packSummary(summary: UsageSummary): PackedSummary {
  const packed: PackedSummary = {
    p: [packTotals(summary.today), packTotals(summary.yesterday), packTotals(summary.last7Days), packTotals(summary.monthToDate)],
    m: summary.projectedMonthEndMicros,
  };
  if (summary.daily.some((day) => day.costMicros !== 0)) packed.d = summary.daily.map((day) => day.costMicros);
  if (summary.topLineItems.length > 0) packed.l = summary.topLineItems.map((item) => [item.lineItem, item.costMicros]);
  if (summary.topModels.length > 0) {
    packed.o = summary.topModels.map((model) => [model.model, model.inputTokens, model.outputTokens, model.requests]);
  }
  return packed;
}

/** The summary packSummary was given, for the refresh made at `fetchedAt` (epoch milliseconds). */
export function unpackSummary(packed: PackedSummary, scope: UsageScope, context: { fetchedAt: number; currency: string }): UsageSummary {
  const [today, yesterday, last7Days, monthToDate] = packed.p.map(unpackTotals) as [PeriodTotals, PeriodTotals, PeriodTotals, PeriodTotals];
  const seriesStart = utcDayStart(Math.floor(context.fetchedAt / 1000)) - (SERIES_DAYS - 1) * DAY_SECONDS;
  return {
    scope,
    currency: context.currency,
    today,
    yesterday,
    last7Days,
    monthToDate,
    projectedMonthEndMicros: packed.m,
    daily: Array.from({ length: SERIES_DAYS }, (_, i) => {
      const startTime = seriesStart + i * DAY_SECONDS;
      return { day: utcDayKey(startTime), startTime, costMicros: packed.d?.[i] ?? 0 };
    }),
    topLineItems: (packed.l ?? []).map(([lineItem, costMicros]) => ({ lineItem, costMicros })),
    topModels: (packed.o ?? []).map(([model, inputTokens, outputTokens, requests]) => ({ model, inputTokens, outputTokens, requests })),
  };
}

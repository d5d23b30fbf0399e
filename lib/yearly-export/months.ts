import type { MonthKey } from '../archive/month-range';
import { DAY_SECONDS, utcDayKey, utcDayStart } from '../usage/utc-days';

/** One UTC month of the export; `end` is exclusive and may be clipped to "until". */
export interface MonthSpan {
  month: MonthKey;
  /** Unix seconds, inclusive. */
  start: number;
  /** Unix seconds, exclusive. */
  end: number;
  /** 'YYYY-MM-DD' of the first and last day, as in the dashboard's file names. */
  firstDay: string;
  lastDay: string;
}

const utcMonth = (year: number, monthIndex: number): number => Date.UTC(year, monthIndex, 1) / 1000;

/**
 * The UTC months of `year`. With `until` (Unix seconds, e.g. now) the range stops at the end
 * of that instant's UTC day: the current month is cut short and later months are left out,
 * as they have no data yet.
 */
export function yearMonths(year: number, until?: number): MonthSpan[] {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`Not a supported year: ${year}`);
  const limit = until === undefined ? Number.POSITIVE_INFINITY : utcDayStart(until) + DAY_SECONDS;
  const spans: MonthSpan[] = [];
  for (let monthIndex = 0; monthIndex < 12; monthIndex += 1) {
    const start = utcMonth(year, monthIndex);
    const end = Math.min(utcMonth(year, monthIndex + 1), limit);
    if (start >= end) break;
    spans.push({
      month: utcDayKey(start).slice(0, 7),
      start,
      end,
      firstDay: utcDayKey(start),
      lastDay: utcDayKey(end - DAY_SECONDS),
    });
  }
  if (spans.length === 0) throw new RangeError(`${year} has not started yet`);
  return spans;
}

export type Dataset = 'costs' | 'completions_usage';

const FILE_PREFIX: Record<Dataset, string> = { costs: 'cost', completions_usage: 'completions_usage' };

/** The dashboard's name for a month's file: `cost_2025-01-01_2025-01-31.csv`. */
export function monthFileName(dataset: Dataset, span: MonthSpan): string {
  return `${FILE_PREFIX[dataset]}_${span.firstDay}_${span.lastDay}.csv`;
}

export function spanDays(span: Pick<MonthSpan, 'start' | 'end'>): number {
  return (span.end - span.start) / DAY_SECONDS;
}

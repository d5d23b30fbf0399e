import { monthsInRange, type MonthSpan } from '../archive/month-range';
import { DAY_SECONDS, utcDayStart } from '../core/utc-days';

/**
 * The UTC months of `year`. With `until` (Unix seconds, e.g. now) the range stops at the end
 * of that instant's UTC day: the current month is cut short and later months are left out,
 * as they have no data yet.
 */
export function yearMonths(year: number, until?: number): MonthSpan[] {
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw new RangeError(`Not a supported year: ${year}`);
  const yearStart = Date.UTC(year, 0, 1) / 1000;
  const yearEnd = Date.UTC(year + 1, 0, 1) / 1000;
  const end = until === undefined ? yearEnd : Math.min(yearEnd, utcDayStart(until) + DAY_SECONDS);
  if (end <= yearStart) throw new RangeError(`${year} has not started yet`);
  return monthsInRange(new Date(yearStart * 1000), new Date((end - DAY_SECONDS) * 1000));
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

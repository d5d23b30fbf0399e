import { isMonthKey, monthsInRange, shiftDay, toCalendarProxy, type DayRange, type MonthKey, type MonthSpan } from '../archive/month-range';
import { dayPeriod } from '../archive/archive-name';
import { utcDayKey } from '../core/utc-days';

/**
 * What an accounting export covers: a calendar year, a fiscal year starting in any month,
 * a quarter, a month, or any range of whole UTC days (the Admin API counts days in UTC,
 * docs/facts.md §1).
 */
export type ExportPeriod =
  | { kind: 'year'; year: number }
  /** Twelve months from `start` ('YYYY-MM'), e.g. 2025-04 to 2026-03. */
  | { kind: 'fiscal-year'; start: MonthKey }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; month: MonthKey }
  | { kind: 'range'; start: string; endInclusive: string };

/** The first year the Admin API's cost and usage buckets can hold anything. */
export const FIRST_EXPORT_YEAR = 2020;
const FIRST_DAY = `${FIRST_EXPORT_YEAR}-01-01`;

const pad = (value: number): string => String(value).padStart(2, '0');
const lastMonthOf = (first: MonthKey, months: number): MonthKey => {
  const [year = 0, month = 1] = first.split('-').map(Number);
  const index = year * 12 + (month - 1) + months - 1;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}`;
};
const monthDays = (first: MonthKey, last: MonthKey): DayRange => {
  const end = shiftDay(`${lastMonthOf(last, 2)}-01`, -1);
  return { start: `${first}-01`, endInclusive: end };
};

/** The whole UTC days a period covers, both ends included. */
export function periodDays(period: ExportPeriod): DayRange {
  switch (period.kind) {
    case 'year':
      return { start: `${period.year}-01-01`, endInclusive: `${period.year}-12-31` };
    case 'fiscal-year':
      return monthDays(period.start, lastMonthOf(period.start, 12));
    case 'quarter': {
      const first = `${period.year}-${pad((period.quarter - 1) * 3 + 1)}`;
      return monthDays(first, lastMonthOf(first, 3));
    }
    case 'month':
      return monthDays(period.month, period.month);
    case 'range':
      return { start: period.start, endInclusive: period.endInclusive };
  }
}

/**
 * The last day a period under way is fetched to: `until`'s UTC day when the period ends
 * after it (later days have no data yet), else null (the whole period is covered).
 */
export function periodCutAt(period: ExportPeriod, until?: number): string | null {
  if (until === undefined) return null;
  const today = utcDayKey(until);
  return today < periodDays(period).endInclusive ? today : null;
}

/**
 * How the archive's name and the page state the period: '2025', 'FY2025-04_2026-03', '2025-Q2',
 * '2025-03', or its days. A period cut at `cutAt` (periodCutAt) ends in 'to-YYYY-MM-DD', so a
 * period under way is never named as the whole of it.
 */
export function periodLabel(period: ExportPeriod, cutAt: string | null = null): string[] {
  const label = wholePeriodLabel(period);
  return cutAt === null ? label : [...label, `to-${cutAt}`];
}

function wholePeriodLabel(period: ExportPeriod): string[] {
  switch (period.kind) {
    case 'year':
      return [String(period.year)];
    case 'fiscal-year':
      return [`FY${period.start}`, lastMonthOf(period.start, 12)];
    case 'quarter':
      return [`${period.year}-Q${period.quarter}`];
    case 'month':
      return [period.month];
    case 'range':
      return dayPeriod(periodDays(period));
  }
}

/** The period in words, for headings and buttons: "2025", "fiscal year 2025-04 to 2026-03", "2025-01-15 to 2025-02-14". */
export function describePeriod(period: ExportPeriod): string {
  switch (period.kind) {
    case 'fiscal-year':
      return `fiscal year ${period.start} to ${lastMonthOf(period.start, 12)}`;
    case 'range': {
      const { start, endInclusive } = periodDays(period);
      return start === endInclusive ? start : `${start} to ${endInclusive}`;
    }
    default:
      return wholePeriodLabel(period).join(' ');
  }
}

/**
 * The UTC months of the period, each clipped to it, as the files are split. With `until`
 * (Unix seconds, e.g. now) the period stops at the end of that instant's UTC day: later
 * days have no data yet. Throws RangeError for a period that has not started by then.
 */
export function periodMonths(period: ExportPeriod, until?: number): MonthSpan[] {
  const days = periodDays(period);
  const end = periodCutAt(period, until) ?? days.endInclusive;
  if (end < days.start) throw new RangeError(`${describePeriod(period)} has not started yet`);
  return monthsInRange(days.start, end);
}

/** Checks a period: real days, in order, from FIRST_EXPORT_YEAR on and not after `today` ('YYYY-MM-DD'). Null when fine. */
export function periodProblem(period: ExportPeriod, today: string): string | null {
  let days: DayRange;
  try {
    if (period.kind === 'fiscal-year' && !isMonthKey(period.start)) return `"${period.start}" is not a month (YYYY-MM).`;
    if (period.kind === 'month' && !isMonthKey(period.month)) return `"${period.month}" is not a month (YYYY-MM).`;
    days = periodDays(period);
    toCalendarProxy(days.start);
    toCalendarProxy(days.endInclusive);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (days.start > days.endInclusive) return `The period starts after it ends (${days.start} > ${days.endInclusive}).`;
  if (days.start < FIRST_DAY) return `The Admin API holds nothing before ${FIRST_DAY}.`;
  if (days.start > today) return `${describePeriod(period)} has not started yet.`;
  return null;
}

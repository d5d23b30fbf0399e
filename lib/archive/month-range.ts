import { addMonths, differenceInCalendarMonths, format, isValid, lastDayOfMonth } from 'date-fns';

/** A UTC calendar month, 'YYYY-MM'. */
export type MonthKey = string;

/** A UTC calendar day as 'YYYY-MM-DD', or a Date whose UTC calendar day is meant. */
export type CalendarDateInput = string | Date;

/** One month of an export range; `start`/`endInclusive` are clipped to the range, as the dashboard's per-month files are. */
export interface MonthSpan {
  month: MonthKey;
  start: string;
  endInclusive: string;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonthKey(value: string): value is MonthKey {
  return MONTH_KEY.test(value);
}

/**
 * The dashboard and the Admin API count days in UTC, but date-fns computes in the local zone.
 * Every date here is therefore a "calendar proxy": a local Date at noon carrying the UTC
 * calendar fields. Noon exists on every local day whatever the DST rules, so local calendar
 * arithmetic on proxies equals UTC calendar arithmetic in any time zone.
 */
function calendarProxy(year: number, monthIndex: number, day: number): Date {
  const proxy = new Date(2000, 0, 1, 12);
  // setFullYear, unlike the Date constructor, does not map years 0–99 to 1900–1999.
  proxy.setFullYear(year, monthIndex, day);
  return proxy;
}

/** Parses 'YYYY-MM-DD' (rejecting impossible days such as 2023-02-29) or reads a Date's UTC day. */
export function toCalendarProxy(input: CalendarDateInput): Date {
  if (typeof input !== 'string') {
    if (!isValid(input)) throw new RangeError('Invalid Date');
    return calendarProxy(input.getUTCFullYear(), input.getUTCMonth(), input.getUTCDate());
  }
  const match = ISO_DAY.exec(input);
  if (!match) throw new RangeError(`Expected a day as YYYY-MM-DD, got ${JSON.stringify(input)}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const proxy = calendarProxy(year, month - 1, day);
  // Date rolls 2023-02-29 over to March 1st; a day that does not exist must not become another.
  if (proxy.getFullYear() !== year || proxy.getMonth() !== month - 1 || proxy.getDate() !== day) {
    throw new RangeError(`No such day: ${input}`);
  }
  return proxy;
}

const formatDay = (proxy: Date): string => format(proxy, 'yyyy-MM-dd');

/**
 * The UTC calendar months covered by `start`..`endInclusive`, oldest first. The first and
 * last spans start/end at the range's own days (the dashboard names such a file e.g.
 * `cost_2025-12-22_2025-12-31.csv`); months in between are whole.
 */
export function monthsInRange(start: CalendarDateInput, endInclusive: CalendarDateInput): MonthSpan[] {
  const first = toCalendarProxy(start);
  const last = toCalendarProxy(endInclusive);
  if (first > last) {
    throw new RangeError(`Range starts after it ends: ${formatDay(first)} > ${formatDay(last)}`);
  }
  const firstMonth = calendarProxy(first.getFullYear(), first.getMonth(), 1);
  const count = differenceInCalendarMonths(last, first) + 1;
  return Array.from({ length: count }, (_, index): MonthSpan => {
    const monthStart = addMonths(firstMonth, index);
    return {
      month: format(monthStart, 'yyyy-MM'),
      start: index === 0 ? formatDay(first) : formatDay(monthStart),
      endInclusive: index === count - 1 ? formatDay(last) : formatDay(lastDayOfMonth(monthStart)),
    };
  });
}

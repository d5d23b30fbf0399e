import { addDays, addMonths, differenceInCalendarMonths, isValid, lastDayOfMonth } from 'date-fns';

/** A UTC calendar month, 'YYYY-MM'. */
export type MonthKey = string;

/** A UTC calendar day as 'YYYY-MM-DD', or a Date whose UTC calendar day is meant. */
export type CalendarDateInput = string | Date;

/** A range of whole UTC days, 'YYYY-MM-DD', both ends included (as a manifest states it). */
export interface DayRange {
  start: string;
  endInclusive: string;
}

/**
 * One month of an export range, clipped to the range as the dashboard's per-month files
 * are: the one span type of both exports (the usage-page ZIP and the accounting export).
 */
export interface MonthSpan {
  month: MonthKey;
  /** First and last UTC day, 'YYYY-MM-DD', as in the dashboard's file names. */
  firstDay: string;
  lastDay: string;
  /** Unix seconds, as the Admin API counts: 00:00 UTC of firstDay, inclusive. */
  start: number;
  /** Unix seconds: 00:00 UTC of the day after lastDay, exclusive. */
  end: number;
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

// Written by hand: date-fns' format would bring its locale machinery into every export page.
const pad = (value: number, length: number): string => String(value).padStart(length, '0');
const formatMonth = (proxy: Date): MonthKey => `${pad(proxy.getFullYear(), 4)}-${pad(proxy.getMonth() + 1, 2)}`;
const formatDay = (proxy: Date): string => `${formatMonth(proxy)}-${pad(proxy.getDate(), 2)}`;

/** Unix seconds of 00:00 UTC on a proxy's calendar day. */
function utcSeconds(proxy: Date): number {
  const utc = new Date(0);
  utc.setUTCFullYear(proxy.getFullYear(), proxy.getMonth(), proxy.getDate());
  return utc.getTime() / 1000;
}

/**
 * The UTC calendar months covered by `start`..`endInclusive`, oldest first. The first and
 * last spans start/end at the range's own days (the dashboard names such a file e.g.
 * `cost_2025-12-22_2025-12-31.csv`); months in between are whole. Each span carries its
 * days both as text (file names, manifests) and as Unix seconds (Admin API queries).
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
    const firstDay = index === 0 ? first : monthStart;
    const lastDay = index === count - 1 ? last : lastDayOfMonth(monthStart);
    return {
      month: formatMonth(monthStart),
      firstDay: formatDay(firstDay),
      lastDay: formatDay(lastDay),
      start: utcSeconds(firstDay),
      end: utcSeconds(addDays(lastDay, 1)),
    };
  });
}

/** The whole months `first` to `last` as a range of days: '2024-01-01' to '2024-12-31'. */
export function wholeMonths(first: MonthKey, last: MonthKey): DayRange {
  for (const month of [first, last]) {
    if (!isMonthKey(month)) throw new RangeError(`Expected a month as YYYY-MM, got ${JSON.stringify(month)}`);
  }
  const end = lastDayOfMonth(toCalendarProxy(`${last}-01`));
  return { start: `${first}-01`, endInclusive: formatDay(end) };
}

/** The day `days` after (or before, when negative) a 'YYYY-MM-DD' day. */
export function shiftDay(day: string, days: number): string {
  return formatDay(addDays(toCalendarProxy(day), days));
}

/** The whole month `month` as a range of days. */
export function monthRange(month: MonthKey): DayRange {
  return wholeMonths(month, month);
}

/** Whether `inner` lies within `outer`, both ends included ('YYYY-MM-DD' compares as text). */
export function rangeContains(outer: DayRange, inner: DayRange): boolean {
  return outer.start <= inner.start && inner.endInclusive <= outer.endInclusive;
}

/** Whether two ranges share at least one day. */
export function rangesOverlap(a: DayRange, b: DayRange): boolean {
  return a.start <= b.endInclusive && b.start <= a.endInclusive;
}

/** The month a range lies in, or null when it spans several. */
export function monthOfRange(range: DayRange): MonthKey | null {
  const month = range.start.slice(0, 7);
  return range.endInclusive.slice(0, 7) === month ? month : null;
}

/** Whether a range starts on a month's first day and ends on a month's last (so months name it exactly). */
export function isWholeMonths(range: DayRange): boolean {
  return range.start.endsWith('-01') && shiftDay(range.endInclusive, 1).endsWith('-01');
}

/** The smallest range covering all of `ranges`; null for none. */
export function spanOf(ranges: readonly DayRange[]): DayRange | null {
  if (ranges.length === 0) return null;
  let { start, endInclusive } = ranges[0] as DayRange;
  for (const range of ranges) {
    if (range.start < start) start = range.start;
    if (range.endInclusive > endInclusive) endInclusive = range.endInclusive;
  }
  return { start, endInclusive };
}

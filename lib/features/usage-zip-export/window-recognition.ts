import { isValid, parse } from 'date-fns';
import { isMonthKey, monthRange, toCalendarProxy, type DayRange } from '../../archive/month-range';

/**
 * The dashboard exports a range as windows of at most 31 days counting both ends, named
 * e.g. `cost_2026-06-01_2026-07-01.csv`, and may give one file per capability per window
 * (`completions_usage_…`, `embeddings_usage_…`): docs/facts.md §2. A row of the Export
 * modal is one such window; its label may be a date range, a month, or nothing readable.
 */

/** What a dashboard export file's name says: the capability ('cost', 'completions_usage'…) and its days. */
export interface FileWindow {
  kind: string;
  range: DayRange;
}

// Browsers append " (1)" (Chrome) or "(1)" (Firefox) when the same name was downloaded before.
const DASHBOARD_FILE_NAME = /^([a-z][a-z0-9_]*?)_(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})(?: ?\(\d+\))?\.[a-z0-9]+$/i;

/** An ordered range of two real days, else null. */
function dayRange(start: string, endInclusive: string): DayRange | null {
  try {
    toCalendarProxy(start);
    toCalendarProxy(endInclusive);
  } catch {
    return null;
  }
  return start <= endInclusive ? { start, endInclusive } : null;
}

/** The window a dashboard export file covers, from its name; null for any other name. */
export function windowFromFileName(fileName: string): FileWindow | null {
  const baseName = fileName.split(/[\\/]/).pop() ?? '';
  const match = DASHBOARD_FILE_NAME.exec(baseName);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  const range = dayRange(match[2], match[3]);
  return range && { kind: match[1].toLowerCase(), range };
}

const ISO_DAY = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g;
// "Jun 1", "June 1st, 2026", "Jun. 1 2026" | "1 Jun", "1 June 2026"
const NAMED_DATE =
  /(?<m1>\p{L}+)\.?\s(?<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s(?<y1>\d{4})\b)?|\b(?<d2>\d{1,2})(?:st|nd|rd|th)?\s(?<m2>\p{L}+)\.?(?:,?\s(?<y2>\d{4})\b)?/gu;
// "Jun 1 – 30, 2026": the second date gives only its day.
const SAME_MONTH_RANGE = /(\p{L}+)\.?\s(\d{1,2})\s?[–—-]\s?(\d{1,2}),?\s(\d{4})\b/u;
const NAMED_MONTH = /(\p{L}+)\.?,?\s(\d{4})\b/gu;
const ISO_MONTH = /\b(\d{4})-(\d{2})\b(?!-\d)/;
// en-GB abbreviates September as "Sept", which date-fns' en-US parser does not know.
const SEPT = /^sept$/i;

/** 1–12 for an English month name or abbreviation (any case), else null. */
function monthNumber(name: string): number | null {
  // date-fns would also take the one-letter narrow forms ("A" for April).
  if (name.length < 3) return null;
  // 'MMMM' also accepts the three-letter abbreviations, and the whole input must match.
  const parsed = parse(SEPT.test(name) ? 'Sep' : name, 'MMMM', new Date(2000, 0, 1, 12));
  return isValid(parsed) ? parsed.getMonth() + 1 : null;
}

interface NamedDate {
  month: number;
  day: number;
  year: number | null;
}

function namedDates(text: string): NamedDate[] {
  const dates: NamedDate[] = [];
  NAMED_DATE.lastIndex = 0;
  for (let match = NAMED_DATE.exec(text); match; match = NAMED_DATE.exec(text)) {
    const groups = match.groups ?? {};
    const month = monthNumber(groups.m1 ?? groups.m2 ?? '');
    if (month === null) {
      // "Costs 1 Jun 2026": a word that is no month may hide a date starting inside the match.
      NAMED_DATE.lastIndex = match.index + 1;
      continue;
    }
    const year = groups.y1 ?? groups.y2;
    dates.push({ month, day: Number(groups.d1 ?? groups.d2), year: year ? Number(year) : null });
  }
  return dates;
}

const iso = (year: number, month: number, day: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** Two named dates as a range; a missing year is the other's (a year earlier when the months wrap). */
function namedRange(from: NamedDate, to: NamedDate): DayRange | null {
  const toYear = to.year ?? from.year;
  if (toYear === null) return null;
  const fromYear = from.year ?? (from.month > to.month ? toYear - 1 : toYear);
  return dayRange(iso(fromYear, from.month, from.day), iso(toYear, to.month, to.day));
}

function monthIn(text: string): DayRange | null {
  const isoMonth = ISO_MONTH.exec(text);
  if (isoMonth && isMonthKey(`${isoMonth[1]}-${isoMonth[2]}`)) return monthRange(`${isoMonth[1]}-${isoMonth[2]}`);
  NAMED_MONTH.lastIndex = 0;
  for (let match = NAMED_MONTH.exec(text); match; match = NAMED_MONTH.exec(text)) {
    const month = monthNumber(match[1] ?? '');
    if (month !== null) return monthRange(iso(Number(match[2]), month, 1).slice(0, 7));
    NAMED_MONTH.lastIndex = match.index + 1;
  }
  return null;
}

/**
 * The days a row label names: a range of ISO days ("2026-06-01 – 2026-07-01", a file name),
 * of named dates ("Jun 1, 2026 – Jul 1, 2026", "Jun 1 – Jul 1, 2026", "1 June – 1 July 2026",
 * "Jun 1 – 30, 2026"), or a month ("June 2026", "2026-06"); the dates may sit among other
 * text. Null when the label names no days: such rows are matched to files by click order.
 */
export function windowFromLabel(label: string): DayRange | null {
  const text = label.replace(/\s+/g, ' ').trim();
  const isoDays = [...text.matchAll(ISO_DAY)].map((match) => match[1] as string);
  if (isoDays.length >= 2) return dayRange(isoDays[0] as string, isoDays[1] as string);
  if (isoDays.length === 1) return dayRange(isoDays[0] as string, isoDays[0] as string);
  const sameMonth = SAME_MONTH_RANGE.exec(text);
  const sameMonthNumber = sameMonth ? monthNumber(sameMonth[1] ?? '') : null;
  if (sameMonth && sameMonthNumber !== null) {
    const year = Number(sameMonth[4]);
    return dayRange(iso(year, sameMonthNumber, Number(sameMonth[2])), iso(year, sameMonthNumber, Number(sameMonth[3])));
  }
  const dates = namedDates(text);
  if (dates.length >= 2) return namedRange(dates[0] as NamedDate, dates[1] as NamedDate);
  if (dates.length === 1 && dates[0]?.year != null) return namedRange(dates[0], dates[0]);
  return monthIn(text);
}
